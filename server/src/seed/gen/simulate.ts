// One generated appeal, start to end: its whole life is drawn first (dispatch, 退单, 签收, the 2115
// milestones on time or late, 挂起, result, reply, evaluation, 重办), every deadline from the real
// calendar (domain/appeals/clock.ts with the tenant's settings and calendar); then the events up to
// `now` are kept and folded into the appeal row the way the app's actions set its columns. So an
// appeal received last week is still open and one from last year is closed, and the row always
// agrees with its timeline. Pure and deterministic: no database.
import type { AppealCategory, AppealChannel, EvaluationRating, Milestone } from '../../../../shared/appeals.ts';
import { MILESTONE_LABELS } from '../../../../shared/appeals.ts';
import type { Sector } from '../../../../shared/roles.ts';
import {
  cycleDeadlines,
  doneState,
  evaluationDeadline,
  nextDueAt,
  pauseClock,
  resumeClock,
  type AppealClock,
  type PauseRecord,
} from '../../domain/appeals/clock.ts';
import type { GenEnterprise } from './enterprises.ts';
import type { GenTenant, GenUnit, Person } from './org.ts';
import { between, mobile, pick, skewedIndex, weighted, type Rng } from './random.ts';
import {
  CATEGORY_MIX,
  CHANNEL_CATEGORY_BIAS,
  CHANNEL_MIX,
  enterpriseName,
  OPINIONS,
  personName,
  RESULTS_CONFIRMED,
  RESULTS_SOLVED,
  RETURN_REASONS,
  SECTOR_MIX,
  topicFor,
} from './vocab.ts';

const MIN = 60_000;
const H = 3_600_000;
const DAY = 24 * H;
const MS = ['contact', 'opinion', 'resolution'] as const;

type Due = Record<Milestone, number>;
type Cycle = { due: Due | null; error: { code: 'CALENDAR_YEAR_NOT_LOADED'; year: number | null; message: string } | null };
export type GenEvent = {
  type: string;
  at: number;
  actor: Person | null;
  unitId: string | null;
  payload: Record<string, unknown>;
  fx?: Record<string, unknown>;
};
export type Sim = {
  row: Record<string, unknown>;
  events: Record<string, unknown>[];
  co: {
    unit_id: string;
    status: string;
    submitted_text: string | null;
    submitted_at: string | null;
    submitted_by_name: string | null;
    assigned_at: string;
  } | null;
};

function cycleAt(t: GenTenant, at: number): Cycle {
  try {
    const d = cycleDeadlines(new Date(at), t.env.sla, t.env.calendar);
    return { due: { contact: d.contact.getTime(), opinion: d.opinion.getTime(), resolution: d.resolution.getTime() }, error: null };
  } catch (err) {
    const year = (err as { details?: { year?: number } }).details?.year ?? null;
    return { due: null, error: { code: 'CALENDAR_YEAR_NOT_LOADED', year, message: (err as Error).message } };
  }
}

/** When a step is done: on time with probability pOnTime (between `from` and the deadline), else late. */
function doneTime(r: Rng, from: number, due: number, pOnTime: number, lateSpan: number): number {
  const room = due - from - MIN;
  if (room > 5 * MIN && r() < pOnTime) return from + 5 * MIN + Math.pow(r(), 1.4) * (room - 5 * MIN);
  return Math.max(from + 5 * MIN, due) + 10 * MIN + Math.pow(r(), 2) * lateSpan;
}

function leadUnitFor(r: Rng, t: GenTenant, sector: Sector, category: AppealCategory): GenUnit {
  const of = (kind: string) => t.handling.filter((u) => u.kind === kind);
  if (category === 'enforcement' && r() < 0.7 && of('enforcement').length) return pick(r, of('enforcement'));
  if (category === 'licensing' && r() < 0.3 && of('coordinator').length) return pick(r, of('coordinator'));
  if (category === 'licensing' && r() < 0.2 && of('service').length) return pick(r, of('service'));
  const exact = t.handling.filter((u) => u.kind === 'business' && u.sectors.length === 1 && u.sectors[0] === sector);
  if (exact.length && r() < 0.85) return pick(r, exact);
  const fit = t.handling.filter((u) => u.sectors.includes(sector));
  return pick(r, fit.length ? fit : t.handling);
}

