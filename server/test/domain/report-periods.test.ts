// Report periods (issue 16, server/src/domain/reports/periods.ts): months and years as Asia/Shanghai
// days and instants, the period before, twelve months back, and what the scheduler reports when.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duePeriods, isPeriodKey, periodOf, previousPeriod, twelveMonthsTo } from '../../src/domain/reports/periods.ts';

test('a month and a year are whole Asia/Shanghai days', () => {
  const m = periodOf('monthly', '2026-02');
  assert.deepEqual([m.fromDay, m.toDay, m.months], ['2026-02-01', '2026-03-01', ['2026-02']]);
  assert.equal(m.from.toISOString(), '2026-01-31T16:00:00.000Z');
  assert.equal(m.to.toISOString(), '2026-02-28T16:00:00.000Z');
  const y = periodOf('annual', '2025');
  assert.deepEqual([y.fromDay, y.toDay, y.months.length, y.months[0], y.months[11]], ['2025-01-01', '2026-01-01', 12, '2025-01', '2025-12']);
  assert.equal(periodOf('monthly', '2025-12').toDay, '2026-01-01');
});

test('the period before, twelve months back', () => {
  assert.equal(previousPeriod(periodOf('monthly', '2026-01')).key, '2025-12');
  assert.equal(previousPeriod(periodOf('annual', '2026')).key, '2025');
  assert.deepEqual(twelveMonthsTo('2026-03'), [
    '2025-04',
    '2025-05',
    '2025-06',
    '2025-07',
    '2025-08',
    '2025-09',
    '2025-10',
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
  ]);
});

test('the scheduler reports the month before from the 1st (Shanghai), and in January the year before', () => {
  assert.deepEqual(duePeriods(new Date('2026-12-01T00:10:00+08:00')), { monthly: '2026-11', annual: null });
  // 2026-11-30 23:30 UTC is already 12-01 in Shanghai.
  assert.deepEqual(duePeriods(new Date('2026-11-30T16:30:00Z')), { monthly: '2026-11', annual: null });
  assert.deepEqual(duePeriods(new Date('2026-11-30T15:30:00Z')), { monthly: '2026-10', annual: null });
  assert.deepEqual(duePeriods(new Date('2027-01-01T00:10:00+08:00')), { monthly: '2026-12', annual: '2026' });
  assert.deepEqual(duePeriods(new Date('2027-01-20T00:10:00+08:00')), { monthly: '2026-12', annual: '2026' });
});

test('period keys are checked', () => {
  for (const k of ['2026-01', '2026-12']) assert.ok(isPeriodKey('monthly', k));
  for (const k of ['2026-13', '2026-1', '2026', 'abc']) assert.ok(!isPeriodKey('monthly', k), k);
  assert.ok(isPeriodKey('annual', '2026'));
  assert.ok(!isPeriodKey('annual', '2026-01'));
});
