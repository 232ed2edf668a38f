// Demo appeals for a newcomer's first start: a few hundred across channels, categories and states,
// on time and overdue, for the province and two cities. Deterministic (seeded PRNG), placed relative
// to the current date, deadlines from the calendar module with each tenant's settings, inserted
// set-based (jsonb_to_recordset): one statement per table.
import { sql } from 'drizzle-orm';
import { APPEAL_CATEGORIES, APPEAL_CHANNELS, type AppealCategory, type AppealChannel } from '../../../shared/appeals.ts';
import { queryRows, type DbOrTx } from '../db/client.ts';
import { shanghaiDate } from '../domain/calendar/index.ts';
import { cycleDeadlines, doneState, nextDueAt, pauseClock } from '../domain/appeals/clock.ts';
import { documentWords, tenantEnv } from '../modules/appeals/index.ts';

const TOPICS: Record<AppealCategory, [string, string][]> = {
  policy: [
    ['安全生产责任保险政策咨询', '企业咨询安全生产责任保险的投保范围、费率浮动办法及理赔流程。'],
    ['粉尘涉爆企业改造补贴政策咨询', '企业计划对除尘系统进行改造，询问是否有省级补贴政策及申报条件。'],
    ['危险化学品重大危险源包保责任制咨询', '企业询问重大危险源主要负责人、技术负责人、操作负责人包保职责的具体要求。'],
  ],
  licensing: [
    ['危险化学品经营许可证延期办理', '企业危险化学品经营许可证将于下月到期，询问延期所需材料和办理时限。'],
    ['非煤矿山安全生产许可证变更', '企业法定代表人变更，咨询安全生产许可证变更手续。'],
    ['安全评价报告备案进度查询', '企业已提交安全现状评价报告，询问备案审查进度。'],
  ],
  enforcement: [
    ['执法检查整改期限申请延长', '企业在执法检查中被责令限期整改，因设备采购周期较长申请延长整改期限。'],
    ['行政处罚陈述申辩意见', '企业对执法检查认定的问题有不同意见，希望提交陈述申辩材料。'],
  ],
  complaint: [
    ['反映周边企业夜间违规作业', '群众反映某企业夜间违规进行动火作业，存在安全风险。'],
    ['举报中介机构出具虚假安全评价', '企业反映某安全评价机构收费后未到现场即出具报告。'],
  ],
  hazard: [
    ['尾矿库排洪设施存在安全隐患', '反映某尾矿库排洪井出现裂缝，汛期前需尽快处置。'],
    ['液氨储罐区泄漏报警装置失效', '企业员工反映液氨储罐区泄漏报警装置长期未校验，存在隐患。'],
  ],
  suggestion: [
    ['建议简化安全培训考核流程', '企业建议将特种作业人员复审与继续教育合并办理，减少往返。'],
    ['建议开展工贸行业专家指导服务', '中小企业希望应急管理部门组织专家上门开展隐患排查指导。'],
  ],
  help: [
    ['请求协调危险废物处置渠道', '企业因处置单位停产，危险废物暂存量接近上限，请求协调处置渠道。'],
    ['停产复工安全条件确认求助', '企业停产检修后拟复工，请求指导复工前安全条件确认工作。'],
  ],
  other: [['企业搬迁涉及安全距离问题', '企业拟搬迁至化工园区，咨询外部安全防护距离评估要求。']],
};

const DEMO_ENTERPRISES: [string, string][] = [
  ['鲁华化工有限公司', 'hazchem'],
  ['齐鲁石化精细化学品有限公司', 'hazchem'],
  ['东营宏达石油化工有限公司', 'hazchem'],
  ['淄博鑫源化学有限公司', 'hazchem'],
  ['招远金岭矿业有限公司', 'mining'],
  ['莱芜泰山石灰石矿业有限公司', 'mining'],
  ['沂南华宝建材矿业有限公司', 'mining'],
  ['济南精工机械有限公司', 'industry'],
  ['青岛海联冶金有限公司', 'industry'],
  ['潍坊昌盛纺织有限公司', 'industry'],
  ['临沂金科轻工制品有限公司', 'industry'],
  ['烟台港城食品有限公司', 'industry'],
];

const STAFF = ['吴海涛', '郑晓燕', '刘志强', '孙丽', '赵磊', '陈静'];
const CONTACTS = ['王建国', '李秀英', '张伟', '刘洋', '陈明', '杨帆', '黄海', '周杰'];

