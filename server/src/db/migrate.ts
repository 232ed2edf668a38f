// Applies the SQL migrations in server/drizzle/ in journal order, each in its own transaction,
// recording them in schema_migrations. Several instances starting at once serialise on an
// advisory lock, so each migration runs exactly once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './client.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');
const MIGRATION_LOCK_KEY = 7_370_000_001;

type JournalEntry = { idx: number; tag: string };

export function listMigrations(dir = MIGRATIONS_DIR): { tag: string; sql: string }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({ tag: e.tag, sql: fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8') }));
}

export async function migrate(database: Database): Promise<string[]> {
  return database.withAdvisoryLock(MIGRATION_LOCK_KEY, async () => {
    const { db } = database;
    await db.execute(sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await queryRows<{ tag: string }>(db, sql`SELECT tag FROM schema_migrations`);
    const applied = new Set(done.map((r) => r.tag));
    const ran: string[] = [];
    for (const m of listMigrations()) {
      if (applied.has(m.tag)) continue;
      const statements = m.sql.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
      await db.transaction(async (tx) => {
        for (const s of statements) await tx.execute(sql.raw(s));
        await tx.execute(sql`INSERT INTO schema_migrations (tag) VALUES (${m.tag})`);
      });
      ran.push(m.tag);
    }
    return ran;
  });
}
