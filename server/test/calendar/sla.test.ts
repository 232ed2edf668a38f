import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/errors.ts';
import {
  DEFAULT_SLA_SETTINGS,
  computeDeadlines,
  dueDateOf,
  dueSoonFrom,
  dueSoonHorizon,
  extendDeadline,
  formatShanghai,
  getBundledCalendar,
  milestoneState,
  parseInstant,
  pauseDeadline,
  resolveSlaSettings,
  resumeDeadline,
  shanghaiDate,
  workdaysLeft,
} from '../../src/domain/calendar/index.ts';

const cal = getBundledCalendar();
const at = (s: string) => parseInstant(s);
const fmt = formatShanghai;

test('R6.2 "2115" deadlines with the province defaults', () => {
  const d = computeDeadlines(at('2025-09-30T16:00:00+08:00'), DEFAULT_SLA_SETTINGS, cal);
  assert.equal(fmt(d.contactDueAt), '2025-09-30T18:00:00+08:00');
  assert.equal(d.opinionDueDate, '2025-10-09');
  assert.equal(fmt(d.opinionDueAt), '2025-10-10T00:00:00+08:00');
  assert.equal(d.resolutionDueDate, '2025-10-28');
  assert.equal(fmt(d.resolutionDueAt), '2025-10-29T00:00:00+08:00');
  // natural hours run through the night and holidays
  assert.equal(fmt(computeDeadlines(at('2025-09-30T23:30:00+08:00'), DEFAULT_SLA_SETTINGS, cal).contactDueAt), '2025-10-01T01:30:00+08:00');
});

test('R8.1 tenant settings: working-hours contact clock and other periods', () => {
  const s = resolveSlaSettings({ contactClock: 'working', opinionWorkdays: 2, resolutionWorkdays: 10 });
  assert.equal(s.contactHours, 2);
  assert.deepEqual(s.dueSoon, DEFAULT_SLA_SETTINGS.dueSoon);
  const d = computeDeadlines(at('2025-09-30T16:00:00+08:00'), s, cal);
  assert.equal(fmt(d.contactDueAt), '2025-10-09T09:00:00+08:00');
  assert.equal(d.opinionDueDate, '2025-10-10');
  assert.equal(d.resolutionDueDate, '2025-10-21'); // 10-09, 10, 11 (Sat make-up), 13, 14, 15, 16, 17, 20, 21 → 10th = 10-21
  assert.throws(
    () => resolveSlaSettings({ opinionWorkdays: 1.5 }),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && 'opinionWorkdays' in (e.fields ?? {}),
  );
  assert.throws(
    () => resolveSlaSettings({ contactClock: 'lunar' }),
    (e: unknown) => e instanceof AppError && /natural/.test(e.fields?.contactClock ?? ''),
  );
  assert.throws(
    () => resolveSlaSettings({ dueSoon: { contact: { hours: 1 } } }),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
  );
  assert.deepEqual(resolveSlaSettings(), DEFAULT_SLA_SETTINGS);
});

test('R6.2 extension: N working days after the current due date', () => {
  assert.deepEqual(extendDeadline('2025-10-28', 5, cal), { dueDate: '2025-11-04', dueAt: at('2025-11-05T00:00:00+08:00') });
  assert.equal(extendDeadline('2025-09-30', 1, cal).dueDate, '2025-10-09');
  assert.equal(dueDateOf(at('2025-10-29T00:00:00+08:00')), '2025-10-28');
  fc.assert(
    fc.property(
      fc.integer({ min: Date.parse('2020-01-01T00:00:00+08:00'), max: Date.parse('2026-08-31T00:00:00+08:00') }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 30 }),
      (ms, n, k) => {
        const t = new Date(ms);
        const first = cal.addWorkdays(t, n);
        assert.deepEqual(extendDeadline(first.dueDate, k, cal), cal.addWorkdays(t, n + k));
        assert.equal(dueDateOf(first.dueAt), first.dueDate);
      },
    ),
    { numRuns: 500 },
  );
});