export type SimInput = { id: string; number: string; receivedAt: number; now: number; tenant: GenTenant; enterprises: GenEnterprise[] };

export function simulateAppeal(r: Rng, x: SimInput): Sim {
  const t = x.tenant;
  const S0 = x.receivedAt;
  const channel: AppealChannel = weighted(r, CHANNEL_MIX);
  const bias = CHANNEL_CATEGORY_BIAS[channel];
  const category: AppealCategory = bias && r() < 0.5 ? bias : weighted(r, CATEGORY_MIX);
  const reg = x.enterprises.length && r() < 0.78 ? x.enterprises[skewedIndex(r, x.enterprises.length)] : null;
  const sector: Sector = reg?.sector ?? weighted(r, SECTOR_MIX);
  const eName = reg?.name ?? enterpriseName(r, t.place, sector, sector === 'industry' ? 'machinery' : null);
  const { title, content } = topicFor(r, category, sector, eName);
  const intake = pick(r, t.intake.length ? t.intake : [{ id: '', name: '诉求受理员' }]);
  const lead = leadUnitFor(r, t, sector, category);
  const staff = lead.staff.length ? pick(r, lead.staff) : (lead.head ?? { id: '', name: `${lead.name}工作人员` });
  const head = lead.head ?? staff;
  const coUnit = r() < 0.1 ? (t.handling.find((u) => u.id !== lead.id && r() < 0.4) ?? null) : null;
  const contactName = personName(r);

  // ---- the whole life, as events (times may lie in the future; cut below) ----
  const ev: GenEvent[] = [];
  const add = (type: string, at: number, actor: Person | null, unitId: string | null, payload: Record<string, unknown> = {}, fx?: Record<string, unknown>) =>
    ev.push({ type, at, actor, unitId, payload, fx });
  let cyc = cycleAt(t, S0);
  add('create', S0, intake, null, { channel, category }, { cycle: cyc });
  const onSpot = ['policy', 'help', 'other'].includes(category) ? r() < 0.12 : r() < 0.03;
  if (onSpot) {
    add('answer_on_spot', S0, intake, null, { answer: '已当场答复' });
  } else {
    let at = S0 + 3 * MIN + Math.pow(r(), 3) * 40 * MIN;
    const dispatchPayload = (u: GenUnit, co: GenUnit | null) => ({
      leadUnitId: u.id,
      leadUnitName: u.name,
      coUnits: co ? [{ unitId: co.id, unitName: co.name, part: '协办' }] : [],
    });
    if (r() < 0.02) {
      const wrong = pick(r, t.handling.filter((u) => u.id !== lead.id).length ? t.handling.filter((u) => u.id !== lead.id) : t.handling);
      add('dispatch', at, intake, null, dispatchPayload(wrong, null), { lead: wrong.id });
      at += 20 * MIN + r() * 3 * H;
      add('return', at, wrong.head, wrong.id, { reason: pick(r, RETURN_REASONS), fromUnitId: wrong.id, fromUnitName: wrong.name });
      at += 10 * MIN + r() * 4 * H;
    }
    add('dispatch', at, intake, null, dispatchPayload(lead, coUnit), { lead: lead.id, co: coUnit?.id ?? null });
    at += 2 * MIN + Math.pow(r(), 2) * 30 * MIN;
    add('accept', at, staff, lead.id);
    const stuck = r() < 0.006 ? between(r, 20, 90) * DAY : 0;
    for (let reopen = 0; ; reopen++) {
      const S = reopen === 0 ? S0 : at;
      const due = cyc.due ?? { contact: S + 2 * H, opinion: S + 2 * DAY, resolution: S + 21 * DAY };
      let late: Partial<Record<Milestone, number>> = {};
      const mark = (m: Milestone, doneAt: number) => {
        if (cyc.due && doneAt > due[m] + MIN) late[m] = due[m] + MIN;
      };
      const contactAt = doneTime(r, at, due.contact, 0.93, 20 * H);
      mark('contact', contactAt);
      const opinionAt = doneTime(r, contactAt, due.opinion, 0.92, 3 * DAY);
      mark('opinion', opinionAt);
      let resDue = due.resolution;
      let pauseAt = 0;
      let resumeAt = 0;
      let newDue: Partial<Record<'opinion' | 'resolution', number>> = {};
      let pause: PauseRecord | null = null;
      if (cyc.due && r() < 0.025) {
        pauseAt = opinionAt + H + r() * Math.max(H, (resDue - opinionAt) * 0.5);
        resumeAt = pauseAt + between(r, 3, 20) * DAY;
        try {
          const clock: AppealClock = {
            contact: { dueAt: new Date(due.contact), doneAt: new Date(contactAt) },
            opinion: { dueAt: new Date(due.opinion), doneAt: new Date(opinionAt) },
            resolution: { dueAt: new Date(resDue), doneAt: null },
          };
          pause = pauseClock(clock, new Date(pauseAt), t.env.calendar);
          const moved = resumeClock(pause, new Date(resumeAt), t.env.calendar);
          if (moved.resolution) newDue = { resolution: moved.resolution.getTime() };
          resDue = newDue.resolution ?? resDue;
        } catch {
          pause = null;
        }
      }
      const resultFrom = pause ? resumeAt : opinionAt;
      const resultAt = doneTime(r, resultFrom + H, resDue, 0.9, 12 * DAY) + stuck;
      if (cyc.due && resultAt > resDue + MIN) late.resolution = resDue + MIN;
      const kind = r() < 0.82 ? 'solved' : 'service_confirmed';
      // The system's overdue marks and auto-urges (modules/appeals/appeals.sweep.ts), a minute after each missed deadline.
      const lateMarks = MS.filter((m) => late[m] !== undefined).map((m) => ({ m, at: late[m]! }));
      const urgeAt = [...new Set(lateMarks.map((l) => l.at))];
      for (const l of lateMarks)
        add(
          'overdue',
          l.at,
          null,
          lead.id,
          { milestone: l.m, label: MILESTONE_LABELS[l.m], dueAt: new Date(l.at - MIN).toISOString(), cycle: reopen, autoUrged: true },
          { overdue: l.m },
        );
      for (const u of urgeAt) add('urge', u, null, lead.id, { auto: true, leadUnitId: lead.id, note: '系统自动催办：时限已逾期' }, { urge: true });
      add(
        'contact',
        contactAt,
        staff,
        lead.id,
        {
          method: r() < 0.7 ? 'phone' : 'on_site',
          withWhom: contactName,
          at: new Date(contactAt).toISOString(),
          note: '已与企业取得联系',
          attachmentIds: [],
          milestone: true,
        },
        { done: 'contact' },
      );
      const opinionText = pick(r, OPINIONS);
      add('opinion', opinionAt, staff, lead.id, { text: opinionText, milestone: true }, { done: 'opinion', opinionText });
      if (pause) {
        add('decide_request', pauseAt, head, lead.id, { kind: 'pause', approve: true, reason: '等待企业补充检测报告' }, { pause });
        add('resume', resumeAt, head, lead.id, {}, { resume: newDue });
      }
      if (coUnit && reopen === 0) {
        const coStaff = coUnit.staff.length ? pick(r, coUnit.staff) : null;
        add(
          'submit_part',
          resultAt - Math.min(resultAt - opinionAt, H) * r(),
          coStaff,
          coUnit.id,
          { unitId: coUnit.id, text: '本处室意见已提交', attachmentIds: [] },
          { part: coUnit.id, by: coStaff?.name ?? coUnit.name },
        );
      }
      const resultText = kind === 'solved' ? pick(r, RESULTS_SOLVED) : pick(r, RESULTS_CONFIRMED);
      add('result', resultAt, staff, lead.id, { kind, text: resultText, milestone: true }, { done: 'resolution', resultKind: kind, resultText });
      const replyAt = resultAt + 10 * MIN + r() * 20 * H;
      const replyText = `您反映的“${title}”问题已办理完毕：${resultText}`;
      add('reply', replyAt, staff, lead.id, { text: replyText }, { replyText });
      let window: number;
      try {
        window = evaluationDeadline(new Date(replyAt), t.env.settings.evaluationWindowWorkdays, t.env.calendar).getTime();
      } catch {
        window = replyAt + 14 * DAY;
      }
      const rating = weighted<EvaluationRating | null>(r, [
        ['satisfied', 72],
        ['basically_satisfied', 15],
        ['dissatisfied', reopen < 2 ? 4 : 0],
        [null, 9],
      ]);
      if (!rating) {
        add('close_unevaluated', window + MIN, null, null, { windowWorkdays: t.env.settings.evaluationWindowWorkdays });
        add('close', window + MIN, null, null, { closeReason: 'unevaluated' });
        break;
      }
      at = replyAt + H + Math.pow(r(), 2) * Math.max(H, window - replyAt - 2 * H);
      add('evaluate', at, intake, null, { rating, comment: null, source: 'callback' }, { rating });
      if (rating !== 'dissatisfied') {
        add('close', at, intake, null, { closeReason: rating });
        break;
      }
      cyc = cycleAt(t, at);
      const nd = cyc.due;
      add(
        'reopen',
        at,
        intake,
        null,
        {
          reopenCount: reopen + 1,
          previous: { resultKind: kind, resultText, replyText },
          due: {
            contact: nd ? new Date(nd.contact).toISOString() : null,
            opinion: nd ? new Date(nd.opinion).toISOString() : null,
            resolution: nd ? new Date(nd.resolution).toISOString() : null,
          },
        },
        { cycle: cyc },
      );
      late = {};
    }
  }
  const flags = { isMajor: r() < 0.02, isConfidential: category === 'complaint' && r() < 0.4, phone: mobile(r), intakeId: intake.id || null };
  return fold(x, ev, { channel, category, reg, eName, sector, title, content, contactName, coUnit, ...flags });
}

