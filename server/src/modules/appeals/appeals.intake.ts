// Appeals intake (R3.1, R6.1): a new appeal, received by intake staff (any channel, 即转 dispatch,
// 当场答复) or submitted by an enterprise in the portal (issue 7: channel 网站, its own enterprise,
// into intake's queue). The path of `receivedAt` (docs/APPEALS.md §5): the HTTP body (an ISO instant
// with offset) → here, checked against the server's clock (not in the future, a reason when
// backdated) → domain/appeals/clock.ts startCycle with the tenant's SLA settings and calendar →
// cycleColumns → the repository stores the three due instants (or the deadline error).
import crypto from 'node:crypto';
import type { AppealCategory, AppealChannel } from '../../../../shared/appeals.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { startCycle } from '../../domain/appeals/clock.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { actorNames, actorUserId, auditRecord, type ActingCtx, type AuthedCtx, type IntegrationActor } from '../../lib/context.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { enterpriseById, findByUscc } from '../enterprises/index.ts';
import { BACKDATE_TOLERANCE_MS, FUTURE_TOLERANCE_MS, actorEvent, checkDispatchUnits, cycleColumns, dispatchPayload } from './appeals.common.ts';
import { activeChannelLead, channelLeadPayload, channelLeadSummary, decideChannelLead } from './appeals.channel-leads.ts';
import { appealClock, tenantEnv, type TenantEnv } from './appeals.env.ts';
import { NOT_ADMITTED, REPEAT, writeIntakes, type IntakeCompanion } from './appeals.intake-batch.ts';
import * as repo from './appeals.intake.repository.ts';
import type { AppealInsert, AppealRow, DetailExtras, EventInsert } from './appeals.repository.ts';
import { documentWords } from './appeals.search.ts';
import { findRepeat } from './appeals.similar.ts';
import { recordTimelineEvent } from './appeals.timeline.ts';
import { detailOf, type AppealDetail } from './appeals.view.ts';

export type CreateInput = {
  enterpriseId?: string | null;
  enterpriseName?: string | null;
  enterpriseUscc?: string | null;
  sector?: string | null;
  contactName: string;
  contactPhone: string;
  channel: AppealChannel;
  category: AppealCategory;
  title: string;
  content: string;
  receivedAt?: Date;
  backdateReason?: string | null;
  externalRef?: string | null;
  lulibanRef?: string | null;
  /** R6.6 the 鲁力办 platform's own deadline. */
  lulibanDueAt?: Date | null;
  isMajor?: boolean;
  isSafetyHazard?: boolean;
  isConfidential?: boolean;
  /** 当场答复 (R6.1): the answer given on the spot; the appeal closes at intake. */
  answerOnSpot?: string | null;
  /**
   * 即转: dispatch at once. `auto`: dispatched by a routing rule, not by a person — the timeline's
   * dispatch event is the system's, with this note (issue 18, a client's 自动派单).
   */
  dispatch?: { leadUnitId: string; coUnits?: { unitId: string; part: string }[]; auto?: { note: string } } | null;
  /** R3.4: why 即转 goes to another unit than the channel's lead unit. */
  leadOverrideReason?: string | null;
};

/** What an enterprise may submit (issue 7): its own registry enterprise, channel 网站; no intake-only fields. */
export type EnterpriseSubmission = Pick<CreateInput, 'category' | 'title' | 'content' | 'contactName' | 'contactPhone'>;

/** The answer to a new appeal: from the appeal page's row as written (intake reads nothing back), or from its id alone. */
type Answer<T> = { detail: true; of: (written: AppealRow & DetailExtras, env: TenantEnv) => T } | { detail: false; of: (id: string) => T };

/**
 * R3.1 / R6.1 intake by intake staff: the answer is the appeal page. With an Idempotency-Key a
 * repeated submission answers the stored response (same status and body); the same key with a
 * different body → 422 IDEMPOTENCY_KEY_REUSED.
 */
export async function create(ctx: AuthedCtx, input: CreateInput, idempotencyKey?: string) {
  if (ctx.actor.kind !== 'staff') throw new AppError(ErrorCode.FORBIDDEN, '只有诉求受理人员可以登记诉求');
  const actor = ctx.actor;
  return receive<AppealDetail>(ctx, input, idempotencyKey, { detail: true, of: (written, env) => detailOf(written, actor, env) });
}