test('R6.2 pause: remaining = working days after the pause day up to the due date; resume continues after the resume day', () => {
  const current = cal.addWorkdays(at('2025-09-30T16:00:00+08:00'), 15); // 2025-10-28
  const p = pauseDeadline(current, at('2025-10-20T10:00:00+08:00'), cal); // Mon
  assert.equal(p.remainingWorkdays, 6); // 10-21,22,23,24,27,28
  assert.equal(p.expired, false);
  const r = resumeDeadline(p, at('2025-10-22T09:00:00+08:00'), cal); // Wed: 2 working days (21, 22) not counted
  assert.equal(r.dueDate, '2025-10-30');
  assert.equal(fmt(r.dueAt), '2025-10-31T00:00:00+08:00');
  // paused on a Saturday, resumed Monday: the Monday is not counted
  const q = pauseDeadline(current, at('2025-10-18T10:00:00+08:00'), cal);
  assert.equal(q.remainingWorkdays, 7);
  assert.equal(resumeDeadline(q, at('2025-10-20T17:00:00+08:00'), cal).dueDate, '2025-10-29');
  // paused on the due date itself: 0 remaining → 24:00 of the resume day
  const z = pauseDeadline(current, at('2025-10-28T11:00:00+08:00'), cal);
  assert.equal(z.remainingWorkdays, 0);
  assert.equal(resumeDeadline(z, at('2025-10-28T15:00:00+08:00'), cal).dueDate, '2025-10-28');
  assert.equal(resumeDeadline(z, at('2025-10-30T15:00:00+08:00'), cal).dueDate, '2025-10-30');
  // paused at/after dueAt: expired, resume keeps the original (already missed) deadline
  const x = pauseDeadline(current, at('2025-10-29T00:00:00+08:00'), cal);
  assert.equal(x.expired, true);
  assert.deepEqual(resumeDeadline(x, at('2025-11-03T10:00:00+08:00'), cal), current);
  assert.throws(
    () => resumeDeadline(p, at('2025-10-19T10:00:00+08:00'), cal),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
  );
});

const tArb = fc.integer({ min: Date.parse('2020-01-01T00:00:00+08:00'), max: Date.parse('2026-06-30T00:00:00+08:00') });

