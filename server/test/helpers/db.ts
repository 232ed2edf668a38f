// The test database: embedded PGlite (in memory, freshly migrated, one per test process) by
// default; the PostgreSQL server when DATABASE_URL is set (migrated once, shared — tests stay
// independent by creating a fresh tenant each, never by truncating).
//
// Either way the tests run as the app role that owns nothing (issue 12 item 5), as the app does:
// PGlite migrates as its superuser, then SET ROLE zqt_app; on the server the owner
// (MIGRATION_DATABASE_URL, as .ci/run sets it) migrates and grants the role of DATABASE_URL. When only
// DATABASE_URL is given (a developer's `DATABASE_URL=postgres://postgres@…`), that URL is taken as the
// owner and the tests connect as the role zqt_test_app on the same database; process.env is set to
// match, so tests that open their own connections or spawn processes use the same two roles.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { EMBEDDED_APP_ROLE, actAsAppRole, appRoleFromUrl } from '../../src/db/roles.ts';

export const TEST_APP_ROLE = 'zqt_test_app';

if (process.env.DATABASE_URL && !process.env.MIGRATION_DATABASE_URL) {
  const owner = process.env.DATABASE_URL;
  const app = new URL(owner);
  app.username = TEST_APP_ROLE;
  app.password = '';
  process.env.MIGRATION_DATABASE_URL = owner;
  process.env.DATABASE_URL = app.toString();
}

let shared: Promise<Database> | undefined;

// Every test file closes its database when its tests are done: PGlite keeps a timer of its own
// armed while open, and the file's process would wait for it.
after(() => closeTestDatabase());

/** The owner's connection string on the server (migrations, CREATE DATABASE); undefined on PGlite. */
export const ownerDatabaseUrl = (): string | undefined => process.env.MIGRATION_DATABASE_URL || undefined;

export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL || undefined;
    if (!url) {
      const database = await migratedEmbedded();
      await actAsAppRole(database);
      return database;
    }
    const owner = await openDatabase({ databaseUrl: ownerDatabaseUrl(), poolMax: 2 });
    try {
      await migrate(owner, { appRole: appRoleFromUrl(url) });
    } finally {
      await owner.close();
    }
    return openDatabase({ databaseUrl: url, poolMax: 5 });
  })();
  return shared;
}

/**
 * A freshly migrated in-memory PGlite. Creating one (initdb in WebAssembly, then every migration)
 * costs about 4 s, once per test file; so the first file to need it dumps the migrated data folder
 * to the OS temp folder, keyed by the migrations' and PGlite's content, and every later file loads
 * that dump (about 0.6 s). The database is the same either way: a new key, a new dump.
 */
async function migratedEmbedded(): Promise<Database> {
  const key = createHash('sha256');
  for (const m of listMigrations()) key.update(m.tag).update('\0').update(m.sql);
  key.update(fs.readFileSync(path.join(import.meta.dirname, '../../src/db/migrate.ts')));
  key.update(fs.readFileSync(path.join(import.meta.dirname, '../../src/db/roles.ts')));
  key.update(fs.readFileSync(path.join(import.meta.dirname, '../../../node_modules/@electric-sql/pglite/package.json')));
  const file = path.join(os.tmpdir(), `zqt-test-template-${key.digest('hex').slice(0, 16)}.tar`);
  if (fs.existsSync(file)) {
    try {
      return await openDatabase({ poolMax: 5, loadDataDir: new Blob([fs.readFileSync(file)]) });
    } catch {
      fs.rmSync(file, { force: true }); // a damaged dump: make a new one below
    }
  }
  const database = await openDatabase({ poolMax: 5 });
  await migrate(database, { appRole: { name: EMBEDDED_APP_ROLE, login: false } });
  await database.exec('CHECKPOINT');
  const dump = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, dump);
  fs.renameSync(partial, file); // atomic: a parallel file reads a whole dump or none
  return database;
}

export async function closeTestDatabase() {
  if (!shared) return;
  const d = await shared;
  shared = undefined;
  await d.close();
}

/**
 * Runs fn as the owner of the tables (tests of what only the owner may do, e.g. that the
 * append-only trigger holds even for it). PGlite: RESET ROLE on the one session, then back to the
 * app role; the server: a connection of the owner's own.
 */
export async function asOwner<T>(fn: (owner: Database) => Promise<T>): Promise<T> {
  const database = await testDatabase();
  if (database.kind === 'pglite') {
    await database.exec('RESET ROLE');
    try {
      return await fn(database);
    } finally {
      await actAsAppRole(database);
    }
  }
  const owner = await openDatabase({ databaseUrl: ownerDatabaseUrl(), poolMax: 2 });
  try {
    return await fn(owner);
  } finally {
    await owner.close();
  }
}
