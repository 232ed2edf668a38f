import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/errors.ts';
import {
  DEFAULT_OFFICE_HOURS,
  addWorkingHours,
  formatShanghai,
  getBundledCalendar,
  parseInstant,
  subtractWorkingHours,
  workingHoursBetween,
  type OfficeHours,
} from '../../src/domain/calendar/index.ts';
import { naiveIsWorkday } from './expected-holidays.ts';

const cal = getBundledCalendar();
const add = (from: string, hours: number, office: OfficeHours = DEFAULT_OFFICE_HOURS) =>
  formatShanghai(addWorkingHours(cal, parseInstant(from), hours, office));

test('R8.1 working-hours clock: before office hours counting starts at 08:30', () => {
  assert.equal(add('2025-09-22T07:00:00+08:00', 2), '2025-09-22T10:30:00+08:00');
  assert.equal(add('2025-09-22T00:00:00+08:00', 2), '2025-09-22T10:30:00+08:00');
});

test('R8.1 working-hours clock: at lunch counting starts at 13:00', () => {
  assert.equal(add('2025-09-22T12:30:00+08:00', 2), '2025-09-22T15:00:00+08:00');
  assert.equal(add('2025-09-22T12:00:00+08:00', 2), '2025-09-22T15:00:00+08:00');
  assert.equal(add('2025-09-22T11:00:00+08:00', 2), '2025-09-22T14:00:00+08:00'); // 1 h before lunch, 1 h after
});

test('R8.1 working-hours clock: at 17:00 0.5 h today and 1.5 h carried to the next working day', () => {
  assert.equal(add('2025-09-22T17:00:00+08:00', 2), '2025-09-23T10:00:00+08:00');
  assert.equal(add('2025-09-22T15:30:00+08:00', 2), '2025-09-22T17:30:00+08:00'); // lands exactly on closing time
  assert.equal(add('2025-09-22T17:30:00+08:00', 2), '2025-09-23T10:30:00+08:00');
});

test('R8.1 working-hours clock: Friday evening runs over the weekend (and uses a make-up Sunday)', () => {
  assert.equal(add('2025-09-19T18:00:00+08:00', 2), '2025-09-22T10:30:00+08:00');
  assert.equal(add('2025-09-19T17:00:00+08:00', 2), '2025-09-22T10:00:00+08:00');
  // 2025-09-28 (Sun) is a make-up working day
  assert.equal(add('2025-09-26T18:00:00+08:00', 2), '2025-09-28T10:30:00+08:00');
});

test('R8.1 working-hours clock: over a holiday', () => {
  // 16:00–17:30 on 09-30 (1.5 h), then 0.5 h on 10-09 after 国庆节、中秋节
  assert.equal(add('2025-09-30T16:00:00+08:00', 2), '2025-10-09T09:00:00+08:00');
  assert.equal(add('2025-10-03T10:00:00+08:00', 2), '2025-10-09T10:30:00+08:00');
  // the extended 2020 Spring Festival
  assert.equal(add('2020-01-23T17:00:00+08:00', 2), '2020-02-03T10:00:00+08:00');
});