test('R6.2 property: pause and resume on the same day never move the deadline', () => {
  fc.assert(
    fc.property(
      tArb,
      fc.integer({ min: 0, max: 20 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (ms, n, f, g) => {
        const current = cal.addWorkdays(new Date(ms), n);
        const pMs = Math.floor(ms + f * (current.dueAt.getTime() - ms));
        const dayEnd = Date.parse(shanghaiDate(new Date(pMs)) + 'T00:00:00+08:00') + 86_400_000;
        const rMs = Math.floor(pMs + g * (dayEnd - 1 - pMs));
        const state = pauseDeadline(current, new Date(pMs), cal);
        assert.deepEqual(resumeDeadline(state, new Date(rMs), cal), current);
      },
    ),
    { numRuns: 1000 },
  );
});

test('R6.2 property: a pause shifts the deadline by the working days in (pause day, resume day]', () => {
  fc.assert(
    fc.property(
      tArb,
      fc.integer({ min: 1, max: 20 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 40 * 86_400_000 }),
      (ms, n, f, len) => {
        const current = cal.addWorkdays(new Date(ms), n);
        const p = new Date(Math.floor(ms + f * (current.dueAt.getTime() - 1 - ms)));
        const r = new Date(p.getTime() + len);
        const state = pauseDeadline(current, p, cal);
        if (state.remainingWorkdays === 0) return;
        const next = resumeDeadline(state, r, cal);
        assert.equal(cal.workdaysBetweenDates(current.dueDate, next.dueDate), cal.workdaysBetween(p, r));
        assert.ok(cal.isWorkday(next.dueDate));
      },
    ),
    { numRuns: 1000 },
  );
});

test('R6.2 milestone states at the boundaries: exactly at dueAt counts as on time', () => {
  const dueAt = at('2025-09-30T18:00:00+08:00');
  const th = { minutes: 30 };
  const st = (now: string, doneAt?: string) => milestoneState({ dueAt, now: at(now), doneAt: doneAt ? at(doneAt) : null, dueSoonThreshold: th });
  assert.equal(st('2025-09-30T17:29:59.999+08:00'), 'pending');
  assert.equal(st('2025-09-30T17:30:00+08:00'), 'due_soon');
  assert.equal(st('2025-09-30T18:00:00+08:00'), 'due_soon');
  assert.equal(st('2025-09-30T18:00:00.001+08:00'), 'overdue');
  assert.equal(st('2025-10-05T00:00:00+08:00', '2025-09-30T18:00:00+08:00'), 'met_on_time');
  assert.equal(st('2025-09-30T17:00:00+08:00', '2025-09-30T16:10:00+08:00'), 'met_on_time');
  assert.equal(st('2025-10-05T00:00:00+08:00', '2025-09-30T18:00:00.001+08:00'), 'met_late');
});

test('R6.2 milestone due-soon thresholds in working hours and working days (tenant defaults)', () => {
  // opinion due 2025-10-09 24:00, 4 working hours → from 10-09 13:30
  const opinion = at('2025-10-10T00:00:00+08:00');
  assert.equal(fmt(dueSoonFrom(opinion, { workingHours: 4 }, cal)), '2025-10-09T13:30:00+08:00');
  const os = (now: string) => milestoneState({ dueAt: opinion, now: at(now), dueSoonThreshold: { workingHours: 4 } }, cal);
  assert.equal(os('2025-10-09T13:29:59+08:00'), 'pending');
  assert.equal(os('2025-10-09T13:30:00+08:00'), 'due_soon');
  assert.equal(os('2025-10-03T13:30:00+08:00'), 'pending');
  // resolution due 2025-10-28 24:00, 3 working days → from 10-24 00:00 (10-24, 10-27, 10-28 remain)
  const res = at('2025-10-29T00:00:00+08:00');
  assert.equal(fmt(dueSoonFrom(res, { workdays: 3 }, cal)), '2025-10-24T00:00:00+08:00');
  const rs = (now: string) => milestoneState({ dueAt: res, now: at(now), dueSoonThreshold: { workdays: 3 } }, cal);
  assert.equal(rs('2025-10-23T23:59:59+08:00'), 'pending');
  assert.equal(rs('2025-10-24T00:00:00+08:00'), 'due_soon');
  assert.equal(rs('2025-10-29T00:00:00+08:00'), 'due_soon');
  assert.equal(rs('2025-10-29T00:00:01+08:00'), 'overdue');
  // over a weekend: due Wed 2025-09-17 → due soon from Sat 09-13 00:00
  assert.equal(fmt(dueSoonFrom(at('2025-09-18T00:00:00+08:00'), { workdays: 3 }, cal)), '2025-09-13T00:00:00+08:00');
  assert.equal(fmt(dueSoonFrom(res, { workdays: 0 }, cal)), '2025-10-29T00:00:00+08:00');
  assert.throws(
    () => milestoneState({ dueAt: res, now: res, dueSoonThreshold: { workdays: 3 } }),
    (e: unknown) => e instanceof AppError && e.code === 'INTERNAL',
  );
});

test('R6.2 due-soon horizon: every deadline up to it is due soon now, every later one still pending (property, the three kinds of threshold)', () => {
  const thresholdArb = fc.oneof(
    fc.integer({ min: 0, max: 600 }).map((minutes) => ({ minutes })),
    fc.integer({ min: 0, max: 24 }).map((workingHours) => ({ workingHours })),
    fc.integer({ min: 0, max: 15 }).map((workdays) => ({ workdays })),
  );
  fc.assert(
    // From February 2020: a threshold's working days before an early-January deadline reach into 2019, a year not loaded.
    fc.property(
      fc.integer({ min: Date.parse('2020-02-01T00:00:00+08:00'), max: Date.parse('2026-06-30T00:00:00+08:00') }),
      thresholdArb,
      fc.integer({ min: 0, max: 60 * 86_400 }),
      (ms, th, offsetS) => {
        const now = new Date(ms);
        const horizon = dueSoonHorizon(now, th, cal);
        assert.ok(horizon && horizon.getTime() >= ms, 'a bounded horizon at or after now');
        const due = new Date(ms + offsetS * 1000);
        const state = milestoneState({ dueAt: due, now, dueSoonThreshold: th }, cal);
        if (due.getTime() > horizon.getTime()) assert.equal(state, 'pending', `${JSON.stringify(th)} due ${fmt(due)} after the horizon ${fmt(horizon)}`);
        // Rounded up by less than a second: a deadline a second or more before the horizon is due soon.
        if (due.getTime() <= horizon.getTime() - 1000)
          assert.equal(state, 'due_soon', `${JSON.stringify(th)} due ${fmt(due)} before the horizon ${fmt(horizon)}`);
      },
    ),
    { numRuns: 1000 },
  );
});

test('R6.2 due-soon horizon at the boundaries: 3 working days over a weekend, 4 working hours, none for a threshold reaching past 400 days', () => {
  // Friday 2025-10-24 00:00: due soon are the deadlines up to 24:00 of the third working day counting
  // Friday itself (Fri 24, Mon 27, Tue 28) — 2025-10-29 00:00; 10-29 00:00:01 is still pending.
  const h = dueSoonHorizon(at('2025-10-24T00:00:00+08:00'), { workdays: 3 }, cal)!;
  assert.ok(h.getTime() >= at('2025-10-29T00:00:00+08:00').getTime() && h.getTime() < at('2025-10-29T00:00:01+08:00').getTime(), fmt(h));
  // 13:30 on 2025-10-09 with 4 working hours: deadlines up to that day's 24:00 (office hours end 17:30).
  const o = dueSoonHorizon(at('2025-10-09T13:30:00+08:00'), { workingHours: 4 }, cal)!;
  assert.equal(
    milestoneState({ dueAt: at('2025-10-10T00:00:00+08:00'), now: at('2025-10-09T13:30:00+08:00'), dueSoonThreshold: { workingHours: 4 } }, cal),
    'due_soon',
  );
  assert.ok(o.getTime() >= at('2025-10-10T00:00:00+08:00').getTime(), fmt(o));
  const m = dueSoonHorizon(at('2025-10-09T00:00:00+08:00'), { minutes: 100_000 }, cal)!.getTime() - at('2025-10-09T00:00:00+08:00').getTime();
  assert.ok(m >= 100_000 * 60_000 && m < 100_000 * 60_000 + 1000, `${m} ms`);
  assert.equal(dueSoonHorizon(at('2025-10-09T00:00:00+08:00'), { minutes: 600_000 }, cal), null);
});

test('R6.2 working days left of a limit: after today up to the due date, 0 on its last day, negative once over, null for a year not loaded', () => {
  const due = at('2026-12-05T00:00:00+08:00'); // Friday 2026-12-04 24:00
  assert.equal(workdaysLeft(due, at('2026-12-02T10:00:00+08:00'), cal), 2);
  assert.equal(workdaysLeft(due, at('2026-12-03T23:59:59+08:00'), cal), 1);
  assert.equal(workdaysLeft(due, at('2026-12-04T09:00:00+08:00'), cal), 0);
  assert.equal(workdaysLeft(due, at('2026-12-05T10:00:00+08:00'), cal), 0); // Saturday: no working day over yet
  assert.equal(workdaysLeft(due, at('2026-12-07T08:00:00+08:00'), cal), -1); // Monday
  assert.equal(workdaysLeft(at('2027-03-02T00:00:00+08:00'), at('2026-12-03T10:00:00+08:00'), cal), null);
});
