// The test database: embedded PGlite (in memory, freshly migrated, one per test process) by
// default; the PostgreSQL server when DATABASE_URL is set (migrated once, shared — tests stay
// independent by creating a fresh tenant each, never by truncating).
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';

let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, poolMax: 5 });
    await migrate(database);
    return database;
  })();
  return shared;
}

export async function closeTestDatabase() {
  if (!shared) return;
  const d = await shared;
  shared = undefined;
  await d.close();
}
