// `zqt gen --appeals N --enterprises N [--years 5] [--seed 1] [--now ISO] [--append] [--no-sweep] [--quiet]`
// Fills the database the CLI points at (DATA_DIR or DATABASE_URL) with a generated province
// (server/src/seed/gen). Progress on stderr, a JSON summary on stdout.
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { getBundledCalendar } from '../domain/calendar/index.ts';
import { checkYears, generate, GenRefused } from '../seed/gen/index.ts';
import { GEN_PASSWORD } from '../seed/gen/org.ts';

type Out = { stdout: string; stderr: string; exitCode: number };

export const GEN_USAGE = `用法: zqt gen --appeals 1000000 --enterprises 60000 [--years 5] [--seed 1] [--now ISO时间] [--append] [--no-sweep] [--quiet]
  生成一个全省规模的模拟数据集（17个单位、处室、账号、企业、诉求及其办理时间线），写入 DATABASE_URL 或 DATA_DIR 指向的数据库。
  --appeals N       诉求条数（分布在截至 --now 的 --years 年内，近几周的多为办理中）
  --enterprises N   新增企业数（分布在各市和行业，统一社会信用代码有效）
  --years Y         年数，默认 5；日历只载入了 2020–2026 年，超出的年份无法计算时限，会被拒绝
  --seed S          随机种子，默认 1；同一种子、同一 --now、空数据库 → 相同数据
  --now ISO         期间终点，默认当前时间（如 2026-11-25T12:00:00+08:00）
  --append          数据库已有生成数据时追加一批（否则拒绝执行，避免重复生成）
  --no-sweep        生成后不运行一次时限巡检（逾期、临期、催办、督办）
  生成的账号: g<单位代码>_intake1、g<单位代码>_coord、g<单位代码>_u01_head、g<单位代码>_u01_staff1 …，密码 ${GEN_PASSWORD}`;

const fail = (msg: string): Out => ({ stdout: '', stderr: msg, exitCode: 1 });

export async function genCli(argv: string[]): Promise<Out> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        appeals: { type: 'string' },
        enterprises: { type: 'string' },
        years: { type: 'string', default: '5' },
        seed: { type: 'string', default: '1' },
        now: { type: 'string' },
        append: { type: 'boolean', default: false },
        'no-sweep': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    return fail(`参数错误: ${(err as Error).message}\n${GEN_USAGE}`);
  }
  if (values.help) return { stdout: GEN_USAGE, stderr: '', exitCode: 0 };
  const int = (v: string | undefined, name: string, min: number, max: number) => {
    const n = Number(v);
    return v !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : `--${name} 须为 ${min}–${max} 的整数`;
  };
  const appeals = int(values.appeals, 'appeals', 0, 20_000_000);
  const enterprises = int(values.enterprises, 'enterprises', 0, 2_000_000);
  const seed = int(values.seed, 'seed', 0, 2 ** 31 - 1);
  const years = Number(values.years);
  const problems = [appeals, enterprises, seed].filter((x) => typeof x === 'string');
  if (!(years > 0 && years <= 10)) problems.push('--years 须在 0–10 之间');
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) problems.push('--now 须为 ISO 8601 时间');
  if (problems.length) return fail(`${problems.join('\n')}\n${GEN_USAGE}`);
  const yearProblem = checkYears(getBundledCalendar().loadedYears(), years, now);
  if (yearProblem) return fail(`${yearProblem}。请缩短 --years 或调整 --now。`);

  const database = await openMigratedDatabase(loadConfig(), { maintenance: true });
  try {
    const t0 = performance.now();
    const summary = await generate(database.db, {
      appeals: appeals as number,
      enterprises: enterprises as number,
      years,
      seed: seed as number,
      now,
      append: values.append,
      noSweep: values['no-sweep'],
      silent: values.quiet,
    });
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    const stderr = summary.analyzed
      ? ''
      : '提示：当前数据库角色不是表的所有者，未能更新统计信息（ANALYZE）。请以所有者执行 VACUUM ANALYZE，否则在自动清理运行前查询计划可能很差、读取很慢。\n';
    return { stdout: JSON.stringify({ ...summary, seconds, password: GEN_PASSWORD }, null, 2), stderr, exitCode: 0 };
  } catch (err) {
    if (err instanceof GenRefused) return fail(err.message);
    throw err;
  } finally {
    await database.close();
  }
}
