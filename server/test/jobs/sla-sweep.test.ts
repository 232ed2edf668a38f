// The SLA sweep (R6.2, R6.6, R3.5, R8.1) on a hand-built set of appeals at a fixed instant:
// Tuesday 2026-03-10 10:00 (Asia/Shanghai); no holidays in March 2026.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { getBundledCalendar } from '../../src/domain/calendar/index.ts';
import { slaSweep } from '../../src/modules/appeals/index.ts';
import { overdueEscalationCutoff, overdueWorkdays } from '../../src/domain/appeals/sla-thresholds.ts';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { notifyFromEvents } from '../../src/modules/appeals/index.ts';
import { testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createLeader, createScene, createUnit, createUser } from '../helpers/factory.ts';
import { appealRow, at, eventsOf, insertAppeal, notificationsOfTenant, setTenantOverrides } from './helpers.ts';

const NOW = at('2026-03-10T10:00:00');
const realNow = appealClock.now;
// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('SLA sweep', () => {
  before(() => {
    appealClock.now = () => NOW;
  });
  after(() => {
    appealClock.now = realNow;
  });

  async function scene() {
    await testApp();
    const db = (await testDatabase()).db;
    const { province } = await createScene(db);
    const unit = await createUnit(db, province.id);
    const leaderUser = await createUser(db, province.id, { roles: ['leader'], scope: 'portfolio' });
    await createLeader(db, province.id, [unit.id], leaderUser.id);
    return { db, tenantId: province.id, unit, leaderUser };
  }

  test('R6.2 overdue, due soon, R6.6 auto-urge, R3.5 escalation and 未评价 close on hand-built appeals; a second sweep changes nothing', async () => {
    const { db, tenantId, unit, leaderUser } = await scene();
    const U = unit.id;
    const far = at('2026-03-31');
    // Contact and opinion done; the resolution due far ahead, its stored state given per appeal.
    const resolutionMoved = {
      state: 'handling' as const,
      leadUnitId: U,
      contactDueAt: at('2026-03-01T11:00:00'),
      contactDoneAt: at('2026-03-01T10:00:00'),
      opinionDueAt: at('2026-03-03'),
      opinionDoneAt: at('2026-03-02T10:00:00'),
      resolutionDueAt: far,
    };
    const ids = {
      // contact due in 20 minutes: due soon (threshold 30 minutes)
      contactSoon: await insertAppeal(db, tenantId, {
        state: 'dispatched',
        leadUnitId: U,
        contactDueAt: at('2026-03-10T10:20:00'),
        opinionDueAt: at('2026-03-12'),
        resolutionDueAt: far,
      }),
      // contact due in 40 minutes: pending
      contactLater: await insertAppeal(db, tenantId, {
        state: 'dispatched',
        leadUnitId: U,
        contactDueAt: at('2026-03-10T10:40:00'),
        opinionDueAt: at('2026-03-12'),
        resolutionDueAt: far,
      }),
      // contact an hour overdue: overdue + auto-urged
      contactLate: await insertAppeal(db, tenantId, {
        state: 'handling',
        leadUnitId: U,
        contactDueAt: at('2026-03-10T09:00:00'),
        opinionDueAt: at('2026-03-12'),
        resolutionDueAt: far,
      }),
      // due 2026-03-12 24:00, 3 working days left counting the due date (Tue, Wed, Thu): due soon since 03-10 00:00
      resolutionSoon: await insertAppeal(db, tenantId, {
        state: 'handling',
        leadUnitId: U,
        contactDueAt: at('2026-03-01T11:00:00'),
        contactDoneAt: at('2026-03-01T10:00:00'),
        opinionDueAt: at('2026-03-03'),
        opinionDoneAt: at('2026-03-02T10:00:00'),
        resolutionDueAt: at('2026-03-13'),
      }),
      // due 2026-03-13 24:00: due soon only from 03-11 00:00
      resolutionLater: await insertAppeal(db, tenantId, {
        state: 'handling',
        leadUnitId: U,
        contactDueAt: at('2026-03-01T11:00:00'),
        contactDoneAt: at('2026-03-01T10:00:00'),
        opinionDueAt: at('2026-03-03'),
        opinionDoneAt: at('2026-03-02T10:00:00'),
        resolutionDueAt: at('2026-03-14'),
      }),
      // due 03-04 24:00: overdue on Thu 5, Fri 6, Mon 9, Tue 10 = 4 working days > 3 → 督办
      escalate: await insertAppeal(db, tenantId, {
        state: 'handling',
        leadUnitId: U,
        contactDueAt: at('2026-02-25T11:00:00'),
        contactDoneAt: at('2026-02-25T10:00:00'),
        opinionDueAt: at('2026-02-27'),
        opinionDoneAt: at('2026-02-26T10:00:00'),
        resolutionDueAt: at('2026-03-05'),
      }),
      // due 03-05 24:00: 3 working days overdue, not more than 3 → overdue, no 督办
      noEscalate: await insertAppeal(db, tenantId, {
        state: 'handling',
        leadUnitId: U,
        contactDueAt: at('2026-02-25T11:00:00'),
        contactDoneAt: at('2026-02-25T10:00:00'),
        opinionDueAt: at('2026-02-27'),
        opinionDoneAt: at('2026-02-26T10:00:00'),
        resolutionDueAt: at('2026-03-06'),
      }),
      // reopened 3 times (reopenEscalationCount) → 督办
      reopened: await insertAppeal(db, tenantId, {
        state: 'handling',
        leadUnitId: U,
        reopenCount: 3,
        contactDueAt: at('2026-03-10T09:30:00'),
        contactDoneAt: at('2026-03-10T09:10:00'),
        opinionDueAt: at('2026-03-12'),
        resolutionDueAt: far,
      }),
      // paused: the working-day clocks stop, nothing is marked
      paused: await insertAppeal(db, tenantId, {
        state: 'paused',
        leadUnitId: U,
        contactDueAt: at('2026-02-25T11:00:00'),
        contactDoneAt: at('2026-02-25T10:00:00'),
        opinionDueAt: at('2026-02-27'),
        opinionDoneAt: at('2026-02-26T10:00:00'),
        resolutionDueAt: at('2026-03-05'),
      }),
      // intake's queue, contact overdue: overdue, notified to intake, not urged (the state machine allows urging only in a unit)
      queue: await insertAppeal(db, tenantId, {
        state: 'received',
        contactDueAt: at('2026-03-10T08:00:00'),
        opinionDueAt: at('2026-03-12'),
        resolutionDueAt: far,
      }),
      // stored 'overdue' but the deadline moved (resumed after a pause): put right to pending
      moved: await insertAppeal(db, tenantId, { ...resolutionMoved, resolutionState: 'overdue' }),
      // stored 'due_soon' but the deadline moved far out (an extension): put right to pending, though
      // the deadline lies beyond the due-soon horizon the sweep reads pending clocks up to
      movedOut: await insertAppeal(db, tenantId, { ...resolutionMoved, resolutionState: 'due_soon' }),
      // replied 2026-02-02: 10 working days to evaluate have long passed → 未评价
      unevaluated: await insertAppeal(db, tenantId, {
        state: 'replied',
        leadUnitId: U,
        contactDueAt: at('2026-01-30T11:00:00'),
        contactDoneAt: at('2026-01-30T10:00:00'),
        opinionDueAt: at('2026-02-01'),
        opinionDoneAt: at('2026-01-30T11:00:00'),
        resolutionDueAt: at('2026-02-20'),
        resolutionDoneAt: at('2026-02-02T09:00:00'),
        repliedAt: at('2026-02-02T10:00:00'),
      }),
      // replied yesterday: still in its window
      recentlyReplied: await insertAppeal(db, tenantId, {
        state: 'replied',
        leadUnitId: U,
        contactDueAt: at('2026-03-02T11:00:00'),
        contactDoneAt: at('2026-03-02T10:00:00'),
        opinionDueAt: at('2026-03-04'),
        opinionDoneAt: at('2026-03-03T10:00:00'),
        resolutionDueAt: at('2026-03-24'),
        resolutionDoneAt: at('2026-03-09T09:00:00'),
        repliedAt: at('2026-03-09T10:00:00'),
      }),
      // closed: never touched
      closed: await insertAppeal(db, tenantId, {
        state: 'closed',
        leadUnitId: U,
        contactDueAt: at('2026-02-25T11:00:00'),
        opinionDueAt: at('2026-02-27'),
        resolutionDueAt: at('2026-03-05'),
        closedAt: at('2026-03-01T10:00:00'),
      }),
    };
    const versionsBefore = new Map<string, number>();
    for (const [k, id] of Object.entries(ids)) versionsBefore.set(k, (await appealRow(db, id)).version);

    const r = await slaSweep(db, NOW, { tenantIds: [tenantId] });
    assert.deepEqual(r.overdue, { contact: 2, opinion: 0, resolution: 2 });
    assert.deepEqual(r.dueSoon, { contact: 1, opinion: 0, resolution: 1 });
    assert.equal(r.corrected, 2, 'moved and movedOut');
    assert.equal(r.urged, 3, 'contactLate, escalate and noEscalate are urged; the queue appeal is not');
    assert.deepEqual(r.escalated, { overdue: 1, reopened: 1, repeated: 0 });
    assert.equal(r.closedUnevaluated, 1);

    const s = async (k: keyof typeof ids) => appealRow(db, ids[k]);
    assert.equal((await s('contactSoon')).contact_state, 'due_soon');
    assert.equal((await s('contactLater')).contact_state, 'pending');
    assert.equal((await s('contactLate')).contact_state, 'overdue');
    assert.equal((await s('contactLate')).urge_count, 1);
    assert.equal((await s('contactLate')).version, versionsBefore.get('contactLate')! + 1, 'an urge is a change: the version moves');
    assert.equal((await s('contactSoon')).version, versionsBefore.get('contactSoon')!, 'marking a milestone due soon does not bump the version');
    assert.equal((await s('resolutionSoon')).resolution_state, 'due_soon');
    assert.equal((await s('resolutionLater')).resolution_state, 'pending');
    assert.equal((await s('escalate')).resolution_state, 'overdue');
    assert.equal((await s('noEscalate')).resolution_state, 'overdue');
    assert.equal((await s('paused')).resolution_state, 'pending');
    assert.equal((await s('queue')).contact_state, 'overdue');
    assert.equal((await s('queue')).urge_count, 0);
    assert.equal((await s('moved')).resolution_state, 'pending');
    assert.equal((await s('movedOut')).resolution_state, 'pending');
    assert.equal((await s('unevaluated')).state, 'closed');
    assert.equal((await s('unevaluated')).close_reason, 'unevaluated');
    assert.equal((await s('recentlyReplied')).state, 'replied');
    assert.equal((await s('closed')).contact_state, 'pending');

    // Timeline: overdue + system urge; 督办 with the leader.
    const ev = await eventsOf(db, ids.contactLate);
    assert.deepEqual(
      ev.map((e) => e.type),
      ['overdue', 'urge'],
    );
    assert.equal(ev[1].actor_name, '系统');
    assert.equal(ev[1].payload.auto, true);
    const esc = await eventsOf(db, ids.escalate);
    assert.deepEqual(
      esc.map((e) => e.type),
      ['overdue', 'urge', 'escalate'],
    );
    assert.deepEqual(esc[2].payload.leaderUserIds, [leaderUser.id]);
    assert.equal(esc[2].payload.reason, 'overdue');
    assert.equal((await eventsOf(db, ids.reopened)).at(-1)?.payload.reason, 'reopened');
    const audits = await queryRows<{ action: string; n: number }>(
      db,
      sql`
    SELECT action, count(*)::int AS n FROM audit_log WHERE tenant_id = ${tenantId} GROUP BY action ORDER BY action`,
    );
    assert.deepEqual(audits, [
      { action: 'appeal.close_unevaluated', n: 1 },
      { action: 'appeal.escalate', n: 2 },
      { action: 'appeal.urge', n: 3 },
    ]);

    // Notifications: due soon from the sweep, the rest from the timeline.
    const n1 = await notifyFromEvents(db, { afterId: 0, tenantIds: [tenantId] });
    const notes = await notificationsOfTenant(db, tenantId);
    const count = (type: string, where: (n: (typeof notes)[number]) => boolean = () => true) => notes.filter((n) => n.type === type && where(n)).length;
    assert.equal(
      count('due_soon', (n) => n.unit_id === U),
      2,
    );
    assert.equal(
      count('overdue', (n) => n.unit_id === U),
      3,
    );
    assert.equal(
      count('overdue', (n) => n.role === 'intake' && n.appeal_id === ids.queue),
      1,
    );
    assert.equal(count('urged'), 0, 'the automatic urge is part of the overdue notice');
    assert.equal(
      count('escalated', (n) => n.user_id === leaderUser.id),
      2,
      'R3.5 the leader of the portfolio hears of both escalations',
    );
    assert.equal(
      count('escalated', (n) => n.unit_id === U),
      2,
    );
    assert.equal(n1.created, notes.length - 2);

    // Idempotent: the same instant again changes nothing and notifies nobody.
    const r2 = await slaSweep(db, NOW, { tenantIds: [tenantId] });
    assert.deepEqual(r2.overdue, { contact: 0, opinion: 0, resolution: 0 });
    assert.deepEqual(r2.dueSoon, { contact: 0, opinion: 0, resolution: 0 });
    assert.equal(r2.corrected + r2.urged + r2.escalated.overdue + r2.escalated.reopened + r2.closedUnevaluated, 0);
    const n2 = await notifyFromEvents(db, { afterId: 0, tenantIds: [tenantId] });
    assert.equal(n2.created, 0);
    assert.equal((await notificationsOfTenant(db, tenantId)).length, notes.length);
    assert.equal((await s('contactLate')).urge_count, 1);

    // A minute later the 40-minute contact is still pending; 15 minutes later it is due soon.
    const r3 = await slaSweep(db, at('2026-03-10T10:15:00'), { tenantIds: [tenantId], skipCloseUnevaluated: true });
    assert.equal(r3.dueSoon.contact, 1);
    assert.equal((await s('contactLater')).contact_state, 'due_soon');
  });

  test('R3.5 an overdue 督办 marks its cycle on the appeal: later sweeps skip it, a reopened cycle is escalated again, one raised before the mark is not raised twice', async () => {
    const { db, tenantId, unit } = await scene();
    // resolution due 2026-03-04 24:00 (as `escalate` above): at NOW overdue by more than the default 3 working days
    const overdue = {
      state: 'handling' as const,
      leadUnitId: unit.id,
      contactDueAt: at('2026-02-25T11:00:00'),
      contactDoneAt: at('2026-02-25T10:00:00'),
      opinionDueAt: at('2026-02-27'),
      opinionDoneAt: at('2026-02-26T10:00:00'),
      resolutionDueAt: at('2026-03-05'),
    };
    const a = await insertAppeal(db, tenantId, overdue);
    const b = await insertAppeal(db, tenantId, overdue);
    // b's 督办 was raised before the mark existed (migration 0041 fills it; here it is left out on purpose).
    await db.execute(
      sql`INSERT INTO appeal_escalations (tenant_id, appeal_id, reason, cycle, unit_id, at) VALUES (${tenantId}, ${b}, 'overdue', 0, ${unit.id}, ${NOW})`,
    );
    const mark = async (id: string) => (await queryRows<{ c: number | null }>(db, sql`SELECT overdue_escalated_cycle AS c FROM appeals WHERE id = ${id}`))[0].c;
    const unmarked = async () =>
      (
        await queryRows<{ id: string }>(
          db,
          sql`SELECT id FROM appeals WHERE tenant_id = ${tenantId} AND closed_at IS NULL AND next_due_at IS NOT NULL
                AND overdue_escalated_cycle IS DISTINCT FROM reopen_count`,
        )
      ).map((r) => r.id);
    const overdueEscalations = async (id: string) =>
      (await queryRows<{ cycle: number }>(db, sql`SELECT cycle FROM appeal_escalations WHERE appeal_id = ${id} AND reason = 'overdue' ORDER BY cycle`)).map(
        (r) => r.cycle,
      );
    assert.equal((await mark(a)) ?? null, null);

    const r1 = await slaSweep(db, NOW, { tenantIds: [tenantId], skipCloseUnevaluated: true });
    assert.equal(r1.escalated.overdue, 1, 'a only: b was escalated already');
    assert.deepEqual([await mark(a), await mark(b)], [0, 0]);
    assert.deepEqual(await unmarked(), [], 'both passed over by the next sweep');
    assert.deepEqual(await overdueEscalations(b), [0]);

    // a is reopened (cycle 1) and its new deadline has long passed too: escalated again, for cycle 1.
    await db.execute(sql`UPDATE appeals SET reopen_count = 1 WHERE id = ${a}`);
    assert.deepEqual(await unmarked(), [a]);
    const r2 = await slaSweep(db, NOW, { tenantIds: [tenantId], skipCloseUnevaluated: true });
    assert.equal(r2.escalated.overdue, 1);
    assert.equal(await mark(a), 1);
    assert.deepEqual(await overdueEscalations(a), [0, 1]);
    const r3 = await slaSweep(db, NOW, { tenantIds: [tenantId], skipCloseUnevaluated: true });
    assert.equal(r3.escalated.overdue, 0);
  });

  test('R8.1 the due-soon thresholds and escalation limits are the tenant settings', async () => {
    const { db, tenantId, unit } = await scene();
    await setTenantOverrides(db, tenantId, { dueSoonContactMinutes: 10, dueSoonResolutionWorkdays: 1, overdueEscalationWorkdays: 2, reopenEscalationCount: 5 });
    const contact = await insertAppeal(db, tenantId, {
      state: 'dispatched',
      leadUnitId: unit.id,
      contactDueAt: at('2026-03-10T10:20:00'),
      opinionDueAt: at('2026-03-12'),
      resolutionDueAt: at('2026-03-31'),
    });
    const done = {
      contactDueAt: at('2026-03-01T11:00:00'),
      contactDoneAt: at('2026-03-01T10:00:00'),
      opinionDueAt: at('2026-03-03'),
      opinionDoneAt: at('2026-03-02T10:00:00'),
    };
    const resolution = await insertAppeal(db, tenantId, { state: 'handling', leadUnitId: unit.id, ...done, resolutionDueAt: at('2026-03-12') });
    const resolutionToday = await insertAppeal(db, tenantId, { state: 'handling', leadUnitId: unit.id, ...done, resolutionDueAt: at('2026-03-11') });
    const overdue3 = await insertAppeal(db, tenantId, { state: 'handling', leadUnitId: unit.id, ...done, resolutionDueAt: at('2026-03-06') });
    const reopened3 = await insertAppeal(db, tenantId, { state: 'handling', leadUnitId: unit.id, ...done, reopenCount: 3, resolutionDueAt: at('2026-03-31') });

    const r = await slaSweep(db, NOW, { tenantIds: [tenantId], skipCloseUnevaluated: true });
    assert.equal((await appealRow(db, contact)).contact_state, 'pending', '20 minutes left, threshold 10');
    assert.equal((await appealRow(db, resolution)).resolution_state, 'pending', 'due 03-11 24:00: two working days left, threshold 1');
    assert.equal((await appealRow(db, resolutionToday)).resolution_state, 'due_soon', 'due today 24:00');
    assert.deepEqual(r.escalated, { overdue: 1, reopened: 0, repeated: 0 }, '3 working days overdue > 2; 3 reopens < 5');
    assert.ok((await eventsOf(db, overdue3)).some((e) => e.type === 'escalate'));
    assert.ok(!(await eventsOf(db, reopened3)).some((e) => e.type === 'escalate'));
  });

  test('escalation cutoff equals "overdue by more than N working days" for every deadline (holidays, make-up days)', () => {
    const cal = getBundledCalendar();
    const nows = ['2026-02-24T09:00:00', '2026-02-28T10:00:00', '2026-03-01T10:00:00', '2026-03-10T00:00:00', '2025-10-09T16:00:00', '2026-10-08T08:00:00'].map(
      at,
    );
    for (const now of nows) {
      for (const n of [0, 1, 3, 5]) {
        const cutoff = overdueEscalationCutoff(now, n, cal);
        // every deadline: 24:00 of each date, and a few odd hours, over the 40 days before now
        for (let h = 0; h < 40 * 24; h += 1) {
          const d = new Date(now.getTime() - h * 3_600_000 - 17 * 60_000);
          const expected = overdueWorkdays(d, now, cal) > n;
          assert.equal(d.getTime() <= cutoff.getTime(), expected, `now ${now.toISOString()} n ${n} due ${d.toISOString()}`);
        }
        for (let day = 0; day < 40; day++) {
          const d = new Date(cutoff.getTime() + (day - 20) * 86_400_000);
          assert.equal(d.getTime() <= cutoff.getTime(), overdueWorkdays(d, now, cal) > n, `now ${now.toISOString()} n ${n} due ${d.toISOString()}`);
        }
      }
    }
  });
});