/** Target states with their weights and how old (hours) such an appeal typically is. */
const PLAN: { state: string; weight: number; minAge: number; maxAge: number }[] = [
  { state: 'received', weight: 7, minAge: 0.2, maxAge: 6 },
  { state: 'returned', weight: 3, minAge: 3, maxAge: 30 },
  { state: 'dispatched', weight: 10, minAge: 0.5, maxAge: 20 },
  { state: 'handling', weight: 36, minAge: 1, maxAge: 600 },
  { state: 'paused', weight: 3, minAge: 100, maxAge: 400 },
  { state: 'replied', weight: 8, minAge: 100, maxAge: 500 },
  { state: 'closed', weight: 27, minAge: 200, maxAge: 1400 },
  { state: 'on_spot', weight: 6, minAge: 1, maxAge: 1400 },
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const H = 3_600_000;

type Unit = { id: string; name: string; kind: string; sectors: string[] };

/** Loads demo appeals for the tenants with these codes (counts per tenant). Returns how many. */
export async function loadAppealDemo(db: DbOrTx, plan: { code: string; count: number }[], now = new Date()): Promise<number> {
  const appeals: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const counters = new Map<string, { tenantId: string; year: number; last: number }>();
  const rules: Record<string, unknown>[] = [];
  for (const [ti, p] of plan.entries()) {
    const [tenant] = await queryRows<{ id: string; code: string }>(db, sql`SELECT id, code FROM tenants WHERE code = ${p.code}`);
    if (!tenant) continue;
    const env = await tenantEnv(db, tenant.id);
    const units = await queryRows<Unit>(db, sql`SELECT id, name, kind, sectors FROM units WHERE tenant_id = ${tenant.id} AND NOT archived ORDER BY sort_order`);
    const handling = units.filter((u) => ['business', 'enforcement', 'service', 'coordinator'].includes(u.kind));
    if (!handling.length) continue;
    const [intakeUser] = await queryRows<{ id: string; display_name: string }>(
      db,
      sql`
      SELECT id, display_name FROM users WHERE tenant_id = ${tenant.id} AND 'intake' = ANY(roles) ORDER BY created_at LIMIT 1`,
    );
    const intakeName = intakeUser?.display_name ?? '诉求受理员';
    const registered = await queryRows<{ id: string; name: string; uscc: string; sector: string }>(
      db,
      sql`
      SELECT id, name, uscc, sector FROM enterprises WHERE tenant_id = ${tenant.id} AND NOT archived ORDER BY name LIMIT 40`,
    );
    const unitFor = (sector: string | null, r: () => number) => {
      const fit = handling.filter((u) => u.kind === 'business' && sector && u.sectors.includes(sector));
      return (fit.length ? fit : handling)[Math.floor(r() * (fit.length || handling.length))];
    };
    // Routing rules (R3.2): sector → its business unit.
    for (const sector of ['hazchem', 'mining', 'industry']) {
      const u = handling.find((x) => x.kind === 'business' && x.sectors.length === 1 && x.sectors[0] === sector);
      if (u) rules.push({ tenant_id: tenant.id, sector, category: null, unit_id: u.id, note: '业务对口（演示）' });
    }
    const enforcement = handling.find((u) => u.kind === 'enforcement');
    if (enforcement) rules.push({ tenant_id: tenant.id, sector: null, category: 'enforcement', unit_id: enforcement.id, note: '执法类诉求（演示）' });

    const r = prng(20_260_000 + ti);
    const totalWeight = PLAN.reduce((s, x) => s + x.weight, 0);
    const drafts = Array.from({ length: p.count }, () => {
      let pick = r() * totalWeight;
      const target =
        PLAN.find((x) => {
          pick -= x.weight;
          return pick < 0;
        }) ?? PLAN[0];
      const ageH = target.minAge + r() * (target.maxAge - target.minAge);
      return { target, receivedAt: new Date(now.getTime() - Math.round(ageH * H)) };
    }).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());

    for (const { target, receivedAt } of drafts) {
      const id = crypto.randomUUID();
      const year = Number(shanghaiDate(receivedAt).slice(0, 4));
      const ck = `${tenant.id}:${year}`;
      const counter = counters.get(ck) ?? { tenantId: tenant.id, year, last: 0 };
      counter.last++;
      counters.set(ck, counter);
      const number = `ZQT-${tenant.code}-${year}-${String(counter.last).padStart(6, '0')}`;
      const category = APPEAL_CATEGORIES[Math.floor(r() * APPEAL_CATEGORIES.length)];
      const channel: AppealChannel = APPEAL_CHANNELS[Math.floor(r() * (APPEAL_CHANNELS.length - 1))];
      const topics = TOPICS[category];
      const [title, content] = topics[Math.floor(r() * topics.length)];
      const reg = registered.length && r() < 0.7 ? registered[Math.floor(r() * registered.length)] : null;
      const [eName, eSector] = reg ? [reg.name, reg.sector] : DEMO_ENTERPRISES[Math.floor(r() * DEMO_ENTERPRISES.length)];
      const lead = unitFor(eSector, r);
      const co = r() < 0.15 ? (handling.find((u) => u.id !== lead.id) ?? null) : null;
      let due: Record<'contact' | 'opinion' | 'resolution', Date | null> = { contact: null, opinion: null, resolution: null };
      let deadlineError: unknown = null;
      try {
        due = cycleDeadlines(receivedAt, env.sla, env.calendar);
      } catch (err) {
        deadlineError = {
          code: 'CALENDAR_YEAR_NOT_LOADED',
          year: (err as { details?: { year?: number } }).details?.year ?? null,
          message: String((err as Error).message),
        };
      }
      const staff = STAFF[Math.floor(r() * STAFF.length)];
      const ev = (
        type: string,
        at: Date,
        actor: string,
        before: string | null,
        after: string,
        payload: Record<string, unknown> = {},
        unitId: string | null = null,
      ) =>
        events.push({
          tenant_id: tenant.id,
          appeal_id: id,
          type,
          at: at.toISOString(),
          actor_name: actor,
          unit_id: unitId,
          state_before: before,
          state_after: after,
          payload,
        });
      // Done instants: mostly on time, some late; never in the future.
      const late = r() < 0.18;
      const clamp = (t: number) => new Date(Math.min(t, now.getTime() - 5 * 60_000));
      const contactAt = clamp(receivedAt.getTime() + (late ? 2.5 + r() * 4 : 0.2 + r() * 1.6) * H);
      const opinionAt = clamp(receivedAt.getTime() + (late ? 40 + r() * 30 : 3 + r() * 18) * H);
      const resolutionAt = clamp(
        receivedAt.getTime() + (late && due.resolution ? due.resolution.getTime() - receivedAt.getTime() + r() * 72 * H : (24 + r() * 200) * H),
      );
      const state = target.state === 'on_spot' ? 'closed' : target.state;
      const row: Record<string, unknown> = {
        id,
        tenant_id: tenant.id,
        number,
        enterprise_id: reg?.id ?? null,
        enterprise_name: eName,
        enterprise_uscc: reg?.uscc ?? null,
        sector: eSector,
        contact_name: CONTACTS[Math.floor(r() * CONTACTS.length)],
        contact_phone: `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
        channel,
        category,
        title,
        content,
        received_at: receivedAt.toISOString(),
        is_major: r() < 0.06,
        is_safety_hazard: category === 'hazard',
        is_confidential: category === 'complaint' && r() < 0.5,
        state,
        cycle_started_at: receivedAt.toISOString(),
        deadline_error: deadlineError,
        search_words: documentWords(title, content, eName, number),
      };
      const clock = {
        contact: { dueAt: due.contact, doneAt: null as Date | null },
        opinion: { dueAt: due.opinion, doneAt: null as Date | null },
        resolution: { dueAt: due.resolution, doneAt: null as Date | null },
      };
      ev('create', receivedAt, intakeName, null, 'received', { channel, category });
      if (target.state === 'on_spot') {
        for (const m of ['contact', 'opinion', 'resolution'] as const) clock[m].doneAt = receivedAt;
        Object.assign(row, {
          result_kind: 'solved',
          result_text: '已当场答复',
          reply_text: '已当场答复',
          replied_at: receivedAt.toISOString(),
          closed_at: receivedAt.toISOString(),
          close_reason: 'answered_on_spot',
        });
        ev('answer_on_spot', receivedAt, intakeName, 'received', 'closed', { answer: '已当场答复' });
      } else if (state !== 'received') {
        const dispatchedAt = new Date(Math.min(receivedAt.getTime() + 0.3 * H, now.getTime() - 60_000));
        ev('dispatch', dispatchedAt, intakeName, 'received', 'dispatched', {
          leadUnitId: lead.id,
          leadUnitName: lead.name,
          coUnits: co ? [{ unitId: co.id, unitName: co.name, part: '' }] : [],
        });
        if (state === 'returned') {
          ev(
            'return',
            clamp(dispatchedAt.getTime() + 2 * H),
            `${lead.name}负责人`,
            'dispatched',
            'returned',
            { reason: '不属于本处室职责，建议转相关处室' },
            lead.id,
          );
        } else {
          Object.assign(row, { lead_unit_id: lead.id, dispatched_at: dispatchedAt.toISOString(), co_unit_id: co?.id ?? null });
          if (state !== 'dispatched') {
            const acceptedAt = clamp(dispatchedAt.getTime() + 0.2 * H);
            row.accepted_at = acceptedAt.toISOString();
            ev('accept', acceptedAt, staff, 'dispatched', 'handling', {}, lead.id);
            const progress = state === 'handling' ? Math.floor(r() * 3) : 3; // milestones reached while handling
            if (progress >= 1 || state === 'paused') {
              clock.contact.doneAt = contactAt;
              ev(
                'contact',
                contactAt,
                staff,
                'handling',
                'handling',
                { method: r() < 0.7 ? 'phone' : 'on_site', withWhom: row.contact_name, note: '已与企业取得联系' },
                lead.id,
              );
            }
            if (progress >= 2 || state === 'paused') {
              clock.opinion.doneAt = opinionAt;
              row.opinion_text = '已向企业反馈初步办理意见';
              ev('opinion', opinionAt, staff, 'handling', 'handling', { text: row.opinion_text }, lead.id);
            }
            if (state === 'paused') {
              const pausedAt = clamp(opinionAt.getTime() + 24 * H);
              // The same pause record a real approval stores, so resuming moves the deadlines (R6.2).
              const pause = deadlineError ? { pausedAt: pausedAt.toISOString(), requestId: null, milestones: {} } : pauseClock(clock, pausedAt, env.calendar);
              Object.assign(row, { paused_at: pausedAt.toISOString(), pause });
              ev(
                'decide_request',
                pausedAt,
                `${lead.name}负责人`,
                'handling',
                'paused',
                { kind: 'pause', approve: true, reason: '等待企业补充检测报告' },
                lead.id,
              );
            }
            if (progress >= 3 && state !== 'paused') {
              clock.resolution.doneAt = resolutionAt;
              const kind = r() < 0.8 ? 'solved' : 'service_confirmed';
              Object.assign(row, { result_kind: kind, result_text: kind === 'solved' ? '问题已解决' : '已解释说明，依法不能满足，企业已知悉' });
              ev('result', resolutionAt, staff, 'handling', 'handling', { kind, text: row.result_text }, lead.id);
              const repliedAt = clamp(resolutionAt.getTime() + 2 * H);
              Object.assign(row, { reply_text: '您反映的问题已办理完毕，办理情况如下……', replied_at: repliedAt.toISOString() });
              ev('reply', repliedAt, staff, 'handling', 'replied', { text: row.reply_text }, lead.id);
              if (state === 'closed') {
                const evaluatedAt = clamp(repliedAt.getTime() + 24 * H);
                const rating = r() < 0.75 ? 'satisfied' : r() < 0.8 ? 'basically_satisfied' : null;
                if (rating) {
                  Object.assign(row, { evaluation: rating, evaluated_at: evaluatedAt.toISOString() });
                  ev('evaluate', evaluatedAt, intakeName, 'replied', 'closed', { rating, source: 'callback' });
                } else ev('close_unevaluated', evaluatedAt, '系统', 'replied', 'closed', {});
                Object.assign(row, { closed_at: evaluatedAt.toISOString(), close_reason: rating ?? 'unevaluated' });
                ev('close', evaluatedAt, rating ? intakeName : '系统', 'closed', 'closed', { closeReason: rating ?? 'unevaluated' });
              }
            }
          }
        }
      }
      for (const m of ['contact', 'opinion', 'resolution'] as const) {
        row[`${m}_due_at`] = clock[m].dueAt?.toISOString() ?? null;
        row[`${m}_done_at`] = clock[m].doneAt?.toISOString() ?? null;
        row[`${m}_state`] = clock[m].doneAt ? doneState(clock[m].dueAt, clock[m].doneAt!) : deadlineError ? 'unknown' : 'pending';
      }
      const nd = ['closed', 'replied', 'paused'].includes(state) ? null : nextDueAt(clock, false);
      row.next_due_at = nd?.toISOString() ?? null;
      appeals.push(row);
    }
  }
  if (!appeals.length) return 0;
  await db.execute(sql`
    INSERT INTO appeals (id, tenant_id, number, enterprise_id, enterprise_name, enterprise_uscc, sector, contact_name, contact_phone, channel, category,
      title, content, received_at, is_major, is_safety_hazard, is_confidential, state, lead_unit_id, dispatched_at, accepted_at, cycle_started_at,
      contact_due_at, contact_done_at, contact_state, opinion_due_at, opinion_done_at, opinion_state, resolution_due_at, resolution_done_at, resolution_state,
      next_due_at, deadline_error, paused_at, pause, opinion_text, result_kind, result_text, reply_text, replied_at, evaluation, evaluated_at, closed_at, close_reason, search_vector)
    SELECT id, tenant_id, number, enterprise_id, enterprise_name, enterprise_uscc, sector, contact_name, contact_phone, channel, category,
      title, content, received_at, is_major, is_safety_hazard, is_confidential, state, lead_unit_id, dispatched_at, accepted_at, cycle_started_at,
      contact_due_at, contact_done_at, contact_state, opinion_due_at, opinion_done_at, opinion_state, resolution_due_at, resolution_done_at, resolution_state,
      next_due_at, deadline_error, paused_at, pause, opinion_text, result_kind, result_text, reply_text, replied_at, evaluation, evaluated_at, closed_at, close_reason,
      to_tsvector('simple', search_words)
    FROM jsonb_to_recordset(${JSON.stringify(appeals)}::jsonb) AS x(id uuid, tenant_id uuid, number text, enterprise_id uuid, enterprise_name text, enterprise_uscc text,
      sector text, contact_name text, contact_phone text, channel text, category text, title text, content text, received_at timestamptz, is_major boolean,
      is_safety_hazard boolean, is_confidential boolean, state text, lead_unit_id uuid, dispatched_at timestamptz, accepted_at timestamptz, cycle_started_at timestamptz,
      contact_due_at timestamptz, contact_done_at timestamptz, contact_state text, opinion_due_at timestamptz, opinion_done_at timestamptz, opinion_state text,
      resolution_due_at timestamptz, resolution_done_at timestamptz, resolution_state text, next_due_at timestamptz, deadline_error jsonb, paused_at timestamptz,
      pause jsonb, opinion_text text, result_kind text, result_text text, reply_text text, replied_at timestamptz, evaluation text, evaluated_at timestamptz,
      closed_at timestamptz, close_reason text, search_words text)`);
  const co = appeals.filter((a) => a.co_unit_id).map((a) => ({ appeal_id: a.id, unit_id: a.co_unit_id, tenant_id: a.tenant_id }));
  if (co.length) {
    await db.execute(sql`INSERT INTO appeal_units (appeal_id, unit_id, tenant_id, part)
      SELECT appeal_id, unit_id, tenant_id, '协办' FROM jsonb_to_recordset(${JSON.stringify(co)}::jsonb) AS x(appeal_id uuid, unit_id uuid, tenant_id uuid)`);
  }
  await db.execute(sql`INSERT INTO appeal_events (tenant_id, appeal_id, type, at, actor_name, unit_id, state_before, state_after, payload)
    SELECT tenant_id, appeal_id, type, at, actor_name, unit_id, state_before, state_after, payload
    FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(tenant_id uuid, appeal_id uuid, type text, at timestamptz, actor_name text, unit_id uuid,
      state_before text, state_after text, payload jsonb) ORDER BY at`);
  await db.execute(sql`INSERT INTO appeal_counters (tenant_id, year, last)
    SELECT tenant_id, year, last FROM jsonb_to_recordset(${JSON.stringify([...counters.values()].map((c) => ({ tenant_id: c.tenantId, year: c.year, last: c.last })))}::jsonb)
      AS x(tenant_id uuid, year int, last int)
    ON CONFLICT (tenant_id, year) DO UPDATE SET last = greatest(appeal_counters.last, excluded.last)`);
  if (rules.length) {
    await db.execute(sql`INSERT INTO routing_rules (tenant_id, sector, category, unit_id, note)
      SELECT tenant_id, sector, category, unit_id, note FROM jsonb_to_recordset(${JSON.stringify(rules)}::jsonb)
        AS x(tenant_id uuid, sector text, category text, unit_id uuid, note text) ON CONFLICT DO NOTHING`);
  }
  return appeals.length;
}

/** The demo plan: the province and two cities. */
export const DEMO_APPEAL_PLAN = [
  { code: '370000', count: 260 },
  { code: '370100', count: 70 },
  { code: '370200', count: 70 },
];
