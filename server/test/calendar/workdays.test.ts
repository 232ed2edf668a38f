import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError, ErrorCode } from '../../src/errors.ts';
import { createCalendar, formatShanghai, getBundledCalendar, loadBundledNotices, parseInstant, shanghaiDate } from '../../src/domain/calendar/index.ts';
import { addDaysIso, naiveDueDate, naiveIsWorkday } from './expected-holidays.ts';

const cal = getBundledCalendar();
const at = (s: string) => parseInstant(s);
const due = (from: string, n: number) => {
  const r = cal.addWorkdays(at(from), n);
  return [r.dueDate, formatShanghai(r.dueAt)];
};

function assertNotLoaded(fn: () => unknown, year: number) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, ErrorCode.CALENDAR_YEAR_NOT_LOADED);
    assert.deepEqual(e.details, { year });
    assert.ok(e.message.includes(String(year)), e.message);
    return true;
  });
}

test('R6.2 15 working days from 2025-09-30T16:00+08:00 → due 2025-10-28, dueAt 2025-10-29T00:00+08:00', () => {
  const r = cal.addWorkdays(at('2025-09-30T16:00:00+08:00'), 15);
  assert.equal(r.dueDate, '2025-10-28');
  assert.equal(r.dueAt.getTime(), Date.parse('2025-10-29T00:00:00+08:00'));
  assert.equal(formatShanghai(r.dueAt), '2025-10-29T00:00:00+08:00');
});

test('R6.2 receipt day not counted: Tuesday 16:00 + 1 working day → Wednesday 24:00', () => {
  assert.deepEqual(due('2025-09-16T16:00:00+08:00', 1), ['2025-09-17', '2025-09-18T00:00:00+08:00']);
  assert.deepEqual(due('2025-09-16T08:00:00+08:00', 1), ['2025-09-17', '2025-09-18T00:00:00+08:00']);
});

test('R6.2 receipt at 00:00:00 and 23:59:59 Shanghai: the receipt day is the Shanghai date', () => {
  assert.deepEqual(due('2025-09-16T00:00:00+08:00', 1), ['2025-09-17', '2025-09-18T00:00:00+08:00']);
  assert.deepEqual(due('2025-09-16T23:59:59+08:00', 1), ['2025-09-17', '2025-09-18T00:00:00+08:00']);
  // 2025-09-16T16:00Z is 2025-09-17 00:00 in Shanghai → counting starts after the 17th
  assert.deepEqual(due('2025-09-16T16:00:00Z', 1), ['2025-09-18', '2025-09-19T00:00:00+08:00']);
  assert.deepEqual(due('2025-09-16T15:59:59.999Z', 1), ['2025-09-17', '2025-09-18T00:00:00+08:00']);
  // Friday 23:59:59 → next Monday
  assert.deepEqual(due('2025-09-19T23:59:59+08:00', 1), ['2025-09-22', '2025-09-23T00:00:00+08:00']);
});

test('R6.2 receipt on a holiday: counting starts after the holiday day itself', () => {
  // 2025-10-03 is inside 国庆节、中秋节 (10-01..10-08); first working day is Thu 10-09, then Sat 10-11 (make-up)
  assert.deepEqual(due('2025-10-03T10:00:00+08:00', 1), ['2025-10-09', '2025-10-10T00:00:00+08:00']);
  assert.deepEqual(due('2025-10-03T10:00:00+08:00', 3), ['2025-10-11', '2025-10-12T00:00:00+08:00']);
});

test('R6.2 receipt on a make-up Saturday: that day is not counted either', () => {
  // 2025-10-11 (Sat) is a make-up working day; next working day is Mon 10-13
  assert.deepEqual(due('2025-10-11T09:00:00+08:00', 1), ['2025-10-13', '2025-10-14T00:00:00+08:00']);
  // a make-up Sunday after the receipt day counts: Fri 2025-09-26 + 1 → Sun 09-28
  assert.deepEqual(due('2025-09-26T09:00:00+08:00', 1), ['2025-09-28', '2025-09-29T00:00:00+08:00']);
});

