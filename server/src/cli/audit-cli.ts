// `zqt audit archive | verify | purge-archived [--dry-run]` (issue 21). Archiving is also the
// scheduled task `audit-archive`; this runs it now. The purge is the one documented step by which
// archived rows leave the live audit log: it connects as the owner of the tables (MIGRATION_DATABASE_URL
// in server mode; embedded: the data folder, with the server stopped), verifies every archive, and
// deletes only what an archive holds (the trigger of migration 0023 refuses anything else).
import { loadConfig } from '../config.ts';
import { MAINTENANCE_TIMEOUTS, openDatabase } from '../db/client.ts';
import { archiveAuditLog, purgeArchived } from '../modules/audit/index.ts';

type Out = { stdout: string; stderr: string; exitCode: number };

export const AUDIT_USAGE = `用法: zqt audit archive                  立即归档超过保留期的审计日志（同定时任务 audit-archive）
      zqt audit verify                   校验全部归档文件及其哈希链
      zqt audit purge-archived [--dry-run] 校验后从在线审计日志移除已归档的记录（须以表的所有者身份运行）`;

export async function auditCli(argv: string[]): Promise<Out> {
  const [sub] = argv;
  if (sub !== 'archive' && sub !== 'verify' && sub !== 'purge-archived') return { stdout: '', stderr: AUDIT_USAGE, exitCode: 1 };
  const config = loadConfig();
  const url = config.databaseUrl ? (config.migrationDatabaseUrl ?? config.databaseUrl) : undefined;
  const database = await openDatabase({ databaseUrl: url, dataDir: config.dataDir, timeouts: MAINTENANCE_TIMEOUTS, poolMax: 2, command: `zqt audit ${sub}` });
  try {
    if (sub === 'archive') {
      return { stdout: JSON.stringify(await archiveAuditLog(database.db, new Date())), stderr: '', exitCode: 0 };
    }
    const dryRun = sub === 'verify' || argv.includes('--dry-run');
    const r = await purgeArchived(database.db, { dryRun, actorName: '运维 (zqt audit purge-archived)' });
    if (!r.ok) return { stdout: '', stderr: `归档校验失败，未做任何删除：\n${r.problems.join('\n')}`, exitCode: 1 };
    return { stdout: JSON.stringify({ verified: true, ...r }), stderr: '', exitCode: 0 };
  } finally {
    await database.close();
  }
}
