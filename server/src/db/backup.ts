// Backup and restore of the whole database, both modes (issue 21).
//
// One file format for both: a header line, a manifest line (JSON), then the payload:
//   ZQT-BACKUP 1\n
//   {"format":1,"kind":"pglite"|"postgres","appVersion":…,"migrations":[…],"tables":{…},"payload":{"bytes":…,"sha256":…}}\n
//   <payload bytes>
// - Embedded (PGlite): the payload is PGlite's dumpDataDir (a gzipped tar of the data folder), taken
//   by the one process that holds the folder (the CLI with the folder's lock, or the running server
//   through its control socket, server/src/db/control-socket.ts) while no transaction is in progress:
//   PGlite runs in this process and writes only while a query runs, so the image is what a crash at
//   that instant would leave, and PostgreSQL recovers it from its WAL when it is opened. Files are
//   never copied under a live database by anyone else.
// - Server: the payload is `pg_dump --format=custom` run on a snapshot exported by a REPEATABLE READ
//   transaction that also counts every table's rows, so the counts in the manifest are exactly the
//   rows in the dump.
// Restore goes only into an empty folder / empty database, and refuses a backup of another app
// version or migration level, of the other mode, or whose payload does not match its checksum.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from './client.ts';
import pg from 'pg';
import { acquireDataDirLock, LOCK_FILE } from './data-dir-lock.ts';
import { listMigrations } from './migrate.ts';
import { applyAppRole, appRoleFromUrl } from './roles.ts';

export const BACKUP_MAGIC = 'ZQT-BACKUP 1';

export type BackupManifest = {
  format: 1;
  kind: 'pglite' | 'postgres';
  appVersion: string;
  /** Every migration applied, in order; the last one is the migration level. */
  migrations: string[];
  migrationLevel: string;
  /** PostgreSQL's server_version at backup time. */
  postgres: string;
  createdAt: string;
  /** Row count of every table of the public schema, in the same snapshot as the payload. */
  tables: Record<string, number>;
  payload: { encoding: 'pglite-datadir-tar-gzip' | 'pg_dump-custom'; bytes: number; sha256: string };
};

export class BackupError extends Error {}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The app version a backup is tied to (package.json). */
export function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

const TABLES_SQL = `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Querier = { query<T>(text: string): Promise<{ rows: T[] }> };

async function countTables(q: Querier): Promise<Record<string, number>> {
  const tables = (await q.query<{ tablename: string }>(TABLES_SQL)).rows.map((r) => r.tablename);
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [r] = (await q.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${quoteIdent(t)}`)).rows;
    out[t] = Number(r.n);
  }
  return out;
}

async function migrationTags(q: Querier): Promise<string[]> {
  const present = (await q.query<{ p: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS p`)).rows[0].p;
  if (!present) return [];
  return (await q.query<{ tag: string }>('SELECT tag FROM schema_migrations ORDER BY tag')).rows.map((r) => r.tag);
}

// ---------------------------------------------------------------- writing

/** Writes header + manifest + the payload file to `out`, then removes the payload file. */
async function writeContainer(
  out: string,
  manifestBase: Omit<BackupManifest, 'payload'>,
  payloadFile: string,
  encoding: BackupManifest['payload']['encoding'],
) {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(payloadFile), hash);
  const bytes = fs.statSync(payloadFile).size;
  const manifest: BackupManifest = { ...manifestBase, payload: { encoding, bytes, sha256: hash.digest('hex') } };
  const tmp = `${out}.part`;
  fs.writeFileSync(tmp, `${BACKUP_MAGIC}\n${JSON.stringify(manifest)}\n`, { mode: 0o600 });
  await pipeline(fs.createReadStream(payloadFile), fs.createWriteStream(tmp, { flags: 'a' }));
  fs.renameSync(tmp, out);
  return manifest;
}

function tempFile(dir: string, name: string) {
  return path.join(fs.mkdtempSync(path.join(dir, '.zqt-backup-')), name);
}

/**
 * Embedded mode: backs up the PGlite instance this process holds (the CLI with the folder's lock, or
 * the server). Inside one PGlite transaction — which holds PGlite's transaction lock, so no other
 * statement or transaction of the process runs meanwhile — every table is counted and the folder's
 * image taken: the counts are exactly the rows in the image.
 */
export async function backupPglite(client: PGlite, out: string): Promise<BackupManifest> {
  const work = tempFile(path.dirname(path.resolve(out)), 'datadir.tar.gz');
  try {
    const r = await client.transaction(async (tx) => {
      const tables = await countTables(tx);
      const migrations = await migrationTags(tx);
      const version = (await tx.query<{ v: string }>('SHOW server_version')).rows[0].v;
      const blob = await client.dumpDataDir('gzip');
      return { tables, migrations, version, blob };
    });
    fs.writeFileSync(work, Buffer.from(await r.blob.arrayBuffer()), { mode: 0o600 });
    return await writeContainer(out, base('pglite', r.migrations, r.version, r.tables), work, 'pglite-datadir-tar-gzip');
  } finally {
    fs.rmSync(path.dirname(work), { recursive: true, force: true });
  }
}

function base(kind: BackupManifest['kind'], migrations: string[], postgres: string, tables: Record<string, number>): Omit<BackupManifest, 'payload'> {
  return {
    format: 1,
    kind,
    appVersion: appVersion(),
    migrations,
    migrationLevel: migrations.at(-1) ?? '',
    postgres,
    createdAt: new Date().toISOString(),
    tables,
  };
}

/** Runs a PostgreSQL client program; rejects with its stderr. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', (e) =>
      reject(new BackupError(`无法运行 ${cmd}（请安装 PostgreSQL 15 客户端程序）: ${e.message} (cannot run ${cmd}: install the PostgreSQL 15 client tools)`)),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} 失败 (failed, exit ${code}): ${err.trim()}`))));
  });
}