test('R8.1 working-hours clock: configurable office hours, long spans, zero and invalid input', () => {
  const office: OfficeHours = [
    ['09:00', '12:00'],
    ['14:00', '18:00'],
  ];
  assert.equal(add('2025-09-22T17:00:00+08:00', 2, office), '2025-09-23T10:00:00+08:00');
  assert.equal(add('2025-09-22T12:30:00+08:00', 2, office), '2025-09-22T16:00:00+08:00');
  // 80 h = 10 full days of 8 h: Mon 09-22 08:30 → 10th working day (10-10, counting Sun 09-28) 17:30
  assert.equal(add('2025-09-22T08:30:00+08:00', 80), '2025-10-10T17:30:00+08:00');
  assert.equal(add('2025-09-22T08:30:00+08:00', 70), '2025-10-09T15:30:00+08:00'); // 8 full days + 6 h
  assert.equal(add('2025-09-22T08:30:00+08:00', 8), '2025-09-22T17:30:00+08:00');
  assert.equal(add('2025-09-22T08:30:00+08:00', 8.5), '2025-09-23T09:00:00+08:00');
  assert.equal(add('2025-09-22T13:17:00+08:00', 0), '2025-09-22T13:17:00+08:00');
  for (const bad of [
    [['12:00', '08:30']],
    [
      ['08:30', '12:00'],
      ['11:00', '13:00'],
    ],
    [],
    [['8:30', '12:00']],
  ] as unknown as OfficeHours[]) {
    assert.throws(
      () => addWorkingHours(cal, parseInstant('2025-09-22T08:00:00+08:00'), 2, bad),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
    );
  }
  assert.throws(
    () => addWorkingHours(cal, parseInstant('2025-09-22T08:00:00+08:00'), -1),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
  );
  assert.throws(
    () => addWorkingHours(cal, parseInstant('2026-12-31T17:00:00+08:00'), 2),
    (e: unknown) => e instanceof AppError && e.code === 'CALENDAR_YEAR_NOT_LOADED',
  );
});

test('R8.1 subtractWorkingHours walks back through office hours', () => {
  const sub = (s: string, h: number) => formatShanghai(subtractWorkingHours(cal, parseInstant(s), h));
  assert.equal(sub('2025-10-10T00:00:00+08:00', 4), '2025-10-09T13:30:00+08:00');
  assert.equal(sub('2025-10-09T09:00:00+08:00', 2), '2025-09-30T16:00:00+08:00');
  assert.equal(sub('2025-09-22T14:00:00+08:00', 2), '2025-09-22T11:00:00+08:00');
  assert.equal(sub('2025-10-10T17:30:00+08:00', 80), '2025-09-22T08:30:00+08:00');
  assert.equal(sub('2025-10-09T15:30:00+08:00', 70), '2025-09-22T08:30:00+08:00');
});

// Naive reference: minute by minute over office minutes of working days (the test's own holiday table).
function naiveAdd(startMs: number, minutes: number, office: OfficeHours): number {
  const spans = office.map(([a, b]) => [Number(a.slice(0, 2)) * 60 + Number(a.slice(3)), Number(b.slice(0, 2)) * 60 + Number(b.slice(3))]);
  let m = Math.ceil((startMs + 8 * 3_600_000) / 60_000); // Shanghai minutes since epoch
  if (minutes === 0) return startMs;
  let left = minutes;
  for (;;) {
    const date = new Date(m * 60_000).toISOString().slice(0, 10);
    const tod = ((m % 1440) + 1440) % 1440;
    if (naiveIsWorkday(date) && spans.some(([a, b]) => tod >= a && tod < b)) {
      if (--left === 0) return (m + 1) * 60_000 - 8 * 3_600_000;
    }
    m++;
  }
}

test('R8.1 property: addWorkingHours equals a minute-by-minute reference and workingHoursBetween inverts it', () => {
  const office: OfficeHours = [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ];
  fc.assert(
    fc.property(
      fc.integer({ min: Date.parse('2020-01-01T00:00:00+08:00'), max: Date.parse('2026-11-30T00:00:00+08:00') }),
      fc.integer({ min: 0, max: 60 * 40 }),
      (startMinuteMs, minutes) => {
        const startMs = Math.floor(startMinuteMs / 60_000) * 60_000; // whole minutes
        const r = addWorkingHours(cal, new Date(startMs), minutes / 60, office);
        assert.equal(r.getTime(), naiveAdd(startMs, minutes, office));
        assert.equal(Math.round(workingHoursBetween(cal, new Date(startMs), r, office) * 60), minutes);
        if (minutes > 0) {
          const back = subtractWorkingHours(cal, r, minutes / 60, office);
          assert.equal(Math.round(workingHoursBetween(cal, back, r, office) * 60), minutes);
          assert.ok(back.getTime() >= startMs);
        }
      },
    ),
    { numRuns: 300 },
  );
});