test('R6.2 across a year boundary', () => {
  // 2025-12-31 (Wed) + 1: 2026-01-01..03 holiday, 2026-01-04 (Sun) make-up
  assert.deepEqual(due('2025-12-31T15:00:00+08:00', 1), ['2026-01-04', '2026-01-05T00:00:00+08:00']);
  assert.deepEqual(due('2025-12-31T15:00:00+08:00', 2), ['2026-01-05', '2026-01-06T00:00:00+08:00']);
  // 2022-12-30 (Fri) + 1: 2022-12-31..2023-01-02 元旦 (set by the 2023 notice)
  assert.deepEqual(due('2022-12-30T10:00:00+08:00', 1), ['2023-01-03', '2023-01-04T00:00:00+08:00']);
  // Spring Festival 2020 extension
  assert.deepEqual(due('2020-01-23T10:00:00+08:00', 1), ['2020-02-03', '2020-02-04T00:00:00+08:00']);
  // receipt on the last day of an unloaded year: the receipt day is never consulted
  assert.deepEqual(due('2019-12-31T10:00:00+08:00', 1), ['2020-01-02', '2020-01-03T00:00:00+08:00']);
});

test('R6.2 year not loaded → CALENDAR_YEAR_NOT_LOADED naming the year, never a weekends-only fallback', () => {
  assertNotLoaded(() => cal.dayKind('2027-01-04'), 2027);
  assertNotLoaded(() => cal.isWorkday('2019-06-03'), 2019);
  assertNotLoaded(() => cal.addWorkdays(at('2026-12-30T10:00:00+08:00'), 2), 2027); // 12-31 is the only one left in 2026
  assert.equal(cal.addWorkdays(at('2026-12-30T10:00:00+08:00'), 1).dueDate, '2026-12-31');
  assertNotLoaded(() => cal.addWorkdays(at('2027-03-01T10:00:00+08:00'), 1), 2027);
  assertNotLoaded(() => cal.addWorkdays(at('2018-03-01T10:00:00+08:00'), 1), 2018);
  assertNotLoaded(() => cal.workdaysBetween(at('2026-12-01'), at('2027-01-05')), 2027);
  assertNotLoaded(() => cal.previousWorkday('2020-01-02'), 2019);
  // a gap: 2024 and 2026 loaded, 2025 not
  const notices = loadBundledNotices();
  const gap = createCalendar(notices.filter((n) => n.year === 2024 || n.year === 2026));
  assertNotLoaded(() => gap.addWorkdays(at('2024-12-20T10:00:00+08:00'), 30), 2025);
  assertNotLoaded(() => gap.dayKind('2025-06-03'), 2025);
  assert.equal(gap.addWorkdays(at('2026-01-05T10:00:00+08:00'), 1).dueDate, '2026-01-06');
  assertNotLoaded(() => createCalendar([]).addWorkdays(at('2025-01-01'), 1), 2025);
});

test("R6.2 workdaysBetween counts working days after a's date up to and including b's date", () => {
  const wb = (a: string, b: string) => cal.workdaysBetween(at(a), at(b));
  assert.equal(wb('2025-09-30T16:00:00+08:00', '2025-10-28T23:00:00+08:00'), 15);
  assert.equal(wb('2025-09-30T16:00:00+08:00', '2025-10-27T23:00:00+08:00'), 14);
  assert.equal(wb('2025-09-30T16:00:00+08:00', '2025-09-30T23:00:00+08:00'), 0);
  assert.equal(wb('2025-10-28T12:00:00+08:00', '2025-09-30T16:00:00+08:00'), -15);
  assert.equal(wb('2025-10-01T00:00:00+08:00', '2025-10-08T23:59:59+08:00'), 0);
  assert.equal(cal.workdaysBetweenDates('2025-12-31', '2026-01-05'), 2);
  assert.equal(cal.nextWorkday('2025-09-30'), '2025-10-09');
  assert.equal(cal.previousWorkday('2025-10-09'), '2025-09-30');
  assert.equal(cal.previousWorkday('2025-10-13'), '2025-10-11');
});

test('R6.2 n = 0 working days ends at 24:00 of the receipt day; bad n rejected', () => {
  assert.deepEqual(due('2025-10-03T10:00:00+08:00', 0), ['2025-10-03', '2025-10-04T00:00:00+08:00']);
  for (const n of [-1, 1.5, Number.NaN]) {
    assert.throws(
      () => cal.addWorkdays(at('2025-10-03T10:00:00+08:00'), n),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
    );
  }
  assert.throws(
    () => cal.addWorkdays(new Date(Number.NaN), 1),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
  );
  assert.throws(
    () => cal.dayKind('2025-02-29'),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
  );
});