/**
 * R3.1 intake through the portal (issue 7): the enterprise's own registry enterprise, channel 网站
 * (website), into intake's dispatch queue (state received). The answer is the new appeal's id (the
 * portal presents it its own way); idempotent like create.
 */
export async function submitByEnterprise(ctx: AuthedCtx, input: EnterpriseSubmission, idempotencyKey?: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'enterprise' || !actor.enterpriseId) throw new AppError(ErrorCode.FORBIDDEN, '该账号未关联企业，请联系受理人员');
  const own: CreateInput = { ...input, enterpriseId: actor.enterpriseId, channel: 'website' };
  return receive<{ id: string }>(ctx, own, idempotencyKey, { detail: false, of: (id) => ({ id }) });
}

type Received<T> = { status: number; body: T; replayed: boolean };

/**
 * An intake through the API: the number drawn (repo.drawNumber), the checks and reads made on the
 * pool, then the write — together with the intakes of other requests that are ready at the same
 * moment (writeIntakes). A key's claim, the appeal and the stored answer commit together.
 */
async function receive<T>(ctx: AuthedCtx, input: CreateInput, idempotencyKey: string | undefined, answer: Answer<T>): Promise<Received<T>> {
  const actor = ctx.actor;
  const hash = idempotencyKey ? crypto.createHash('sha256').update(canonicalJson(input)).digest('hex') : '';
  // The human number is drawn before the write (its own statement, whose commit does not wait for a
  // WAL flush: repo.drawNumber), so concurrent intakes do not queue on the counter row for a whole
  // transaction or for each other's flush. Numbers are unique, not gapless. The draw runs while the
  // checks read (issue 20: one wait fewer per intake); the number is needed only when the write is
  // built, and a refused intake leaves its number unused, as before.
  const receivedYear = Number(shanghaiDate(input.receivedAt ?? appealClock.now()).slice(0, 4));
  const number = repo.drawNumber(ctx.db, actor.tenantId, actor.tenantCode, receivedYear);
  // Handled from the start: a failed draw while the checks still run must not be an unhandled rejection
  // (prepareReceived awaits it and answers its error; a refused intake never does).
  number.catch(() => {});
  let prepared: Prepared;
  try {
    prepared = await prepareReceived(ctx.db, ctx, input, number);
  } catch (err) {
    // A repeat of a request that was accepted answers its stored response even where the checks would
    // now refuse it (its unit archived since, its receipt time now beyond the tolerance): they passed
    // when it was accepted.
    if (idempotencyKey && err instanceof AppError && err.code === ErrorCode.VALIDATION_FAILED) {
      const prior = await repo.readIdempotencyKey(ctx.db, actor.tenantId, actor.userId, idempotencyKey);
      if (prior) return replay<T>(prior, hash);
    }
    throw err;
  }
  const claim = idempotencyKey ? { tenantId: actor.tenantId, userId: actor.userId, key: idempotencyKey, hash } : null;
  const outcome = await writeIntakes(ctx.db, 'intake', {
    write: prepared.write,
    claim,
    detail: answer.detail,
    present: (written) => (answer.detail ? answer.of(written as AppealRow & DetailExtras, prepared.env) : answer.of(written.id)),
  });
  if (outcome === REPEAT) {
    // The key had been used: its holder has committed (the claim waits for a concurrent one).
    return replay<T>(await repo.readIdempotencyKey(ctx.db, actor.tenantId, actor.userId, idempotencyKey!), hash);
  }
  return { status: 201, body: outcome as T, replayed: false };
}

/** The stored answer of an Idempotency-Key used before; 422 when it was used for another body. */
function replay<T>(prior: Awaited<ReturnType<typeof repo.readIdempotencyKey>>, hash: string): Received<T> {
  if (!prior || prior.requestHash !== hash || !prior.response) {
    throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, '该幂等键（Idempotency-Key）已用于内容不同的登记，请换一个键', {
      fields: { 'header.idempotency-key': '已用于内容不同的请求' },
    });
  }
  return { status: prior.statusCode, body: prior.response as T, replayed: true };
}

/**
 * R5.1 an appeal born of a meeting item (modules/roundtables: answered on site, or a tracked appeal
 * dispatched to a unit), inside the caller's transaction so the item and its appeal commit together.
 */
