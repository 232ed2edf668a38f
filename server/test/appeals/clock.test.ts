// R6.2 / R8.1 clock effects on appeals, all through the calendar module: deadlines at intake, milestone
// states, extension from the current deadline (with the coordinator above the threshold), pause and
// resume, reopen with a new cycle, the evaluation window, and deadlines that wait for a year's notice.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  computeDeadlines,
  getBundledCalendar,
  pauseDeadline,
  resumeDeadline,
  DEFAULT_SLA_SETTINGS,
  dueDateOf,
  extendDeadline,
} from '../../src/domain/calendar/index.ts';
import { emitCalendarChanged } from '../../src/modules/calendar/calendar-events.ts';
import { bumpRevision, insertNoticeRow } from '../../src/modules/calendar/calendar.repository.ts';
import { appealClock, closeUnevaluatedDue } from '../../src/modules/appeals/index.ts';
import { auditRows } from '../helpers/factory.ts';
import { act, call, createAppeal, current, ok, world, type World } from './helpers.ts';

const real = appealClock.now;
afterEach(() => {
  appealClock.now = real;
});
const at = (s: string) => {
  appealClock.now = () => new Date(s);
};
const cal = getBundledCalendar();

async function handlingAt(w: World, received: string) {
  at(received);
  const a = await createAppeal(w, { receivedAt: received, dispatch: { leadUnitId: w.lead.id } });
  await ok(w, w.users.leadStaff, a.id, 'accept');
  return a.id as string;
}