type Meta = {
  channel: AppealChannel;
  category: AppealCategory;
  reg: GenEnterprise | null;
  eName: string;
  sector: Sector;
  title: string;
  content: string;
  contactName: string;
  coUnit: GenUnit | null;
  isMajor: boolean;
  isConfidential: boolean;
  phone: string;
  intakeId: string | null;
};

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const AFTER: Record<string, string | null> = {
  create: 'received',
  answer_on_spot: 'closed',
  dispatch: 'dispatched',
  return: 'returned',
  accept: 'handling',
  reply: 'replied',
  decide_request: 'paused',
  resume: 'handling',
  reopen: 'handling',
  close_unevaluated: 'closed',
};

/** The events up to now, folded into the appeal row as the app's actions set its columns. */
function fold(x: SimInput, all: GenEvent[], m: Meta): Sim {
  const cut = x.now - MIN;
  const events = all
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map((o) => o.e)
    .filter((e) => e.at <= cut);
  const a: Record<string, unknown> = {
    id: x.id,
    tenant_id: x.tenant.id,
    number: x.number,
    enterprise_id: m.reg?.id ?? null,
    enterprise_name: m.eName,
    enterprise_uscc: m.reg?.uscc ?? null,
    sector: m.sector,
    contact_name: m.contactName,
    contact_phone: m.phone,
    channel: m.channel,
    category: m.category,
    title: m.title,
    content: m.content,
    received_at: iso(x.receivedAt),
    is_major: m.isMajor,
    is_safety_hazard: m.category === 'hazard',
    is_confidential: m.isConfidential,
    reopen_count: 0,
    urge_count: 0,
    last_urged_at: null,
    lead_unit_id: null,
    dispatched_at: null,
    accepted_at: null,
    paused_at: null,
    pause: null,
    opinion_text: null,
    result_kind: null,
    result_text: null,
    reply_text: null,
    replied_at: null,
    evaluation: null,
    evaluated_at: null,
    closed_at: null,
    close_reason: null,
    created_by: m.intakeId,
  };
  const due: Record<Milestone, number | null> = { contact: null, opinion: null, resolution: null };
  const done: Record<Milestone, number | null> = { contact: null, opinion: null, resolution: null };
  const st: Record<Milestone, string> = { contact: 'pending', opinion: 'pending', resolution: 'pending' };
  let state = 'received';
  let error: Cycle['error'] = null;
  let co: Sim['co'] = null;
  const newCycle = (c: Cycle, at: number) => {
    error = c.error;
    a.cycle_started_at = iso(at);
    for (const k of MS) {
      due[k] = c.due ? c.due[k] : null;
      done[k] = null;
      st[k] = c.error ? 'unknown' : 'pending';
    }
  };
  const finish = (k: Milestone, at: number) => {
    done[k] = at;
    st[k] = doneState(due[k] === null ? null : new Date(due[k]!), new Date(at));
  };
  const rows: Record<string, unknown>[] = [];
  for (const e of events) {
    const before = state;
    const fx = e.fx ?? {};
    switch (e.type) {
      case 'create':
        newCycle(fx.cycle as Cycle, e.at);
        break;
      case 'answer_on_spot':
        for (const k of MS) finish(k, e.at);
        Object.assign(a, {
          result_kind: 'solved',
          result_text: '已当场答复',
          reply_text: '已当场答复',
          replied_at: iso(e.at),
          closed_at: iso(e.at),
          close_reason: 'answered_on_spot',
        });
        break;
      case 'dispatch':
        Object.assign(a, { lead_unit_id: fx.lead, dispatched_at: iso(e.at), accepted_at: null });
        co = fx.co
          ? { unit_id: fx.co as string, status: 'assigned', submitted_text: null, submitted_at: null, submitted_by_name: null, assigned_at: iso(e.at)! }
          : null;
        break;
      case 'return':
        Object.assign(a, { lead_unit_id: null, dispatched_at: null, accepted_at: null });
        co = null;
        break;
      case 'accept':
        a.accepted_at = iso(e.at);
        break;
      case 'contact':
      case 'opinion':
      case 'result':
        finish(fx.done as Milestone, e.at);
        if (fx.opinionText) a.opinion_text = fx.opinionText;
        if (fx.resultKind) Object.assign(a, { result_kind: fx.resultKind, result_text: fx.resultText });
        break;
      case 'overdue':
        if (!done[fx.overdue as Milestone]) st[fx.overdue as Milestone] = 'overdue';
        break;
      case 'urge':
        a.urge_count = (a.urge_count as number) + 1;
        a.last_urged_at = iso(e.at);
        e.payload = { ...e.payload, urgeCount: a.urge_count };
        break;
      case 'decide_request':
        Object.assign(a, { paused_at: iso(e.at), pause: fx.pause });
        break;
      case 'resume': {
        const moved = fx.resume as Partial<Record<Milestone, number>>;
        for (const k of MS) if (moved[k] !== undefined) due[k] = moved[k]!;
        Object.assign(a, { paused_at: null, pause: null });
        break;
      }
      case 'submit_part':
        if (co) Object.assign(co, { status: 'submitted', submitted_text: e.payload.text, submitted_at: iso(e.at), submitted_by_name: fx.by });
        break;
      case 'reply':
        Object.assign(a, { reply_text: fx.replyText, replied_at: iso(e.at) });
        break;
      case 'evaluate': {
        const rating = fx.rating as string;
        Object.assign(a, { evaluation: rating, evaluated_at: iso(e.at) });
        if (rating !== 'dissatisfied') Object.assign(a, { closed_at: iso(e.at), close_reason: rating });
        state = rating === 'dissatisfied' ? 'replied' : 'closed';
        break;
      }
      case 'reopen':
        newCycle(fx.cycle as Cycle, e.at);
        a.reopen_count = (a.reopen_count as number) + 1;
        Object.assign(a, { opinion_text: null, result_kind: null, result_text: null, reply_text: null, replied_at: null });
        break;
      case 'close_unevaluated':
        Object.assign(a, { closed_at: iso(e.at), close_reason: 'unevaluated' });
        break;
    }
    state = AFTER[e.type] ?? state;
    rows.push({
      tenant_id: x.tenant.id,
      appeal_id: x.id,
      type: e.type,
      at: iso(e.at),
      actor_id: e.actor?.id || null,
      actor_name: e.actor?.name ?? '系统',
      unit_id: e.unitId,
      state_before: e.type === 'create' ? null : before,
      state_after: state,
      payload: e.payload,
    });
  }
  const clock: AppealClock = { contact: { dueAt: null, doneAt: null }, opinion: { dueAt: null, doneAt: null }, resolution: { dueAt: null, doneAt: null } };
  for (const k of MS) {
    clock[k] = { dueAt: due[k] === null ? null : new Date(due[k]!), doneAt: done[k] === null ? null : new Date(done[k]!) };
    a[`${k}_due_at`] = iso(due[k]);
    a[`${k}_done_at`] = iso(done[k]);
    a[`${k}_state`] = st[k];
  }
  a.state = state;
  a.deadline_error = error;
  const nd = ['closed', 'replied', 'paused'].includes(state) ? null : nextDueAt(clock, false);
  a.next_due_at = nd ? nd.toISOString() : null;
  const last = events[events.length - 1];
  a.updated_at = iso(last.at);
  a.version = events.length;
  return { row: a, events: rows, co };
}