test('R8.1 tenant overrides applied on top of the notices', () => {
  const t = createCalendar(loadBundledNotices(), [
    { date: '2025-09-29', kind: 'holiday', note: '地方性假日' },
    { date: '2025-10-18', kind: 'makeup', note: '调休上班' },
    { date: '2025-10-19', kind: 'workday' },
    { date: '2025-10-20', kind: 'restday' },
    { date: '2025-10-25', kind: 'restday' },
    { date: '2025-10-09', kind: 'workday' },
  ]);
  assert.equal(t.dayKind('2025-09-29'), 'holiday');
  assert.equal(t.dayKind('2025-10-18'), 'makeup');
  assert.equal(t.dayKind('2025-10-19'), 'makeup');
  assert.equal(t.dayKind('2025-10-20'), 'holiday');
  assert.equal(t.dayKind('2025-10-25'), 'weekend');
  assert.equal(t.dayKind('2025-10-09'), 'weekday');
  // receipt 09-26 (Fri): 09-28 make-up Sun, 09-29 tenant holiday, 09-30 Tue
  assert.equal(t.addWorkdays(at('2025-09-26T10:00:00+08:00'), 2).dueDate, '2025-09-30');
  assert.equal(cal.addWorkdays(at('2025-09-26T10:00:00+08:00'), 2).dueDate, '2025-09-29');
  assert.throws(
    () =>
      createCalendar(loadBundledNotices(), [
        { date: '2025-10-18', kind: 'makeup' },
        { date: '2025-10-18', kind: 'holiday' },
      ]),
    /重复/,
  );
  assert.throws(
    () => createCalendar(loadBundledNotices(), [{ date: '2025-13-01', kind: 'makeup' }]),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.fields?.['0.date'] !== undefined,
  );
  // an override never makes an unloaded year usable
  assertNotLoaded(() => createCalendar(loadBundledNotices(), [{ date: '2027-01-04', kind: 'workday' }]).dayKind('2027-01-04'), 2027);
});

// ---- properties (fast-check), against a naive day-by-day reference built from the test's own literals ----

const T_MIN = Date.parse('2020-01-01T00:00:00+08:00');
const T_MAX = Date.parse('2026-12-31T23:59:59.999+08:00');
const instantArb = fc.integer({ min: T_MIN, max: T_MAX }).map((ms) => new Date(ms));
const nArb = fc.integer({ min: 0, max: 60 });

test('R6.2 property: due date = naive reference (exactly n working days after the receipt day), else year not loaded', () => {
  fc.assert(
    fc.property(instantArb, nArb, (t, n) => {
      const expected = naiveDueDate(t, n);
      if (expected === null) {
        assertNotLoaded(() => cal.addWorkdays(t, n), 2027);
        return;
      }
      const r = cal.addWorkdays(t, n);
      assert.equal(r.dueDate, expected);
      assert.equal(r.dueAt.getTime(), Date.parse(addDaysIso(expected, 1) + 'T00:00:00+08:00'));
    }),
    { numRuns: 3000 },
  );
});

test('R6.2 property: for n ≥ 1 the due date is a working day strictly after the receipt day, with exactly n working days in between', () => {
  fc.assert(
    fc.property(instantArb, fc.integer({ min: 1, max: 40 }), (t, n) => {
      if (naiveDueDate(t, n) === null) return;
      const r = cal.addWorkdays(t, n);
      const receipt = shanghaiDate(t);
      assert.ok(r.dueDate > receipt);
      assert.ok(naiveIsWorkday(r.dueDate));
      assert.ok(cal.isWorkday(r.dueDate));
      let count = 0;
      for (let d = addDaysIso(receipt, 1); d <= r.dueDate; d = addDaysIso(d, 1)) if (naiveIsWorkday(d)) count++;
      assert.equal(count, n);
      assert.equal(cal.workdaysBetween(t, new Date(r.dueAt.getTime() - 1)), n);
    }),
    { numRuns: 2000 },
  );
});

test('R6.2 property: due date is non-decreasing in n and in t', () => {
  fc.assert(
    fc.property(instantArb, instantArb, nArb, nArb, (t1, t2, n1, n2) => {
      const [ta, tb] = t1 <= t2 ? [t1, t2] : [t2, t1];
      const [na, nb] = n1 <= n2 ? [n1, n2] : [n2, n1];
      if (naiveDueDate(tb, nb) === null) return;
      assert.ok(cal.addWorkdays(ta, na).dueAt <= cal.addWorkdays(ta, nb).dueAt);
      assert.ok(cal.addWorkdays(ta, nb).dueAt <= cal.addWorkdays(tb, nb).dueAt);
      if (na < nb) assert.ok(cal.addWorkdays(ta, na).dueAt < cal.addWorkdays(ta, nb).dueAt);
    }),
    { numRuns: 2000 },
  );
});

test('R6.2 property: every day 2020–2026 has the naive kind', () => {
  for (let d = '2020-01-01'; d <= '2026-12-31'; d = addDaysIso(d, 1)) assert.equal(cal.isWorkday(d), naiveIsWorkday(d), d);
});
