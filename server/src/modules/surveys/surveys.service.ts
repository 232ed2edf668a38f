// R7.3 the annual satisfaction survey, staff side: 机关党委 writes the questionnaire, draws the
// stratified sample (shown before it is fixed), fixes it — which issues every sampled enterprise a
// single-use signed link by SMS outbox and portal notice — records face-to-face answers, reminds,
// closes; results weighted by the design. The lifecycle is the table of domain/surveys/transitions.ts.
// Anonymity: units see their own unit's figures, never which enterprise said what (机关党委 can; when
// the survey is not anonymous, leaders can too). The results and the year's index: surveys.results.ts.
import { SECTOR_LABELS, SIZE_LABELS, type EnterpriseSize, type Sector } from '../../../../shared/enterprises.ts';
import { RESPONSE_MODE_LABELS, SURVEY_STATE_LABELS, type SurveyAction, type SurveyAnswers, type SurveyQuestion } from '../../../../shared/surveys.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { SurveySampleParams, SurveyStratum } from '../../db/schema-surveys.ts';
import { surveys } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { getRegion, cityOf } from '../../domain/regions/index.ts';
import { drawSample } from '../../domain/surveys/sampling.ts';
import { answerProblems, DEFAULT_QUESTIONS, questionnaireProblems } from '../../domain/surveys/questionnaire.ts';
import { allowedSurveyActions, checkSurveyTransition, type SurveyParty } from '../../domain/surveys/transitions.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type Actor, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { enterpriseNamesById, surveyPopulation } from '../enterprises/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { queueSms } from '../portal/index.ts';
import { activeUnitsById } from '../units/index.ts';
import { activeEnterpriseAccountIds } from '../users/index.ts';
import * as repo from './surveys.repository.ts';

export { surveyOwner } from './surveys.repository.ts';

