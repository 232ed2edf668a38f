// `zqt backup FILE` / `zqt restore FILE` / `zqt restore --check FILE` (issue 21). Both modes; see
// server/src/db/backup.ts for the file format and what makes each backup consistent.
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { backupPglite, backupPostgres, BackupError, restorePglite, restorePostgres, verifyBackup, type BackupManifest } from '../db/backup.ts';
import { MAINTENANCE_TIMEOUTS, openDatabase } from '../db/client.ts';
import { backupThroughServer } from '../db/control-socket.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';

type Out = { stdout: string; stderr: string; exitCode: number };
const fail = (msg: string): Out => ({ stdout: '', stderr: msg, exitCode: 1 });

function summary(m: BackupManifest, extra: Record<string, unknown>) {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  return JSON.stringify({
    ...extra,
    kind: m.kind,
    appVersion: m.appVersion,
    migrationLevel: m.migrationLevel,
    tables: Object.keys(m.tables).length,
    rows,
    bytes: m.payload.bytes,
    sha256: m.payload.sha256,
  });
}

export async function backupCli(argv: string[]): Promise<Out> {
  const file = argv[0];
  if (!file || file.startsWith('-')) return fail('用法: zqt backup 备份文件路径 (usage: zqt backup FILE)');
  const out = path.resolve(file);
  const config = loadConfig();
  const started = performance.now();
  try {
    let manifest: BackupManifest;
    let via = 'direct';
    if (config.databaseUrl) {
      manifest = await backupPostgres(config.migrationDatabaseUrl ?? config.databaseUrl, out);
    } else {
      let database;
      try {
        database = await openDatabase({ dataDir: config.dataDir, timeouts: MAINTENANCE_TIMEOUTS, command: 'zqt backup' });
      } catch (err) {
        if (!(err instanceof DataDirLockedError)) throw err;
        // The running server holds the folder: it takes the backup itself.
        manifest = await backupThroughServer(config.dataDir, out);
        via = 'server';
      }
      if (database) {
        try {
          manifest = await backupPglite(database.pglite!, out);
        } finally {
          await database.close();
        }
      }
    }
    return { stdout: summary(manifest!, { file: out, via, ms: Math.round(performance.now() - started) }), stderr: '', exitCode: 0 };
  } catch (err) {
    if (err instanceof BackupError) return fail(err.message);
    throw err;
  }
}

export async function restoreCli(argv: string[]): Promise<Out> {
  const check = argv.includes('--check');
  const file = argv.find((a) => !a.startsWith('-'));
  if (!file) return fail('用法: zqt restore [--check] 备份文件路径 (usage: zqt restore [--check] FILE)');
  const config = loadConfig();
  const started = performance.now();
  try {
    if (check) {
      const m = await verifyBackup(path.resolve(file));
      return { stdout: summary(m, { ok: true, createdAt: m.createdAt }), stderr: '', exitCode: 0 };
    }
    const r = config.databaseUrl
      ? await restorePostgres(path.resolve(file), config.migrationDatabaseUrl ?? config.databaseUrl, config.databaseUrl)
      : await restorePglite(path.resolve(file), config.dataDir);
    return { stdout: summary(r.manifest, { restored: true, ms: Math.round(performance.now() - started) }), stderr: '', exitCode: 0 };
  } catch (err) {
    if (err instanceof BackupError || err instanceof DataDirLockedError) return fail(err.message);
    throw err;
  }
}
