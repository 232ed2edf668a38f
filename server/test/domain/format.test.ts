// The one formatter of dates and deadlines (shared/format.ts, issue 17): a working-day deadline — stored
// as 00:00 of the next day — reads as its last day at 24:00 with the weekday, in Asia/Shanghai time
// whatever the machine's zone (CI runs this file under TZ=America/Los_Angeles and UTC too).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatChineseDay,
  formatChineseMonth,
  formatCountdown,
  formatDate,
  formatDateTime,
  formatDeadline,
  formatRate,
  isShanghaiMidnight,
} from '../../../shared/format.ts';

test('R6.2 a working-day deadline is its last day at 24:00 with the weekday ("12-04（周四）24:00")', () => {
  // Stored 2026-12-05 00:00 (Shanghai) = the end of Friday 2026-12-04.
  assert.equal(formatDeadline('2026-12-04T16:00:00.000Z'), '12-04（周五）24:00');
  assert.equal(formatDeadline(new Date('2026-12-05T00:00:00+08:00')), '12-04（周五）24:00');
  assert.equal(formatDeadline('2025-11-05T00:00:00+08:00', { year: true }), '2025-11-04（周二）24:00');
  // Year boundary: 2027-01-01 00:00 is 2026-12-31 24:00.
  assert.equal(formatDeadline('2027-01-01T00:00:00+08:00', { year: true }), '2026-12-31（周四）24:00');
  assert.ok(isShanghaiMidnight('2026-12-05T00:00:00+08:00'));
  assert.ok(!isShanghaiMidnight('2026-12-05T00:00:00Z'));
});

test('R6.2 the 2-hour contact deadline is an exact instant, shown with its time and weekday', () => {
  assert.equal(formatDeadline('2026-12-03T10:05:00+08:00'), '12-03（周四）10:05');
  assert.equal(formatDeadline('2026-12-03T02:05:00Z'), '12-03（周四）10:05');
  assert.equal(formatDeadline('2026-12-03T23:59:59+08:00'), '12-03（周四）23:59');
});

test('instants, days, months and rates in Asia/Shanghai; nothing shown as "—"', () => {
  assert.equal(formatDateTime('2026-12-03T16:30:00Z'), '2026-12-04 00:30');
  assert.equal(formatDate('2026-12-03T16:30:00Z'), '2026-12-04');
  assert.equal(formatChineseDay('2026-12-04', { weekday: true }), '2026年12月4日（周五）');
  assert.equal(formatChineseMonth('2026-03'), '2026年3月');
  assert.equal(formatRate(0.8765), '87.7%');
  assert.equal(formatRate(1), '100.0%');
  assert.equal(formatRate(null), '—');
  for (const v of [null, undefined, '', 'not a date']) {
    assert.equal(formatDeadline(v), '—');
    assert.equal(formatDateTime(v), '—');
  }
});

test('R6.2 countdowns: working-day limits in working days, hours on the last day; the 2-hour limit in hours and minutes', () => {
  const h = (n: number) => n * 3_600_000;
  assert.equal(formatCountdown(h(70), 3), '剩余 3 个工作日');
  assert.equal(formatCountdown(h(5) + 12 * 60_000, 0), '今日 24:00 截止，剩余 5小时12分');
  assert.equal(formatCountdown(-h(30), -1), '已逾期 1 个工作日');
  // Overdue since Friday 24:00, on Saturday: no working day has passed yet — the hours.
  assert.equal(formatCountdown(-h(10), 0), '已逾期 10小时0分');
  assert.equal(formatCountdown(h(1) + 41 * 60_000), '剩余 1小时41分');
  assert.equal(formatCountdown(-(25 * 60_000 + 5_000), null), '已逾期 25分05秒');
});
