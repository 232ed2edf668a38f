import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCalendarCli } from '../../src/cli/calendar-cli.ts';
import { createCalendar, loadBundledNotices, resolveSlaSettings } from '../../src/domain/calendar/index.ts';

test('R6.2 CLI calendar is-workday: exact output', () => {
  assert.deepEqual(runCalendarCli(['calendar', 'is-workday', '2025-10-11']), {
    stdout: '{"date":"2025-10-11","workday":true,"kind":"makeup"}\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(runCalendarCli(['calendar', 'is-workday', '2025-10-03']).stdout, '{"date":"2025-10-03","workday":false,"kind":"holiday"}\n');
  assert.equal(runCalendarCli(['calendar', 'is-workday', '2025-10-12']).stdout, '{"date":"2025-10-12","workday":false,"kind":"weekend"}\n');
  assert.equal(runCalendarCli(['calendar', 'is-workday', '2025-10-13']).stdout, '{"date":"2025-10-13","workday":true,"kind":"weekday"}\n');
});

test('R6.2 CLI calendar add-workdays: exact output', () => {
  assert.deepEqual(runCalendarCli(['calendar', 'add-workdays', '--from', '2025-09-30T16:00:00+08:00', '--days', '15']), {
    stdout: '{"from":"2025-09-30T16:00:00+08:00","days":15,"dueDate":"2025-10-28","dueAt":"2025-10-29T00:00:00+08:00"}\n',
    stderr: '',
    exitCode: 0,
  });
  // option order and --x=y form; input normalised to +08:00
  assert.equal(
    runCalendarCli(['calendar', 'add-workdays', '--days=15', '--from=2025-09-30T08:00:00Z']).stdout,
    '{"from":"2025-09-30T16:00:00+08:00","days":15,"dueDate":"2025-10-28","dueAt":"2025-10-29T00:00:00+08:00"}\n',
  );
});

test('R6.2 CLI sla: exact output with province defaults and with tenant settings', () => {
  assert.deepEqual(runCalendarCli(['sla', '--received', '2025-09-30T16:00:00+08:00']), {
    stdout:
      '{"received":"2025-09-30T16:00:00+08:00","contactDueAt":"2025-09-30T18:00:00+08:00","opinionDueAt":"2025-10-10T00:00:00+08:00","resolutionDueAt":"2025-10-29T00:00:00+08:00"}\n',
    stderr: '',
    exitCode: 0,
  });
  const settings = resolveSlaSettings({ contactClock: 'working' });
  assert.equal(
    runCalendarCli(['sla', '--received', '2025-09-30T16:00:00+08:00'], { settings }).stdout,
    '{"received":"2025-09-30T16:00:00+08:00","contactDueAt":"2025-10-09T09:00:00+08:00","opinionDueAt":"2025-10-10T00:00:00+08:00","resolutionDueAt":"2025-10-29T00:00:00+08:00"}\n',
  );
});

test('R6.2 CLI: unknown year → exit 2 with a one-line Chinese + English message naming the year', () => {
  for (const argv of [
    ['calendar', 'is-workday', '2027-01-04'],
    ['calendar', 'add-workdays', '--from', '2026-12-30T10:00:00+08:00', '--days', '5'],
    ['sla', '--received', '2019-06-03T10:00:00+08:00'],
  ]) {
    const r = runCalendarCli(argv);
    assert.equal(r.exitCode, 2, argv.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^错误：\d{4} 年节假日安排尚未载入.*\(error: holiday calendar for year \d{4} is not loaded\)\n$/);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  }
  assert.match(runCalendarCli(['calendar', 'is-workday', '2027-01-04']).stderr, /2027 年.*year 2027/);
  assert.match(runCalendarCli(['sla', '--received', '2019-06-03T10:00:00+08:00']).stderr, /2019 年.*year 2019/);
  const only2025 = createCalendar(loadBundledNotices().filter((n) => n.year === 2025));
  assert.equal(runCalendarCli(['calendar', 'is-workday', '2024-10-11'], { calendar: only2025 }).exitCode, 2);
});

test('R6.2 CLI: bad arguments → exit 1 with usage on stderr', () => {
  for (const argv of [
    [],
    ['calendar'],
    ['calendar', 'frobnicate'],
    ['calendar', 'is-workday'],
    ['calendar', 'is-workday', '2025-02-30'],
    ['calendar', 'is-workday', '2025-10-11', 'extra'],
    ['calendar', 'add-workdays', '--from', '2025-09-30T16:00:00+08:00'],
    ['calendar', 'add-workdays', '--from', '2025-09-30T16:00:00+08:00', '--days', '1.5'],
    ['calendar', 'add-workdays', '--from', '2025-09-30T16:00:00+08:00', '--days', '-1'],
    ['calendar', 'add-workdays', '--from', 'yesterday', '--days', '1'],
    ['calendar', 'add-workdays', '--from', '2025-09-30T16:00:00+08:00', '--days', '1', '--days', '2'],
    ['calendar', 'add-workdays', '--from', '2025-09-30T16:00:00+08:00', '--days', '1', '--tenant', 'x'],
    ['sla'],
    ['sla', '--received'],
    ['sla', '2025-09-30'],
    ['unknown'],
  ]) {
    const r = runCalendarCli(argv);
    assert.equal(r.exitCode, 1, argv.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /用法 \/ Usage:/, argv.join(' '));
  }
  const help = runCalendarCli(['calendar', '--help']);
  assert.equal(help.exitCode, 0);
  assert.match(help.stdout, /zqt calendar is-workday/);
});
