// `zqt` command line. Commands print JSON or plain lines; exit 0 on success, 1 on bad arguments
// or failure, 2 where a command defines it (unknown calendar year).
import { ConfigError, loadConfig } from '../config.ts';
import { userCli } from './user-cli.ts';

const USAGE = `用法 (usage):
  zqt migrate                                   应用数据库迁移
  zqt user create --tenant 370000 --username NAME --name 显示名 [--role ROLE] [--unit 处室名]
  zqt user reset-password --username NAME        重置密码（打印新的初始密码）
  zqt uscc check CODE                           校验统一社会信用代码
  zqt enterprises import FILE.xlsx --tenant 370000 [--update-existing] [--skip-invalid] [--dry-run]
                                                导入企业名录（全部有效行或不写入）
  zqt calendar is-workday YYYY-MM-DD
  zqt calendar add-workdays --from ISO --days N
  zqt sla --received ISO [--tenant 370000]        按单位（含其工作机制参数与日历调整）计算
  zqt gen --appeals N --enterprises N [--years 5] [--seed 1] [--append]
                                                生成全省规模的模拟数据（zqt gen --help 查看说明）
环境变量同服务端：DATABASE_URL（未设置时使用 DATA_DIR 下的嵌入式数据库）`;

type Out = { stdout: string; stderr: string; exitCode: number };

function emit(o: Out): number {
  if (o.stdout) process.stdout.write(o.stdout.endsWith('\n') ? o.stdout : o.stdout + '\n');
  if (o.stderr) process.stderr.write(o.stderr.endsWith('\n') ? o.stderr : o.stderr + '\n');
  return o.exitCode;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  try {
    switch (cmd) {
      case 'migrate': {
        const { openDatabase } = await import('../db/client.ts');
        const { migrate } = await import('../db/migrate.ts');
        const config = loadConfig();
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const ran = await migrate(database);
          return emit({ stdout: JSON.stringify({ applied: ran }), stderr: '', exitCode: 0 });
        } finally {
          await database.close();
        }
      }
      case 'user':
        return emit(await userCli(argv.slice(1)));
      case 'uscc': {
        const { runUsccCli } = await import('./uscc-cli.ts');
        return emit(runUsccCli(argv));
      }
      case 'enterprises': {
        const { enterprisesCli } = await import('./enterprises-cli.ts');
        return emit(await enterprisesCli(argv.slice(1)));
      }
      case 'calendar': {
        const { runCalendarCli } = await import('./calendar-cli.ts');
        return emit(runCalendarCli(argv));
      }
      case 'sla': {
        const { runSlaCli } = await import('./sla-tenant-cli.ts');
        return emit(await runSlaCli(argv));
      }
      case 'gen': {
        const { genCli } = await import('./gen-cli.ts');
        return emit(await genCli(argv.slice(1)));
      }
      default:
        return emit({ stdout: '', stderr: USAGE, exitCode: cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 1 });
    }
  } catch (err) {
    if (err instanceof ConfigError) return emit({ stdout: '', stderr: err.message, exitCode: 1 });
    return emit({ stdout: '', stderr: `错误: ${err instanceof Error ? err.message : String(err)}`, exitCode: 1 });
  }
}