export const SURVEY_LINK_PATH = '/s/';
export const surveyLinkUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}${SURVEY_LINK_PATH}${token}`;
export const surveyTokenHash = (token: string) => sha256(token);

/** The links expire at the end (24:00 Asia/Shanghai) of the survey's last day. */
export const linkExpiry = (closesOn: string) => new Date(Date.parse(`${closesOn}T00:00:00+08:00`) + 86_400_000);

export const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

export function surveyParties(actor: Actor): SurveyParty[] {
  return hasRole(actor, 'oversight') ? ['oversight'] : [];
}

/** Sees every unit's figures: 机关党委 and 厅领导. */
export const seesAll = (actor: Actor) => hasRole(actor, 'oversight', 'leader');
/** Sees which enterprise said what: 机关党委 always; leaders when the survey is not anonymous. */
export const seesRespondents = (actor: Actor, s: repo.SurveyRow) => hasRole(actor, 'oversight') || (!s.anonymous && hasRole(actor, 'leader'));

function guard(s: repo.SurveyRow, action: SurveyAction, parties: readonly SurveyParty[]) {
  const c = checkSurveyTransition(s.state, action, parties);
  if (!c.ok) throw new AppError(c.status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_TRANSITION, c.message, { details: { state: s.state } });
  return c.next;
}

export const cityName = (code: string) => getRegion(code)?.name ?? '其他';
export function stratumLabel(key: string) {
  const [city, sector, size] = key.split('|');
  return `${cityName(city)} · ${SECTOR_LABELS[sector as Sector] ?? sector} · ${SIZE_LABELS[size as EnterpriseSize] ?? size}`;
}

// ---------------------------------------------------------------- presentation

function present(s: repo.SurveyRow, actor: Actor, sample: repo.SampleRow[] | null) {
  const rates = new Map<string, { sampled: number; responded: number; faceToFace: number }>();
  for (const x of sample ?? []) {
    const r = rates.get(x.stratum) ?? { sampled: 0, responded: 0, faceToFace: 0 };
    r.sampled++;
    if (x.respondedAt) r.responded++;
    if (x.responseMode === 'face_to_face') r.faceToFace++;
    rates.set(x.stratum, r);
  }
  const strata = s.strata.map((st) => {
    const r = rates.get(st.key) ?? { sampled: 0, responded: 0, faceToFace: 0 };
    return {
      key: st.key,
      label: stratumLabel(st.key),
      cityName: cityName(st.cityCode),
      sectorLabel: SECTOR_LABELS[st.sector as Sector] ?? st.sector,
      sizeLabel: SIZE_LABELS[st.size as EnterpriseSize] ?? st.size,
      population: st.population,
      sampleSize: st.sampleSize,
      weight: st.weight,
      responded: r.responded,
      faceToFace: r.faceToFace,
      responseRate: r.sampled ? r.responded / r.sampled : null,
    };
  });
  const sampled = sample?.length ?? 0;
  const responded = (sample ?? []).filter((x) => x.respondedAt).length;
  return {
    id: s.id,
    year: s.year,
    title: s.title,
    state: s.state,
    stateLabel: SURVEY_STATE_LABELS[s.state],
    anonymous: s.anonymous,
    questions: s.questions,
    closesOn: s.closesOn,
    sampleParams: s.sampleParams,
    excludedCount: s.excludedCount,
    population: s.strata.reduce((n, x) => n + x.population, 0),
    sampled,
    responded,
    responseRate: sampled ? responded / sampled : null,
    strata,
    createdByName: s.createdByName,
    openedAt: iso(s.openedAt),
    closedAt: iso(s.closedAt),
    version: s.version,
    allowedActions: allowedSurveyActions(s.state, surveyParties(actor)),
  };
}
export type SurveyView = ReturnType<typeof present>;

export async function load(db: DbOrTx, actor: Actor, id: string, lock = false) {
  const s = await repo.getSurvey(db, actor.tenantId, id, lock);
  if (!s) throw notFound('调查');
  return s;
}

async function viewOf(db: DbOrTx, actor: Actor, s: repo.SurveyRow) {
  return present(s, actor, await repo.sampleOf(db, actor.tenantId, s.id));
}

// ---------------------------------------------------------------- reading

export async function list(ctx: AuthedCtx) {
  const rows = await repo.listSurveys(ctx.db, ctx.actor.tenantId);
  return { items: await Promise.all(rows.map((s) => viewOf(ctx.db, ctx.actor, s))), canCreate: surveyParties(ctx.actor).includes('oversight') };
}

export async function get(ctx: AuthedCtx, id: string) {
  return viewOf(ctx.db, ctx.actor, await load(ctx.db, ctx.actor, id));
}

/** The sampled enterprises (机关党委 only: it is who was asked, R7.3 anonymity towards the units). */
export async function sampleList(ctx: AuthedCtx, id: string) {
  if (!hasRole(ctx.actor, 'oversight')) throw new AppError(ErrorCode.FORBIDDEN, '只有机关党委可以查看样本企业名单');
  const s = await load(ctx.db, ctx.actor, id);
  const sample = await repo.sampleOf(ctx.db, ctx.actor.tenantId, s.id);
  const names = await enterpriseNamesById(
    ctx.db,
    ctx.actor.tenantId,
    sample.map((x) => x.enterpriseId),
  );
  const unitNames = await activeUnitsById(ctx.db, ctx.actor.tenantId, [...new Set(sample.flatMap((x) => (x.unitId ? [x.unitId] : [])))]);
  return {
    items: sample.map((x) => ({
      id: x.id,
      enterpriseId: x.enterpriseId,
      enterpriseName: names.get(x.enterpriseId)?.name ?? '',
      stratum: x.stratum,
      stratumLabel: stratumLabel(x.stratum),
      unitName: x.unitId ? (unitNames.get(x.unitId)?.name ?? null) : null,
      hasMobile: Boolean(names.get(x.enterpriseId)?.mobile),
      weight: x.weight,
      linkIssuedAt: iso(x.linkIssuedAt),
      reminderCount: x.reminderCount,
      respondedAt: iso(x.respondedAt),
      responseMode: x.responseMode,
      responseModeLabel: x.responseMode ? RESPONSE_MODE_LABELS[x.responseMode] : null,
    })),
  };
}

// ---------------------------------------------------------------- changes

export type SurveyInput = { year: number; title: string; anonymous: boolean; closesOn: string; questions?: SurveyQuestion[] };

export async function create(ctx: AuthedCtx, input: SurveyInput) {
  const actor = ctx.actor;
  if (!surveyParties(actor).includes('oversight')) throw new AppError(ErrorCode.FORBIDDEN, '只有机关党委可以发起满意度调查');
  const questions = input.questions ?? [...DEFAULT_QUESTIONS];
  const problems = questionnaireProblems(questions);
  if (Object.keys(problems).length) throw invalid(problems);
  if (!input.closesOn.startsWith(String(input.year)) && !input.closesOn.startsWith(String(input.year + 1))) {
    throw invalid({ closesOn: '截止日期应在调查年度或次年' });
  }
  return withTx(ctx, async (tx) => {
    const s = await repo.insertSurvey(tx, {
      tenantId: actor.tenantId,
      year: input.year,
      title: input.title,
      anonymous: input.anonymous,
      questions,
      closesOn: input.closesOn,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    if (!s) throw invalid({ year: `${input.year}年度的满意度调查已存在` });
    await audit(tx, ctx, {
      action: 'survey.create',
      entity: 'survey',
      entityId: s.id,
      summary: `发起${s.year}年度满意度调查「${s.title}」`,
      after: { year: s.year, questions: questions.length },
    });
    return present(s, actor, []);
  });
}

const presenter = (actor: Actor) => (row: repo.SurveyRow) => present(row, actor, null);

export async function edit(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; title?: string; anonymous?: boolean; closesOn?: string; questions?: SurveyQuestion[] },
) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const s = await load(tx, actor, id, true);
    guard(s, 'edit', surveyParties(actor));
    if (input.questions) {
      const problems = questionnaireProblems(input.questions);
      if (Object.keys(problems).length) throw invalid(problems);
    }
    const set: Record<string, unknown> = {};
    if (input.title !== undefined) set.title = input.title;
    if (input.anonymous !== undefined) set.anonymous = input.anonymous;
    if (input.closesOn !== undefined) set.closesOn = input.closesOn;
    if (input.questions !== undefined) set.questions = input.questions;
    const { after } = await updateVersioned(tx, surveys, { id, tenantId: actor.tenantId, version: input.version }, set, '调查', presenter(actor));
    await audit(tx, ctx, {
      action: 'survey.edit',
      entity: 'survey',
      entityId: id,
      summary: `修改满意度调查「${after.title}」的问卷`,
      before: { title: s.title, questions: s.questions.length },
      after: { title: after.title, questions: after.questions.length },
    });
    return viewOf(tx, actor, after);
  });
}

export type DrawInput = { version: number; total: number; minimumPerStratum: number; seed?: string | null; excludePrevious: boolean };

/** R7.3 the stratified random sample (domain/surveys/sampling.ts), stored for preview; drawing again replaces it. */
export async function draw(ctx: AuthedCtx, id: string, input: DrawInput) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const s = await load(tx, actor, id, true);
    guard(s, 'draw_sample', surveyParties(actor));
    const population = await surveyPopulation(tx, actor.tenantId);
    const byId = new Map(population.map((e) => [e.id, e]));
    const units = population.map((e) => ({ id: e.id, cityCode: cityOf(e.regionCode) ?? e.regionCode.slice(0, 4) + '00', sector: e.sector, size: e.size }));
    const exclude = input.excludePrevious ? await repo.respondentsOfYear(tx, actor.tenantId, s.year - 1) : undefined;
    const seed = input.seed || randomToken(6);
    const sample = drawSample(units, { total: input.total, minimumPerStratum: input.minimumPerStratum, seed, exclude });
    if (sample.selected.length === 0) throw invalid({ total: '没有可抽取的企业（在营且未归档的企业为0家）' });
    const cityByStratum = new Map(sample.strata.map((x) => [x.key, x.cityCode]));
    await repo.replaceSample(
      tx,
      actor.tenantId,
      id,
      sample.selected.map((x) => ({
        enterpriseId: x.id,
        stratum: x.stratum,
        cityCode: cityByStratum.get(x.stratum)!,
        unitId: byId.get(x.id)?.supervisingUnitId ?? null,
        weight: x.weight,
      })),
    );
    const params: SurveySampleParams = { total: input.total, minimumPerStratum: input.minimumPerStratum, seed, excludePrevious: input.excludePrevious };
    const strata: SurveyStratum[] = sample.strata;
    const { after } = await updateVersioned(
      tx,
      surveys,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: 'sampled', sampleParams: params, strata, excludedCount: sample.excluded },
      '调查',
      presenter(actor),
    );
    await audit(tx, ctx, {
      action: 'survey.sample',
      entity: 'survey',
      entityId: id,
      summary: `满意度调查「${s.title}」抽取样本：${sample.strata.length}层，总体${sample.population}家，样本${sample.selected.length}家（随机种子 ${seed}${input.excludePrevious ? `，排除上年已答企业${sample.excluded}家` : ''}）`,
      after: { ...params, strata: sample.strata.length, sampled: sample.selected.length, excluded: sample.excluded },
    });
    return viewOf(tx, actor, after);
  });
}

const cnDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};
export const invitationSms = (title: string, url: string, closesOn: string) =>
  `【政企通】诚邀贵企业参加「${title}」。请打开链接填写问卷：${url} 该链接仅可使用一次，${cnDate(closesOn)}（含当日）前有效。`;
export const reminderSms = (title: string, url: string, closesOn: string) =>
  `【政企通】提醒：贵企业尚未填写「${title}」。请打开链接填写：${url} 原链接已作废，本链接仅可使用一次，${cnDate(closesOn)}（含当日）前有效。`;

/**
 * Issues (or, for reminders, re-issues) the links of some sampled enterprises in the caller's
 * transaction: a fresh token each (only its sha256 stored — a reminder's new token replaces the old
 * link), the SMS to the first contact's mobile, a portal notice to the enterprise's accounts.
 */
export async function sendLinks(
  tx: Tx,
  tenantId: string,
  s: { id: string; title: string; closesOn: string },
  sample: { id: string; enterpriseId: string }[],
  publicUrl: string,
  now: Date,
  reminder: boolean,
) {
  const names = await enterpriseNamesById(
    tx,
    tenantId,
    sample.map((x) => x.enterpriseId),
  );
  const tokens: { id: string; tokenHash: string }[] = [];
  const sms: { tenantId: string; kind: string; toPhone: string; body: string; createdAt: Date }[] = [];
  let notified = 0;
  for (const x of sample) {
    const token = randomToken(32);
    tokens.push({ id: x.id, tokenHash: surveyTokenHash(token) });
    const url = surveyLinkUrl(publicUrl, token);
    const body = (reminder ? reminderSms : invitationSms)(s.title, url, s.closesOn);
    const mobile = names.get(x.enterpriseId)?.mobile;
    if (mobile) sms.push({ tenantId, kind: reminder ? 'survey_reminder' : 'survey_invitation', toPhone: mobile, body, createdAt: now });
    const accounts = await activeEnterpriseAccountIds(tx, tenantId, x.enterpriseId);
    notified += accounts.length;
    await insertNotifications(
      tx,
      accounts.map((u) => ({
        tenant_id: tenantId,
        type: 'survey_invitation',
        user_id: u,
        title: reminder ? `请填写满意度调查：${s.title}` : `满意度调查邀请：${s.title}`,
        body: `请打开问卷链接填写：${url}（仅可使用一次，${cnDate(s.closesOn)}（含当日）前有效）`,
        source_key: `survey:${x.id}:${now.getTime()}:u:${u}`,
      })),
    );
  }
  await repo.setTokens(tx, tokens, now, reminder);
  await queueSms(tx, sms);
  return { links: tokens.length, sms: sms.length, notified };
}

/** R7.3 fixes the sample and sends every sampled enterprise its link. */
export async function open(ctx: AuthedCtx, id: string, input: { version: number }, publicUrl: string, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const s = await load(tx, actor, id, true);
    guard(s, 'open', surveyParties(actor));
    if (linkExpiry(s.closesOn).getTime() <= now.getTime()) throw invalid({ closesOn: '截止日期已过，请先修改截止日期' });
    const { after } = await updateVersioned(
      tx,
      surveys,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: 'open', openedAt: now },
      '调查',
      presenter(actor),
    );
    const sample = await repo.sampleOf(tx, actor.tenantId, id);
    const sent = await sendLinks(tx, actor.tenantId, after, sample, publicUrl, now, false);
    await audit(tx, ctx, {
      action: 'survey.open',
      entity: 'survey',
      entityId: id,
      summary: `满意度调查「${s.title}」确定样本${sample.length}家并发放问卷链接（短信${sent.sms}条，站内通知企业账号${sent.notified}个）`,
      after: sent,
    });
    return viewOf(tx, actor, after);
  });
}

export async function close(ctx: AuthedCtx, id: string, input: { version: number }, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const s = await load(tx, actor, id, true);
    guard(s, 'close', surveyParties(actor));
    const { after } = await updateVersioned(
      tx,
      surveys,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: 'closed', closedAt: now },
      '调查',
      presenter(actor),
    );
    await audit(tx, ctx, { action: 'survey.close', entity: 'survey', entityId: id, summary: `结束满意度调查「${s.title}」` });
    return viewOf(tx, actor, after);
  });
}

/** Reminders now, by 机关党委 (the scheduler sends them too: surveys.tasks.ts). */
export async function remind(ctx: AuthedCtx, id: string, publicUrl: string, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const s = await load(tx, actor, id, true);
    guard(s, 'remind', surveyParties(actor));
    const pending = (await repo.sampleOf(tx, actor.tenantId, id)).filter((x) => !x.respondedAt);
    const sent = await sendLinks(tx, actor.tenantId, s, pending, publicUrl, now, true);
    await audit(tx, ctx, {
      action: 'survey.remind',
      entity: 'survey',
      entityId: id,
      summary: `提醒满意度调查「${s.title}」未答企业${pending.length}家（短信${sent.sms}条）`,
      after: sent,
    });
    return { reminded: pending.length, sms: sent.sms };
  });
}

function checkAnswers(questions: readonly SurveyQuestion[], answers: SurveyAnswers) {
  const problems = answerProblems(questions, answers);
  if (Object.keys(problems).length) throw invalid(problems);
}

/** R7.3 a face-to-face (面对面) answer recorded by 机关党委, marked as such. */
export async function recordFaceToFace(ctx: AuthedCtx, id: string, sampleId: string, input: { answers: SurveyAnswers }, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const s = await load(tx, actor, id, true);
    guard(s, 'answer', surveyParties(actor));
    const x = await repo.getSample(tx, actor.tenantId, id, sampleId, true);
    if (!x) throw notFound('样本企业');
    if (x.respondedAt) throw new AppError(ErrorCode.CONFLICT, '该企业已经答过问卷');
    checkAnswers(s.questions, input.answers);
    await repo.insertResponse(tx, {
      tenantId: actor.tenantId,
      surveyId: id,
      sampleId,
      mode: 'face_to_face',
      answers: input.answers,
      recordedBy: actor.userId,
      recordedByName: actor.displayName,
      createdAt: now,
    });
    await audit(tx, ctx, {
      action: 'survey.answer_face_to_face',
      entity: 'survey',
      entityId: id,
      summary: `录入满意度调查「${s.title}」面对面答卷`,
      after: { sampleId },
    });
    return viewOf(tx, actor, (await load(tx, actor, id))!);
  });
}

/** The answer through the link (surveys.public.ts) — the same insert, in the link's transaction. */
export async function recordLinkAnswer(tx: Tx, ctx: Ctx, link: repo.LinkRow, answers: SurveyAnswers, now: Date) {
  const c = checkSurveyTransition(link.surveyState, 'answer', ['respondent']);
  if (!c.ok) throw new AppError(ErrorCode.EVALUATION_NOT_AWAITING, '本次调查已结束');
  checkAnswers(link.questions, answers);
  await repo.insertResponse(tx, { tenantId: link.tenantId, surveyId: link.surveyId, sampleId: link.id, mode: 'link', answers, createdAt: now });
  await audit(tx, ctx, {
    action: 'survey.answer_link',
    entity: 'survey',
    entityId: link.surveyId,
    tenantId: link.tenantId,
    actorId: null,
    actorName: '满意度调查问卷链接',
    summary: `通过问卷链接提交满意度调查「${link.title}」答卷`,
    after: { sampleId: link.id },
  });
}