export async function receiveWithin(tx: Tx, ctx: AuthedCtx, input: CreateInput): Promise<{ id: string; number: string }> {
  if (ctx.actor.kind !== 'staff') throw new AppError(ErrorCode.FORBIDDEN, '只有工作人员可以登记诉求');
  const receivedYear = Number(shanghaiDate(input.receivedAt ?? appealClock.now()).slice(0, 4));
  const number = await repo.nextNumber(tx, ctx.actor.tenantId, ctx.actor.tenantCode, receivedYear);
  const { id } = await insertReceived(tx, ctx, input, number);
  return { id, number };
}

/**
 * Issue 14 / R4.2: an appeal raised in the field (a visit, a licensing check, an inspection) becomes a
 * tracked appeal in the caller's transaction — the field record and the appeal commit together.
 * Channel 调研走访 / 许可核查 / 执法检查; into intake's queue, or dispatched at once to the recording
 * unit when it is its own business. The appeal's timeline names the field record (linked both ways:
 * the contacts module stores the record → appeal link).
 */
export async function receiveFromField(
  tx: Tx,
  ctx: AuthedCtx,
  input: Pick<CreateInput, 'category' | 'title' | 'content' | 'contactName' | 'contactPhone' | 'enterpriseId'> & {
    channel: 'research_visit' | 'licensing_check' | 'inspection';
    dispatchToUnitId?: string | null;
  },
  origin: { fieldRecordId: string; kind: string },
): Promise<{ id: string; number: string }> {
  const actor = ctx.actor;
  const year = Number(shanghaiDate(appealClock.now()).slice(0, 4));
  const number = await repo.nextNumber(tx, actor.tenantId, actor.tenantCode, year);
  const { dispatchToUnitId, ...rest } = input;
  const { id, state } = await insertReceived(tx, ctx, { ...rest, dispatch: dispatchToUnitId ? { leadUnitId: dispatchToUnitId } : null }, number);
  await recordTimelineEvent(tx, actor, { id, tenantId: actor.tenantId, state }, 'field_origin', origin);
  return { id, number };
}

/** Issue 18: a work order pushed by an integration client (12345转办, 鲁力办 …) with its API token. */
export type IntegrationCtx = Omit<ActingCtx, 'actor'> & { actor: IntegrationActor };
export type WorkOrderIntake = Pick<
  CreateInput,
  | 'enterpriseName'
  | 'enterpriseUscc'
  | 'sector'
  | 'contactName'
  | 'contactPhone'
  | 'category'
  | 'title'
  | 'content'
  | 'receivedAt'
  | 'isSafetyHazard'
  | 'isMajor'
  | 'lulibanRef'
> & {
  channel: AppealChannel;
  externalId: string;
  /** The client's 自动派单: straight to the channel's lead unit (R3.4) when the tenant set one. */
  autoDispatch?: boolean;
};

/**
 * R3.1 / R3.4 intake of a work order from another system (issue 18), in the caller's transaction so
 * the integrations module's work-order row and the appeal commit together (or neither). Into intake's
 * queue (state received), or — for a client set to 自动派单 — dispatched by the system to the channel's
 * lead unit (R3.4) when the tenant set one; the source platform's ticket number is the appeal's external reference
 * (searchable), and for 鲁力办 also its 鲁力办 number (R6.6 催办). An enterprise named by a USCC of
 * the tenant's registry is linked; otherwise it is captured as given. Backdated receipts need no
 * reason: the source platform's receipt time is the reason.
 */
export async function receiveWorkOrder(
  tx: Tx,
  ctx: IntegrationCtx,
  input: WorkOrderIntake,
  /** Drawn before the transaction (drawAppealNumber), so simultaneous work orders do not queue on the counter row. */
  drawn?: string,
): Promise<ReceivedWorkOrder> {
  const actor = ctx.actor;
  const receivedAt = input.receivedAt ?? appealClock.now();
  const number = drawn ?? (await repo.nextNumber(tx, actor.tenantId, actor.tenantCode, Number(shanghaiDate(receivedAt).slice(0, 4))));
  const { id, state } = await insertReceived(tx, ctx, await workOrderIntake(tx, ctx, input, receivedAt), number);
  return { id, number, state, receivedAt };
}

