// Applies the SQL migrations in server/drizzle/ in journal order, each in its own transaction,
// recording them in schema_migrations. Several instances starting at once serialise on an
// advisory lock, so each migration runs exactly once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './client.ts';
import { applyAppRole, hasAppGrants, type AppRole } from './roles.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');
const MIGRATION_LOCK_KEY = 7_370_000_001;

type JournalEntry = { idx: number; tag: string };

export function listMigrations(dir = MIGRATIONS_DIR): { tag: string; sql: string }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries.sort((a, b) => a.idx - b.idx).map((e) => ({ tag: e.tag, sql: fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8') }));
}

export class MigrationRightsError extends Error {}

/** What `migrate` would run (`zqt migrate --dry-run`), in order; nothing is changed. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const { db } = database;
  const [{ present }] = await queryRows<{ present: boolean }>(db, sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  const done = present ? await queryRows<{ tag: string }>(db, sql`SELECT tag FROM schema_migrations`) : [];
  const applied = new Set(done.map((r) => r.tag));
  return listMigrations()
    .filter((m) => !applied.has(m.tag))
    .map((m) => m.tag);
}

/**
 * Applies what is pending; then, when `appRole` is given, (re)applies the app role's grants
 * (db/roles.ts) under the same lock, so new tables are covered and instances do not race
 * (`regrant`: always — the default on the server and for `zqt migrate` — or only when needed).
 * Run by a role without DDL rights (the app role) it only checks that nothing is pending.
 */
export async function migrate(
  database: Database,
  opts: {
    appRole?: AppRole;
    regrant?: 'always' | 'when-needed' /** Stop after this migration (the upgrade test builds an older schema). */;
    upTo?: string;
  } = {},
): Promise<string[]> {
  return database.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    const { db } = database;
    const [{ present }] = await queryRows<{ present: boolean }>(db, sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
    const done = present ? await queryRows<{ tag: string }>(db, sql`SELECT tag FROM schema_migrations`) : [];
    const applied = new Set(done.map((r) => r.tag));
    const all = listMigrations();
    const last = opts.upTo ? all.findIndex((m) => m.tag === opts.upTo) : all.length - 1;
    if (last < 0) throw new Error(`未知的迁移 (unknown migration): ${opts.upTo}`);
    const pending = all.slice(0, last + 1).filter((m) => !applied.has(m.tag));
    if (pending.length) {
      const [rights] = await queryRows<{ ok: boolean }>(db, sql`SELECT has_schema_privilege(current_user, 'public', 'CREATE') AS ok`);
      if (!rights.ok) {
        throw new MigrationRightsError(
          `数据库有 ${pending.length} 个待执行的迁移（${pending[0].tag} …），当前连接的角色无权执行（它不是表的所有者）。` +
            '请设置 MIGRATION_DATABASE_URL 为所有者的连接，或先运行 zqt migrate --owner-url postgres://所有者@…\n' +
            `${pending.length} migration(s) pending and the connected role may not run them: set MIGRATION_DATABASE_URL to the owner's connection or run zqt migrate --owner-url first.`,
        );
      }
    }
    if (!present) {
      await db.execute(sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    }
    const ran: string[] = [];
    for (const m of pending) {
      const statements = m.sql
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean);
      await db.transaction(async (tx) => {
        for (const s of statements) await tx.execute(sql.raw(s));
        await tx.execute(sql`INSERT INTO schema_migrations (tag) VALUES (${m.tag})`);
      });
      ran.push(m.tag);
    }
    // 'when-needed' (embedded start, where catalog writes are slow): after a migration, or when the role
    // is missing or lacks its grants; new tables only ever come from migrations.
    if (opts.appRole && (opts.regrant !== 'when-needed' || ran.length || !(await hasAppGrants(database, opts.appRole.name)))) {
      await applyAppRole(database, opts.appRole);
    }
    return ran;
  });
}
