// Opening the database the way every entry point does: connect, migrate, ensure reference data.
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureTenants } from './seed/tenants.ts';

export async function openMigratedDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolMax'>): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.dbPoolMax });
  try {
    await migrate(database);
    await database.db.transaction((tx) => ensureTenants(tx));
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