export type ReceivedWorkOrder = { id: string; number: string; state: string; receivedAt: Date };

/**
 * Issue 20: a NEW work order written together with the intakes of other requests that are ready at the
 * same moment (writeIntakes), the integrations module's own rows of it written in the same transaction
 * by `companion` (its work-order row and audit row, built by `itemOf` from the appeal before anything is
 * written). The checks and reads run on the pool. Answers the companion's item as written; null when the
 * companion does not admit it (the order had arrived meanwhile): nothing of it is written, and the caller
 * takes its transactional path.
 */
export async function receiveWorkOrderTogether<C>(
  ctx: IntegrationCtx,
  input: WorkOrderIntake,
  /** Drawn beforehand (drawAppealNumber). */
  number: string,
  companion: IntakeCompanion<C>,
  itemOf: (appeal: ReceivedWorkOrder) => C,
): Promise<C | null> {
  const receivedAt = input.receivedAt ?? appealClock.now();
  const prepared = await prepareReceived(ctx.db, ctx, await workOrderIntake(ctx.db, ctx, input, receivedAt), number);
  const item = itemOf({ id: prepared.id, number, state: prepared.state, receivedAt });
  const outcome = await writeIntakes(ctx.db, 'intake', {
    write: prepared.write,
    claim: null,
    detail: false,
    present: () => item,
    companion: { of: companion as IntakeCompanion<unknown>, item },
  });
  return outcome === NOT_ADMITTED ? null : item;
}

/** What a work order asks of intake: its enterprise linked by USCC, 自动派单 to the channel's lead unit. */
async function workOrderIntake(db: DbOrTx, ctx: IntegrationCtx, input: WorkOrderIntake, receivedAt: Date): Promise<CreateInput> {
  const actor = ctx.actor;
  let enterpriseId: string | null = null;
  if (input.enterpriseUscc) {
    const c = checkUscc(input.enterpriseUscc);
    if (c.valid && c.normalized) enterpriseId = (await findByUscc(db, actor.tenantId, c.normalized))?.id ?? null;
  }
  const { externalId, autoDispatch, ...rest } = input;
  // Issue 18 / R3.4: a client set to 自动派单 sends its new orders straight to the channel's lead unit,
  // when the tenant set one (and it is active); with no rule for the channel the order waits in intake's queue.
  const lead = autoDispatch ? await activeChannelLead(db, actor.tenantId, input.channel) : null;
  return {
    ...rest,
    dispatch: lead ? { leadUnitId: lead.unitId, auto: { note: `按渠道主办处室规则自动派单（接入系统「${actor.clientName}」已开启自动派单）` } } : null,
    ...(enterpriseId ? { enterpriseId, enterpriseName: null, enterpriseUscc: null, sector: null } : {}),
    receivedAt,
    backdateReason: `${actorNames(actor).audit}推送，受理时间为来源平台的受理时间`,
    externalRef: externalId,
  };
}

/** An appeal number of the year of `receivedAt`, drawn in its own short statement (unique, not gapless; never inside a transaction: repo.drawNumber). */
export function drawAppealNumber(db: Db, tenantId: string, tenantCode: string, receivedAt?: Date): Promise<string> {
  return repo.drawNumber(db, tenantId, tenantCode, Number(shanghaiDate(receivedAt ?? appealClock.now()).slice(0, 4)));
}

/** An intake inside the caller's transaction (a meeting item, a field record, a work order). */
async function insertReceived(tx: Tx, ctx: AuthedCtx | IntegrationCtx, input: CreateInput, number: string) {
  const { id, state, write } = await prepareReceived(tx, ctx, input, number);
  await repo.insertIntakes(tx, [write], 'id');
  return { id, state };
}

type Prepared = { id: string; env: TenantEnv; state: string; write: repo.IntakeWrite };

/**
 * The checks (400 with field messages) and reads of an intake, and what it writes (repo.IntakeWrite).
 * `drawn`: the appeal's number, or its draw still running (awaited once the checks have passed).
 */