/**
 * Server mode: pg_dump (custom format) of a snapshot exported by a REPEATABLE READ transaction in
 * which every table is counted. `url`: preferably the owner's connection (MIGRATION_DATABASE_URL);
 * the app role can read every table too.
 */
export async function backupPostgres(url: string, out: string): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const work = tempFile(path.dirname(path.resolve(out)), 'dump.pgcustom');
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [{ snapshot }] = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows;
    const tables = await countTables(client);
    const migrations = await migrationTags(client);
    const version = (await client.query<{ v: string }>('SHOW server_version')).rows[0].v;
    await run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--no-acl', `--file=${work}`, `--dbname=${url}`]);
    await client.query('COMMIT');
    return await writeContainer(out, base('postgres', migrations, version, tables), work, 'pg_dump-custom');
  } finally {
    await client.end().catch(() => {});
    fs.rmSync(path.dirname(work), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- reading and checking

/** Reads the header and manifest; `offset` is where the payload starts. */
export function readManifest(file: string): { manifest: BackupManifest; offset: number } {
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在：${file} (no such file)`);
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(1 << 20);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n);
    const nl1 = text.indexOf(10);
    if (nl1 < 0 || text.subarray(0, nl1).toString('utf8') !== BACKUP_MAGIC) {
      throw new BackupError('不是政企通备份文件，或文件头已损坏 (not a Zhengqitong backup, or its header is damaged)');
    }
    const nl2 = text.indexOf(10, nl1 + 1);
    let manifest: BackupManifest;
    try {
      if (nl2 < 0) throw new Error('no end of manifest');
      manifest = JSON.parse(text.subarray(nl1 + 1, nl2).toString('utf8')) as BackupManifest;
      if (manifest.format !== 1 || !manifest.payload?.sha256 || !manifest.tables) throw new Error('incomplete manifest');
    } catch {
      throw new BackupError('备份文件已损坏：清单无法读取 (the backup is damaged: its manifest cannot be read)');
    }
    return { manifest, offset: nl2 + 1 };
  } finally {
    fs.closeSync(fd);
  }
}

/** Refuses a backup of another app version or migration level (restore with the matching version, then `zqt migrate`). */
export function checkVersion(manifest: BackupManifest): void {
  const current = listMigrations().map((m) => m.tag);
  const version = appVersion();
  if (manifest.appVersion !== version || JSON.stringify(manifest.migrations) !== JSON.stringify(current)) {
    throw new BackupError(
      `版本不符：备份来自政企通 ${manifest.appVersion}（迁移 ${manifest.migrationLevel || '无'}），当前程序为 ${version}（迁移 ${current.at(-1)}）。` +
        '请用与备份相同版本的程序恢复，再运行 zqt migrate 升级。\n' +
        `Version mismatch: the backup is of ${manifest.appVersion} (migration ${manifest.migrationLevel}), this is ${version} (${current.at(-1)}). ` +
        'Restore with the matching version, then run zqt migrate.',
    );
  }
}

/** Copies the payload to `to` while hashing it; refuses a damaged file (size or sha256 differ). */
async function extractPayload(file: string, offset: number, manifest: BackupManifest, to: string): Promise<void> {
  const size = fs.statSync(file).size - offset;
  if (size !== manifest.payload.bytes) {
    throw new BackupError(
      `备份文件已损坏：数据部分应为 ${manifest.payload.bytes} 字节，实为 ${size} 字节（文件可能不完整）(the backup is damaged: payload size differs)`,
    );
  }
  const hash = crypto.createHash('sha256');
  await pipeline(
    fs.createReadStream(file, { start: offset }),
    async function* (src: AsyncIterable<Buffer>) {
      for await (const chunk of src) {
        hash.update(chunk);
        yield chunk;
      }
    },
    fs.createWriteStream(to, { mode: 0o600 }),
  );
  if (hash.digest('hex') !== manifest.payload.sha256) {
    throw new BackupError('备份文件已损坏：校验和（SHA-256）不符，拒绝恢复 (the backup is damaged: its SHA-256 checksum does not match)');
  }
}

/** Checks a backup without restoring it: manifest, version, checksum. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  const { manifest, offset } = readManifest(file);
  checkVersion(manifest);
  const work = tempFile(os.tmpdir(), 'payload');
  try {
    await extractPayload(file, offset, manifest, work);
  } finally {
    fs.rmSync(path.dirname(work), { recursive: true, force: true });
  }
  return manifest;
}

function countsMismatch(expected: Record<string, number>, got: Record<string, number>): string | undefined {
  const names = new Set([...Object.keys(expected), ...Object.keys(got)]);
  const diff = [...names].filter((t) => expected[t] !== got[t]).map((t) => `${t}: ${expected[t] ?? '无'} → ${got[t] ?? '无'}`);
  return diff.length ? diff.join('; ') : undefined;
}

export type RestoreResult = { manifest: BackupManifest; tables: Record<string, number> };

/** Embedded mode: restores into `dataDir`, which must not exist or be empty. */
export async function restorePglite(file: string, dataDir: string): Promise<RestoreResult> {
  const { manifest, offset } = readManifest(file);
  if (manifest.kind !== 'pglite') {
    throw new BackupError('这是服务器模式（PostgreSQL）的备份，请设置 DATABASE_URL 后恢复到数据库 (a server-mode backup: set DATABASE_URL)');
  }
  checkVersion(manifest);
  const dir = path.resolve(dataDir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new BackupError(`数据目录 ${dir} 不为空：只能恢复到空目录或新目录 (restore only into an empty or new folder)`);
  }
  const work = tempFile(os.tmpdir(), 'datadir.tar.gz');
  try {
    await extractPayload(file, offset, manifest, work);
    const lock = acquireDataDirLock(dir, 'zqt restore');
    let client: PGlite | undefined;
    try {
      client = await PGlite.create({ dataDir: dir, extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([fs.readFileSync(work)]) });
      // The image holds the lock file of the process that made it: this one holds the folder now.
      fs.writeFileSync(path.join(dir, LOCK_FILE), `${JSON.stringify(lock.holder)}\n`);
      const tables = await countTables(client);
      const diff = countsMismatch(manifest.tables, tables);
      if (diff) throw new BackupError(`恢复后的行数与清单不符 (row counts differ from the manifest): ${diff}`);
      return { manifest, tables };
    } finally {
      await client?.close();
      lock.release();
    }
  } finally {
    fs.rmSync(path.dirname(work), { recursive: true, force: true });
  }
}

/**
 * Server mode: restores into the database of `ownerUrl` (it must hold no table), as that role, then
 * grants the app role of `appUrl` (when it differs) as `zqt migrate` does.
 */
export async function restorePostgres(file: string, ownerUrl: string, appUrl?: string): Promise<RestoreResult> {
  const { manifest, offset } = readManifest(file);
  if (manifest.kind !== 'postgres') {
    throw new BackupError(
      '这是嵌入式模式（PGlite 数据目录）的备份，请不设置 DATABASE_URL、以 DATA_DIR 指定空目录后恢复 (an embedded backup: restore into DATA_DIR)',
    );
  }
  checkVersion(manifest);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const work = tempFile(os.tmpdir(), 'dump.pgcustom');
  try {
    const [{ n }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)).rows;
    if (Number(n) > 0) throw new BackupError(`目标数据库不为空（已有 ${n} 张表）：只能恢复到空数据库 (restore only into an empty database)`);
    await extractPayload(file, offset, manifest, work);
    await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${ownerUrl}`, work]);
    const tables = await countTables(client);
    const diff = countsMismatch(manifest.tables, tables);
    if (diff) throw new BackupError(`恢复后的行数与清单不符 (row counts differ from the manifest): ${diff}`);
    if (appUrl && appRoleFromUrl(appUrl).name !== appRoleFromUrl(ownerUrl).name) {
      const { openDatabase, MAINTENANCE_TIMEOUTS } = await import('./client.ts');
      const owner = await openDatabase({ databaseUrl: ownerUrl, poolMax: 1, timeouts: MAINTENANCE_TIMEOUTS });
      try {
        await applyAppRole(owner, appRoleFromUrl(appUrl));
      } finally {
        await owner.close();
      }
    }
    return { manifest, tables };
  } finally {
    await client.end().catch(() => {});
    fs.rmSync(path.dirname(work), { recursive: true, force: true });
  }
}
