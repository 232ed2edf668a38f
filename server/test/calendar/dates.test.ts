import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/errors.ts';
import { formatShanghai, parseInstant, shanghaiDate } from '../../src/domain/calendar/index.ts';
import { civilFromDays, daysFromCivil, isoWeekday } from '../../src/domain/calendar/dates.ts';

test('R6.2 Asia/Shanghai helpers do not depend on the process time zone', () => {
  const t = new Date('2025-09-30T16:00:00Z'); // 2025-10-01 00:00 in Shanghai
  assert.equal(shanghaiDate(t), '2025-10-01');
  assert.equal(formatShanghai(t), '2025-10-01T00:00:00+08:00');
  assert.equal(formatShanghai(new Date('2025-09-30T15:59:59.5Z')), '2025-09-30T23:59:59.500+08:00');
  assert.equal(shanghaiDate(new Date('2025-09-30T15:59:59.999Z')), '2025-09-30');
});

test('R6.2 parseInstant: offsets, Shanghai default, strictness', () => {
  const ms = Date.parse('2025-09-30T08:00:00Z');
  for (const s of [
    '2025-09-30T16:00:00+08:00',
    '2025-09-30T16:00:00',
    '2025-09-30 16:00',
    '2025-09-30T08:00:00Z',
    '2025-09-30T03:00:00-05:00',
    '2025-09-30T16:00:00.000+0800',
  ]) {
    assert.equal(parseInstant(s).getTime(), ms, s);
  }
  assert.equal(formatShanghai(parseInstant('2025-09-30')), '2025-09-30T00:00:00+08:00');
  assert.equal(formatShanghai(parseInstant('2025-10-28T24:00:00+08:00')), '2025-10-29T00:00:00+08:00');
  for (const bad of ['2025-02-29T10:00:00+08:00', '2025-09-30T25:00', '2025-09-30T24:01', 'tomorrow', '2025-9-30', '', '2025-09-30T16:00:00+08:99']) {
    assert.throws(
      () => parseInstant(bad),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
      bad,
    );
  }
});

test('R6.2 civil day arithmetic matches Date.UTC and ISO weekdays', () => {
  fc.assert(
    fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      const c = civilFromDays(d);
      assert.equal(`${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`, iso);
      assert.equal(daysFromCivil(c.year, c.month, c.day), d);
      assert.equal(isoWeekday(d), new Date(d * 86_400_000).getUTCDay() || 7);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), (ms) => {
      assert.equal(parseInstant(formatShanghai(new Date(ms))).getTime(), ms);
    }),
  );
});