test('R6.2 deadlines at intake: 2 hours, 1 and 15 working days after the day of receipt (2025 National Day)', async () => {
  const w = await world();
  at('2025-09-30T16:05:00+08:00');
  const a = await createAppeal(w, { receivedAt: '2025-09-30T16:00:00+08:00' });
  assert.equal(a.milestones.contact.dueAt, new Date('2025-09-30T18:00:00+08:00').toISOString());
  assert.equal(a.milestones.opinion.dueAt, new Date('2025-10-10T00:00:00+08:00').toISOString());
  assert.equal(a.milestones.resolution.dueAt, new Date('2025-10-29T00:00:00+08:00').toISOString());
  assert.equal(a.milestones.contact.state, 'pending');
  // R6.2 milestone states move with the clock: due soon 30 minutes before, overdue after.
  at('2025-09-30T17:45:00+08:00');
  assert.equal((await current(w, a.id)).milestones.contact.state, 'due_soon');
  at('2025-09-30T18:00:01+08:00');
  const late = await current(w, a.id);
  assert.equal(late.milestones.contact.state, 'overdue');
  assert.equal(late.overdue, true);
  const overdueList = (await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals?overdue=true' })).json();
  assert.deepEqual(
    overdueList.items.map((x: { id: string }) => x.id),
    [a.id],
  );
});

test('R6.2 R8.1 a city with its own numbers (resolution 10 working days) gets its own deadlines', async () => {
  const w = await world();
  await w.db.execute(sql`UPDATE tenant_settings SET overrides = '{"resolutionWorkdays": 10}'::jsonb WHERE tenant_id = ${w.city.id}`);
  await w.db.execute(
    sql`INSERT INTO tenant_settings (tenant_id, overrides) VALUES (${w.city.id}, '{"resolutionWorkdays": 10}'::jsonb) ON CONFLICT (tenant_id) DO NOTHING`,
  );
  at('2025-09-30T16:05:00+08:00');
  const res = await call(w.app, w.cityIntake, {
    method: 'POST',
    url: '/api/appeals',
    payload: {
      enterpriseName: '青岛某化工',
      contactName: '李四',
      contactPhone: '13900000000',
      channel: 'website',
      category: 'policy',
      title: '咨询',
      content: '咨询政策',
      receivedAt: '2025-09-30T16:00:00+08:00',
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const expected = computeDeadlines(new Date('2025-09-30T16:00:00+08:00'), { ...DEFAULT_SLA_SETTINGS, resolutionWorkdays: 10 }, cal);
  assert.equal(res.json().milestones.resolution.dueAt, expected.resolutionDueAt.toISOString());
});

test('R6.2 extension moves the resolution deadline from its current value; above the threshold the coordinator approves too', async () => {
  const w = await world();
  const id = await handlingAt(w, '2025-09-30T16:00:00+08:00');
  at('2025-10-13T09:00:00+08:00');
  let d = await ok(w, w.users.leadStaff, id, 'extension', { workdays: 5, reason: '需组织专家论证' });
  const req = d.requests[0];
  assert.equal(req.status, 'pending');
  assert.equal(req.needsCoordinator, false);
  // Not the staff, not the coordinator at the head stage.
  assert.equal((await act(w, w.users.leadStaff, id, 'decide', { requestId: req.id, approve: true })).statusCode, 403);
  assert.equal((await act(w, w.users.coordinator, id, 'decide', { requestId: req.id, approve: true })).statusCode, 403);
  d = await ok(w, w.users.leadHead, id, 'decide', { requestId: req.id, approve: true, comment: '同意' });
  const after5 = extendDeadline('2025-10-28', 5, cal).dueAt.toISOString();
  assert.equal(d.milestones.resolution.dueAt, after5);
  assert.equal(d.extendedWorkdays, 5);

  d = await ok(w, w.users.leadStaff, id, 'extension', { workdays: 12, reason: '涉及多部门' });
  const big = d.requests.find((r: { status: string }) => r.status === 'pending');
  assert.equal(big.needsCoordinator, true);
  d = await ok(w, w.users.leadHead, id, 'decide', { requestId: big.id, approve: true });
  assert.equal(d.requests.find((r: { id: string }) => r.id === big.id).status, 'pending_coordinator');
  assert.equal(d.milestones.resolution.dueAt, after5, 'not moved before the coordinator approves');
  assert.equal((await act(w, w.users.leadHead, id, 'decide', { requestId: big.id, approve: true })).statusCode, 403);
  d = await ok(w, w.users.coordinator, id, 'decide', { requestId: big.id, approve: true });
  assert.equal(d.milestones.resolution.dueAt, extendDeadline(dueDateOf(new Date(after5)), 12, cal).dueAt.toISOString());
  // Refusal leaves the clock alone and is on the timeline.
  d = await ok(w, w.users.leadStaff, id, 'extension', { workdays: 2, reason: '再延' });
  const third = d.requests.find((r: { status: string }) => r.status === 'pending');
  const before = d.milestones.resolution.dueAt;
  d = await ok(w, w.users.leadHead, id, 'decide', { requestId: third.id, approve: false, comment: '不同意' });
  assert.equal(d.milestones.resolution.dueAt, before);
  assert.equal(d.requests.find((r: { id: string }) => r.id === third.id).status, 'refused');
  assert.equal(d.events.filter((e: { type: string }) => e.type === 'decide_request').length, 4);
});

test('R6.2 pause and resume follow docs/CALENDAR.md §5.2; same-day pause and resume moves nothing', async () => {
  const w = await world();
  const id = await handlingAt(w, '2025-09-30T16:00:00+08:00');
  at('2025-10-13T10:00:00+08:00');
  let d = await ok(w, w.users.leadStaff, id, 'pause', { reason: '等待企业提交检测报告' });
  d = await ok(w, w.users.leadHead, id, 'decide', { requestId: d.requests[0].id, approve: true });
  assert.equal(d.state, 'paused');
  assert.equal(d.nextDueAt, null);
  assert.equal(d.milestones.resolution.state, 'paused');
  at('2025-10-15T10:00:00+08:00');
  d = await ok(w, w.users.leadStaff, id, 'resume', { note: '材料已补齐' });
  assert.equal(d.state, 'handling');
  const p = pauseDeadline({ dueDate: '2025-10-28', dueAt: new Date('2025-10-29T00:00:00+08:00') }, new Date('2025-10-13T10:00:00+08:00'), cal);
  const r = resumeDeadline(p, new Date('2025-10-15T10:00:00+08:00'), cal);
  assert.equal(d.milestones.resolution.dueAt, r.dueAt.toISOString());
  assert.equal(d.milestones.resolution.dueAt, new Date('2025-10-31T00:00:00+08:00').toISOString());

  // Same day: no change.
  at('2025-10-16T09:00:00+08:00');
  const due = d.milestones.resolution.dueAt;
  d = await ok(w, w.users.leadStaff, id, 'pause', { reason: '短暂挂起' });
  d = await ok(w, w.users.leadHead, id, 'decide', { requestId: d.requests.find((x: { status: string }) => x.status === 'pending').id, approve: true });
  at('2025-10-16T17:00:00+08:00');
  d = await ok(w, w.users.leadStaff, id, 'resume');
  assert.equal(d.milestones.resolution.dueAt, due);
});

test('R6.2 不满意 → reopened (重办): same appeal, new 2115 cycle from the reopen instant, reopen count + 1; 满意 closes', async () => {
  const w = await world();
  const id = await handlingAt(w, '2025-09-30T16:00:00+08:00');
  at('2025-09-30T17:00:00+08:00');
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '已联系' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '初步意见' });
  at('2025-10-20T10:00:00+08:00');
  await ok(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已解决' });
  await ok(w, w.users.leadStaff, id, 'reply', { text: '答复' });
  at('2025-10-21T15:00:00+08:00');
  let d = await ok(w, w.users.intake, id, 'evaluate', { rating: 'dissatisfied', comment: '问题未解决' });
  assert.equal(d.state, 'handling');
  assert.equal(d.reopenCount, 1);
  const fresh = computeDeadlines(new Date('2025-10-21T15:00:00+08:00'), DEFAULT_SLA_SETTINGS, cal);
  assert.equal(d.milestones.resolution.dueAt, fresh.resolutionDueAt.toISOString());
  assert.equal(d.milestones.contact.dueAt, fresh.contactDueAt.toISOString());
  assert.equal(d.milestones.contact.doneAt, null);
  assert.equal(d.resultKind, null);
  const reopen = d.events.find((e: { type: string }) => e.type === 'reopen');
  assert.equal(reopen.payload.previous.resultText, '已解决');
  // Second round, satisfied → closed.
  at('2025-10-22T10:00:00+08:00');
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'on_site', withWhom: '王建国', note: '现场' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '再次意见' });
  await ok(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '彻底解决' });
  await ok(w, w.users.leadStaff, id, 'reply', { text: '再次答复' });
  d = await ok(w, w.users.intake, id, 'evaluate', { rating: 'satisfied' });
  assert.equal(d.state, 'closed');
  assert.equal(d.closeReason, 'satisfied');
});

