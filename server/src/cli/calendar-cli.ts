// Pure logic of the `zqt calendar …` and `zqt sla …` commands (the binary wires argv and process I/O).
// Output: one JSON line on stdout. Exit codes: 0 ok, 1 bad arguments (usage on stderr),
// 2 a needed year has no loaded holiday notice (CALENDAR_YEAR_NOT_LOADED).

import { AppError, ErrorCode } from '../errors.ts';
import {
  computeDeadlines,
  formatShanghai,
  getBundledCalendar,
  isIsoDate,
  parseInstant,
  resolveSlaSettings,
  type SlaSettings,
  type WorkCalendar,
} from '../domain/calendar/index.ts';

export const CALENDAR_CLI_USAGE = [
  '用法 / Usage:',
  '  zqt calendar is-workday <YYYY-MM-DD>',
  '  zqt calendar add-workdays --from <ISO 8601 时间> --days <非负整数>',
  '  zqt sla --received <ISO 8601 时间>',
  '时间示例 / example: 2025-09-30T16:00:00+08:00（无时区时按北京时间 / Asia/Shanghai if no offset）',
].join('\n');

export type CliResult = { stdout: string; stderr: string; exitCode: number };

class UsageError extends Error {}

/** Parses `--name value` / `--name=value` options; every option must be known and given once. */
function parseOptions(args: string[], known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new UsageError(`多余的参数 / unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else value = args[++i];
    if (!known.includes(name)) throw new UsageError(`未知选项 / unknown option: --${name}`);
    if (value === undefined || value === '') throw new UsageError(`选项缺少值 / missing value: --${name}`);
    if (name in out) throw new UsageError(`选项重复 / repeated option: --${name}`);
    out[name] = value;
  }
  return out;
}

function require(opts: Record<string, string>, name: string): string {
  const v = opts[name];
  if (v === undefined) throw new UsageError(`缺少选项 / missing option: --${name}`);
  return v;
}

function parseInstantArg(s: string, name: string): Date {
  try {
    return parseInstant(s, name);
  } catch {
    throw new UsageError(`时间格式不正确 / invalid time for --${name}: ${s}`);
  }
}

function run(argv: string[], calendar: () => WorkCalendar, settings: SlaSettings | undefined): string {
  const [cmd, sub, ...rest] = argv;
  if (cmd === 'calendar' && sub === 'is-workday') {
    if (rest.length !== 1) throw new UsageError('is-workday 需要且只需要一个日期 / expects exactly one date');
    const date = rest[0];
    if (!isIsoDate(date)) throw new UsageError(`日期格式不正确 / invalid date: ${date}`);
    const cal = calendar();
    const kind = cal.dayKind(date);
    return JSON.stringify({ date, workday: kind === 'weekday' || kind === 'makeup', kind });
  }
  if (cmd === 'calendar' && sub === 'add-workdays') {
    const o = parseOptions(rest, ['from', 'days']);
    const from = parseInstantArg(require(o, 'from'), 'from');
    const daysText = require(o, 'days');
    if (!/^\d{1,6}$/.test(daysText)) throw new UsageError(`--days 须为非负整数 / must be a non-negative integer: ${daysText}`);
    const days = Number(daysText);
    const r = calendar().addWorkdays(from, days);
    return JSON.stringify({ from: formatShanghai(from), days, dueDate: r.dueDate, dueAt: formatShanghai(r.dueAt) });
  }
  if (cmd === 'sla') {
    const o = parseOptions(sub === undefined ? [] : [sub, ...rest], ['received']);
    const received = parseInstantArg(require(o, 'received'), 'received');
    const d = computeDeadlines(received, settings ?? resolveSlaSettings(), calendar());
    return JSON.stringify({
      received: formatShanghai(received),
      contactDueAt: formatShanghai(d.contactDueAt),
      opinionDueAt: formatShanghai(d.opinionDueAt),
      resolutionDueAt: formatShanghai(d.resolutionDueAt),
    });
  }
  throw new UsageError(cmd === undefined ? '缺少命令 / missing command' : `未知命令 / unknown command: ${argv.join(' ')}`);
}

/**
 * Runs a calendar/SLA command. argv excludes the binary: it starts with 'calendar' or 'sla'.
 * opts.calendar defaults to the bundled notices; opts.settings (a tenant's SLA settings) defaults to
 * the province defaults (R6.2).
 */
export function runCalendarCli(argv: string[], opts: { calendar?: WorkCalendar; settings?: SlaSettings } = {}): CliResult {
  const calendar = () => opts.calendar ?? getBundledCalendar();
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    const help = argv.includes('--help') || argv.includes('-h');
    return help ? { stdout: CALENDAR_CLI_USAGE + '\n', stderr: '', exitCode: 0 } : { stdout: '', stderr: CALENDAR_CLI_USAGE + '\n', exitCode: 1 };
  }
  try {
    return { stdout: run(argv, calendar, opts.settings) + '\n', stderr: '', exitCode: 0 };
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: `${e.message}\n${CALENDAR_CLI_USAGE}\n`, exitCode: 1 };
    if (e instanceof AppError && e.code === ErrorCode.CALENDAR_YEAR_NOT_LOADED) {
      const year = (e.details as { year?: number } | undefined)?.year;
      return {
        stdout: '',
        stderr: `错误：${year} 年节假日安排尚未载入，无法计算 (error: holiday calendar for year ${year} is not loaded)\n`,
        exitCode: 2,
      };
    }
    if (e instanceof AppError && e.code === ErrorCode.VALIDATION_FAILED) {
      return { stdout: '', stderr: `${e.message}\n${CALENDAR_CLI_USAGE}\n`, exitCode: 1 };
    }
    throw e;
  }
}
