// `zqt sla --received ISO [--tenant CODE]`: without --tenant, the bundled calendar and the province
// defaults (calendar-cli.ts, no database). With --tenant (e.g. 370000), the tenant's SLA settings
// (R8.1) and its calendar (bundled + DB-loaded notices + its overrides) are read from the database.
// Exit codes as calendar-cli.ts; an unknown tenant code exits 1.
import { openMigratedDatabase } from '../boot.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { getTenantCalendar, getTenantSlaSettings } from '../modules/calendar/index.ts';
import { tenantByCode } from '../modules/tenants/index.ts';
import { CALENDAR_CLI_USAGE, runCalendarCli, type CliResult } from './calendar-cli.ts';

/** Splits `--tenant X` / `--tenant=X` out of argv; undefined if absent, '' if given without a value. */
function takeTenant(argv: string[]): { tenant: string | undefined; rest: string[]; repeated: boolean } {
  const rest: string[] = [];
  let tenant: string | undefined;
  let repeated = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let value: string | undefined;
    if (a === '--tenant') value = argv[++i] ?? '';
    else if (a.startsWith('--tenant=')) value = a.slice('--tenant='.length);
    else {
      rest.push(a);
      continue;
    }
    if (tenant !== undefined) repeated = true;
    tenant = value;
  }
  return { tenant, rest, repeated };
}

export async function runSlaCli(argv: string[], opts: { database?: Database } = {}): Promise<CliResult> {
  const { tenant, rest, repeated } = takeTenant(argv);
  if (argv[0] !== 'sla' || tenant === undefined) return runCalendarCli(argv);
  if (repeated) return { stdout: '', stderr: `选项重复 / repeated option: --tenant\n${CALENDAR_CLI_USAGE}\n`, exitCode: 1 };
  if (!tenant || tenant.startsWith('--')) return { stdout: '', stderr: `选项缺少值 / missing value: --tenant\n${CALENDAR_CLI_USAGE}\n`, exitCode: 1 };
  // Check the arguments before opening the database.
  const dry = runCalendarCli(rest);
  if (dry.exitCode === 1) return dry;

  const database = opts.database ?? (await openMigratedDatabase(loadConfig()));
  try {
    const t = await tenantByCode(database.db, tenant);
    if (!t) return { stdout: '', stderr: `错误：单位代码 ${tenant} 不存在 (error: unknown tenant ${tenant})\n`, exitCode: 1 };
    let settings;
    let calendar;
    try {
      [settings, calendar] = await Promise.all([getTenantSlaSettings(database.db, t.id), getTenantCalendar(database.db, t.id)]);
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCode.VALIDATION_FAILED) {
        return { stdout: '', stderr: `错误：单位 ${tenant} 的时限设置或日历数据有误：${e.message}\n`, exitCode: 1 };
      }
      throw e;
    }
    return runCalendarCli(rest, { settings, calendar });
  } finally {
    if (!opts.database) await database.close();
  }
}