test('R6.2 no evaluation within the window → 未评价: refused before, by intake after, and by the sweep function', async () => {
  const w = await world();
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const id = await handlingAt(w, '2025-11-03T09:00:00+08:00');
    await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王', note: '联系' });
    await ok(w, w.users.leadStaff, id, 'opinion', { text: '意见' });
    await ok(w, w.users.leadStaff, id, 'result', { kind: 'service_confirmed', text: '依法不能满足，已解释' });
    await ok(w, w.users.leadStaff, id, 'reply', { text: '答复' });
    ids.push(id);
  }
  const windowEnd = cal.addWorkdays(new Date('2025-11-03T09:00:00+08:00'), 10).dueAt;
  at('2025-11-10T10:00:00+08:00');
  const early = await act(w, w.users.intake, ids[0], 'close-unevaluated');
  assert.equal(early.statusCode, 409);
  assert.match(early.json().error.message, /评价期限/);
  appealClock.now = () => windowEnd;
  const d = await ok(w, w.users.intake, ids[0], 'close-unevaluated');
  assert.equal(d.closeReason, 'unevaluated');
  const closed = await closeUnevaluatedDue(w.db, { tenantId: w.province.id });
  assert.deepEqual(closed, [ids[1]]);
  const swept = await current(w, ids[1]);
  assert.equal(swept.state, 'closed');
  assert.equal(swept.events.at(-2).actorName, '系统');
  assert.ok((await auditRows(w.db, w.province.id)).some((r) => r.entity_id === ids[1] && r.action === 'appeal.close_unevaluated'));
});

test('R6.2 a year not loaded: deadline_error stored, extension refused, recomputed when the calendar changes', async () => {
  const w = await world();
  at('2026-12-28T10:00:00+08:00');
  const a = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  const has2027 = (await w.db.execute(sql`SELECT 1 FROM calendar_notices WHERE year = 2027`)) as unknown as { rows: unknown[] };
  if (has2027.rows.length) return; // another suite loaded 2027 on this shared database: nothing to wait for
  assert.equal(a.deadlineError.code, 'CALENDAR_YEAR_NOT_LOADED');
  assert.equal(a.deadlineError.year, 2027);
  assert.equal(a.milestones.resolution.state, 'unknown');
  await ok(w, w.users.leadStaff, a.id, 'accept');
  const ext = await act(w, w.users.leadStaff, a.id, 'extension', { workdays: 3, reason: 'x' });
  assert.equal(ext.statusCode, 409);
  // Load 2027 inside a transaction (rolled back, so nothing leaks to other suites) and fire the hook.
  const notice = {
    year: 2027,
    documents: [{ title: '测试通知', number: '国办发明电〔2026〕77号', publishedOn: '2026-11-20' }],
    holidays: [{ name: '元旦', start: '2027-01-01', end: '2027-01-03' }],
    makeupDays: [],
  };
  const rollback = new Error('rollback');
  await assert.rejects(
    w.db.transaction(async (tx) => {
      await insertNoticeRow(tx, { year: 2027, notice: notice as never, loadedBy: null, loadedByName: '测试' });
      const revision = await bumpRevision(tx);
      await emitCalendarChanged(tx, { tenantId: null, years: [2027], action: 'notice.load', revision });
      const [row] = (
        (await tx.execute(sql`SELECT deadline_error, resolution_due_at, next_due_at FROM appeals WHERE id = ${a.id}`)) as unknown as {
          rows: Record<string, unknown>[];
        }
      ).rows;
      assert.equal(row.deadline_error, null);
      assert.ok(row.resolution_due_at);
      assert.ok(row.next_due_at);
      const ev = (
        (await tx.execute(sql`SELECT type FROM appeal_events WHERE appeal_id = ${a.id} ORDER BY id DESC LIMIT 1`)) as unknown as { rows: { type: string }[] }
      ).rows;
      assert.equal(ev[0].type, 'deadline_recomputed');
      throw rollback;
    }),
    (e) => e === rollback || (e as { cause?: unknown }).cause === rollback,
  );
});
