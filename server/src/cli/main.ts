// `zqt` command line. Commands print JSON or plain lines; exit 0 on success, 1 on bad arguments
// or failure, 2 where a command defines it (unknown calendar year).
import { ConfigError, loadConfig } from '../config.ts';
import { userCli } from './user-cli.ts';

const USAGE = `用法 (usage):
  zqt migrate [--owner-url postgres://所有者@…]   应用数据库迁移；以所有者身份迁移并为 DATABASE_URL 的应用角色
                                                创建/更新角色与授权（也可用 MIGRATION_DATABASE_URL 指定所有者）
  zqt migrate --dry-run                          只列出将要执行的迁移，不做任何改动
  zqt backup FILE                                备份（嵌入式：数据目录；服务器：pg_dump 自定义格式），附清单与校验和
  zqt restore [--check] FILE                     恢复到空的 DATA_DIR 或空数据库（--check 只校验文件与版本）
  zqt audit archive | verify | purge-archived [--dry-run]
                                                审计日志归档（保留期见工作规则参数，不少于180天）、校验、移除已归档记录
  zqt user create --tenant 370000 --username NAME --name 显示名 [--role ROLE] [--unit 处室名]
  zqt user reset-password --username NAME        重置密码（打印新的初始密码；企业账号除外）
  zqt user unlock --username NAME                解除该账号各来源地址的登录限制
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
        // Issue 12 item 5: migrations run as the owner, which then (re)grants the app role.
        const { MAINTENANCE_TIMEOUTS, openDatabase } = await import('../db/client.ts');
        const { migrate } = await import('../db/migrate.ts');
        const { EMBEDDED_APP_ROLE, appRoleFromUrl } = await import('../db/roles.ts');
        const { appRoleWarning, migrateAsOwner } = await import('../boot.ts');
        const config = loadConfig();
        if (argv.includes('--dry-run')) {
          // Issue 21: what an upgrade would run, changing nothing (read with the app's or the owner's connection).
          const { pendingMigrations } = await import('../db/migrate.ts');
          const url = config.databaseUrl ? (config.migrationDatabaseUrl ?? config.databaseUrl) : undefined;
          const database = await openDatabase({ databaseUrl: url, dataDir: config.dataDir, timeouts: MAINTENANCE_TIMEOUTS, poolMax: 1 });
          try {
            const pending = await pendingMigrations(database);
            return emit({ stdout: JSON.stringify({ dryRun: true, pending }), stderr: pending.length ? '' : '没有待执行的迁移 (nothing pending)', exitCode: 0 });
          } finally {
            await database.close();
          }
        }
        const at = argv.indexOf('--owner-url');
        // MIGRATION_DATABASE_URL belongs to server mode: with DATABASE_URL unset the embedded folder is migrated.
        const ownerUrl = at >= 0 ? argv[at + 1] : config.databaseUrl ? config.migrationDatabaseUrl : undefined;
        if (at >= 0 && !/^postgres(ql)?:\/\//.test(ownerUrl ?? '')) {
          return emit({ stdout: '', stderr: '--owner-url 须为 postgres:// 开头的连接串 (must be a postgres:// URL)', exitCode: 1 });
        }
        if (ownerUrl) {
          if (!config.databaseUrl) {
            return emit({ stdout: '', stderr: '请同时设置 DATABASE_URL：它指明应用角色 (DATABASE_URL names the app role to grant)', exitCode: 1 });
          }
          const ran = await migrateAsOwner(ownerUrl, config.databaseUrl);
          return emit({ stdout: JSON.stringify({ applied: ran, appRole: appRoleFromUrl(config.databaseUrl).name }), stderr: '', exitCode: 0 });
        }
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, timeouts: MAINTENANCE_TIMEOUTS });
        try {
          if (database.kind === 'pglite') {
            const ran = await migrate(database, { appRole: { name: EMBEDDED_APP_ROLE, login: false } });
            return emit({ stdout: JSON.stringify({ applied: ran, appRole: EMBEDDED_APP_ROLE }), stderr: '', exitCode: 0 });
          }
          const ran = await migrate(database);
          return emit({ stdout: JSON.stringify({ applied: ran }), stderr: (await appRoleWarning(database)) ?? '', exitCode: 0 });
        } finally {
          await database.close();
        }
      }
      case 'backup': {
        const { backupCli } = await import('./backup-cli.ts');
        return emit(await backupCli(argv.slice(1)));
      }
      case 'restore': {
        const { restoreCli } = await import('./backup-cli.ts');
        return emit(await restoreCli(argv.slice(1)));
      }
      case 'audit': {
        const { auditCli } = await import('./audit-cli.ts');
        return emit(await auditCli(argv.slice(1)));
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