async function prepareReceived(tx: DbOrTx, ctx: AuthedCtx | IntegrationCtx, input: CreateInput, drawn: string | Promise<string>): Promise<Prepared> {
  const actor = ctx.actor;
  const byEnterprise = actor.kind === 'enterprise';
  const now = appealClock.now();
  // The session's snapshot of the tenant (issue 20; none for a token's work order): intake changes no settings.
  const env = await tenantEnv(tx, actor.tenantId, ctx.tenantSnapshot);
  const fields: Record<string, string> = {};

  // Enterprise: registered (snapshot) or unregistered (captured as given).
  let enterprise: { id: string | null; name: string; uscc: string | null; sector: string | null };
  if (input.enterpriseId) {
    const e = await enterpriseById(tx, actor.tenantId, input.enterpriseId);
    if (!e) fields.enterpriseId = '本单位企业名录中没有该企业';
    enterprise = { id: e?.id ?? null, name: e?.name ?? '', uscc: e?.uscc ?? null, sector: e?.sector ?? null };
  } else {
    if (!input.enterpriseName) fields.enterpriseName = '请选择名录中的企业，或填写企业名称';
    let uscc: string | null = null;
    if (input.enterpriseUscc) {
      const c = checkUscc(input.enterpriseUscc);
      if (!c.valid) fields.enterpriseUscc = c.error ?? '统一社会信用代码不正确';
      uscc = c.normalized;
    }
    enterprise = { id: null, name: input.enterpriseName ?? '', uscc, sector: input.sector ?? null };
  }
  // The receipt instant (R6.2: the 2115 clock starts here): not ahead of the server's clock;
  // backdated beyond the tolerance only with a reason (audited).
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) fields.receivedAt = '受理时间不能晚于当前时间';
  const backdated = receivedAt.getTime() < now.getTime() - BACKDATE_TOLERANCE_MS;
  if (backdated && !input.backdateReason) fields.backdateReason = '补录较早的受理时间须说明原因';
  if (input.answerOnSpot && input.dispatch) fields.dispatch = '当场答复的诉求无需派单';
  // R3.4: the channel's lead unit (read with the units named); dispatching elsewhere at intake needs a reason.
  const leadRule = input.dispatch && !input.answerOnSpot;
  const checked = input.dispatch
    ? await checkDispatchUnits(tx, actor.tenantId, input.dispatch.leadUnitId, input.dispatch.coUnits ?? [], fields, leadRule ? input.channel : undefined)
    : null;
  const dispatchUnits = checked?.units ?? null;
  const channelLead =
    leadRule && checked
      ? await decideChannelLead(tx, actor.tenantId, input.channel, input.dispatch!.leadUnitId, input.leadOverrideReason, fields, checked)
      : null;
  if (Object.keys(fields).length) throw invalid(fields);

  // Capability 8: the same enterprise's similar appeal within repeatWindowDays → 重复诉求, linked and
  // counted; the SLA sweep escalates (督办) at reopenEscalationCount repeats, as for reopenings.
  const repeat = await findRepeat(tx, actor.tenantId, {
    enterpriseId: enterprise.id,
    uscc: enterprise.uscc,
    title: input.title,
    content: input.content,
    since: new Date(receivedAt.getTime() - env.settings.repeatWindowDays * 86_400_000),
  });
  const number = await drawn;

  // R6.2 / R8.1: the cycle's three deadlines from the receipt, the tenant's SLA settings and calendar.
  const cycle = startCycle(receivedAt, env.sla, env.calendar);
  const onSpot = Boolean(input.answerOnSpot);
  const base: AppealInsert = {
    tenantId: actor.tenantId,
    number,
    enterpriseId: enterprise.id,
    enterpriseName: enterprise.name,
    enterpriseUscc: enterprise.uscc,
    sector: enterprise.sector,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    channel: input.channel,
    category: input.category,
    title: input.title,
    content: input.content,
    receivedAt,
    backdateReason: backdated ? (input.backdateReason ?? null) : null,
    externalRef: input.externalRef ?? null,
    lulibanRef: input.lulibanRef ?? null,
    lulibanDueAt: input.lulibanRef ? (input.lulibanDueAt ?? null) : null,
    isMajor: input.isMajor ?? false,
    isSafetyHazard: input.isSafetyHazard ?? false,
    isConfidential: input.isConfidential ?? false,
    state: 'received',
    ...cycleColumns(cycle),
    createdBy: actorUserId(actor),
  };
  const who = actorEvent(actor);
  // A dispatch by a routing rule is the system's on the timeline (the creation stays the actor's).
  const dispatcher = input.dispatch?.auto ? { actorId: null, actorName: '系统', unitId: null } : who;
  const events: Omit<EventInsert, 'tenantId' | 'appealId'>[] = [
    {
      ...who,
      type: 'create',
      at: now,
      stateBefore: null,
      stateAfter: 'received',
      payload: {
        channel: input.channel,
        category: input.category,
        receivedAt: receivedAt.toISOString(),
        ...(backdated ? { backdateReason: input.backdateReason } : {}),
        ...(input.externalRef ? { externalRef: input.externalRef } : {}),
        ...(cycle.error ? { deadlineError: cycle.error } : {}),
      },
    },
  ];
  if (onSpot) {
    // R6.1 当场答复: answered at receipt; closes at intake with all milestones met.
    Object.assign(base, {
      state: 'closed',
      contactDoneAt: receivedAt,
      opinionDoneAt: receivedAt,
      resolutionDoneAt: receivedAt,
      contactState: 'met_on_time',
      opinionState: 'met_on_time',
      resolutionState: 'met_on_time',
      resultKind: 'solved',
      resultText: input.answerOnSpot,
      replyText: input.answerOnSpot,
      repliedAt: receivedAt,
      closedAt: now,
      closeReason: 'answered_on_spot',
      nextDueAt: null,
    } satisfies Partial<AppealInsert>);
    events.push({
      ...who,
      type: 'answer_on_spot',
      at: now,
      stateBefore: 'received',
      stateAfter: 'closed',
      payload: { answer: input.answerOnSpot },
    });
  } else if (input.dispatch && dispatchUnits) {
    Object.assign(base, { state: 'dispatched', leadUnitId: input.dispatch.leadUnitId, dispatchedAt: now } satisfies Partial<AppealInsert>);
    events.push({
      ...dispatcher,
      type: 'dispatch',
      at: now,
      stateBefore: 'received',
      stateAfter: 'dispatched',
      payload: {
        ...dispatchPayload(input.dispatch.leadUnitId, input.dispatch.coUnits ?? [], dispatchUnits),
        ...channelLeadPayload(channelLead),
        ...(input.dispatch.auto ? { auto: true, note: input.dispatch.auto.note } : {}),
      },
    });
  }
  if (repeat) {
    base.repeatOfId = repeat.id;
    base.repeatCount = repeat.count;
    events.splice(1, 0, {
      ...who,
      type: 'repeat_flagged',
      at: now,
      stateBefore: 'received',
      stateAfter: 'received',
      payload: { repeatOfId: repeat.id, repeatOfNumber: repeat.number, repeatCount: base.repeatCount, score: repeat.score },
    });
  }
  const id = crypto.randomUUID();
  const what = byEnterprise
    ? `企业提交诉求 ${number}「${input.title}」`
    : actor.kind === 'integration'
      ? `接口推送工单 ${input.externalRef} 受理为诉求 ${number}「${input.title}」`
      : `受理诉求 ${number}「${input.title}」`;
  // One statement (issue 20): the appeal, its co-units (a new appeal has none yet: insert only), its
  // timeline events and its audit row; it answers the appeal as written (or nothing but its id).
  const write: repo.IntakeWrite = {
    appeal: { ...base, id },
    searchWords: documentWords(input.title, input.content, enterprise.name, number, input.externalRef),
    coUnits: input.dispatch?.coUnits?.length && !onSpot ? input.dispatch.coUnits : [],
    events: events.map((e) => ({ ...e, tenantId: actor.tenantId, appealId: id })),
    audit: auditRecord(ctx, {
      action: 'appeal.create',
      entity: 'appeal',
      entityId: id,
      summary: `${what}${repeat ? `（重复诉求，与 ${repeat.number} 相似，第${base.repeatCount}次重复）` : ''}${onSpot ? '（当场答复办结）' : input.dispatch ? `并${input.dispatch.auto ? '自动' : ''}派单至${dispatchUnits!.get(input.dispatch.leadUnitId)!.name}${channelLeadSummary(channelLead)}` : ''}${backdated ? `；补录受理时间 ${receivedAt.toISOString()}，原因：${input.backdateReason}` : ''}`,
      after: { ...base, id },
    }),
  };
  return { id, env, state: base.state, write };
}
