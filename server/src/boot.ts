// Opening the database the way every entry point does: connect (embedded: take the data folder's
// lock), migrate, apply the app role's grants, ensure reference data.
//
// Server mode (issue 12 item 5): with MIGRATION_DATABASE_URL the owner migrates and (re)grants the
// role of DATABASE_URL, then the app connects as that role, which owns nothing. Without it the app
// migrates over DATABASE_URL itself (a single-role setup; appRoleWarning says why that is weaker),
// and a role without DDL rights only finds nothing pending. Embedded mode: PGlite has one session;
// after migrating as its superuser the session switches to the role zqt_app (SET ROLE).
import type { Config, DbTimeouts } from './config.ts';
import { MAINTENANCE_TIMEOUTS, openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { EMBEDDED_APP_ROLE, actAsAppRole, appRoleFromUrl, rolePowers } from './db/roles.ts';
import { ensureTenants } from './seed/tenants.ts';

export type OpenOptions = {
  /** Bulk and maintenance work (gen, imports): no statement or query timeout. */
  maintenance?: boolean;
  /** Overrides config.dbPoolMax. */
  poolMax?: number;
  /** Overrides the timeouts (e.g. the background tasks' pool). */
  timeouts?: Partial<DbTimeouts>;
};

type BootConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolMax' | 'migrationDatabaseUrl'> & Partial<Pick<Config, 'dbTimeouts'>>;

/**
 * Migrates over `url` on a connection of its own without the requests' timeouts: a migration may build
 * an index over every appeal (0039–0040 at 1M: ≈ 15 s each, past DB_STATEMENT_TIMEOUT_MS).
 */
async function migrateOn(url: string, opts?: Parameters<typeof migrate>[1]): Promise<string[]> {
  const maintenance = await openDatabase({ databaseUrl: url, poolMax: 2, timeouts: MAINTENANCE_TIMEOUTS });
  try {
    return await migrate(maintenance, opts);
  } finally {
    await maintenance.close();
  }
}

/** `zqt migrate --owner-url` and the server's start: migrate as the owner, then grant the app role of appUrl. */
export async function migrateAsOwner(ownerUrl: string, appUrl: string): Promise<string[]> {
  return migrateOn(ownerUrl, { appRole: appRoleFromUrl(appUrl) });
}

export async function openMigratedDatabase(config: BootConfig, opts: OpenOptions = {}): Promise<Database> {
  if (config.databaseUrl && config.migrationDatabaseUrl) await migrateAsOwner(config.migrationDatabaseUrl, config.databaseUrl);
  // One URL for both (a developer's, or a role that owns the tables): migrated the same way, without the requests' timeouts.
  else if (config.databaseUrl) await migrateOn(config.databaseUrl);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: opts.poolMax ?? config.dbPoolMax,
    timeouts: opts.maintenance ? MAINTENANCE_TIMEOUTS : { ...config.dbTimeouts, ...opts.timeouts },
  });
  try {
    if (database.kind === 'pglite') {
      await migrate(database, { appRole: { name: EMBEDDED_APP_ROLE, login: false }, regrant: 'when-needed' });
      await actAsAppRole(database);
    }
    await database.db.transaction((tx) => ensureTenants(tx));
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * A line for stderr when the app's connection could switch off the audit log's protection: it is
 * a superuser or owns the tables (server mode without a separate app role). Undefined otherwise.
 */
export async function appRoleWarning(database: Database): Promise<string | undefined> {
  const p = await rolePowers(database.db);
  if (!p.superuser && p.ownsTables === 0 && !p.canCreate) return undefined;
  const what = p.superuser ? '超级用户' : p.ownsTables ? `${p.ownsTables} 张表的所有者` : '可建表的角色';
  return (
    `警告：应用以数据库角色 ${p.role}（${what}）连接，它可以停用审计日志的只追加保护。` +
    '请用 MIGRATION_DATABASE_URL 指定所有者、DATABASE_URL 指定一个不拥有任何对象的应用角色（见 README）。\n' +
    `Warning: the app connects as ${p.role} (${p.superuser ? 'superuser' : p.ownsTables ? 'owner of tables' : 'may create tables'}), which can switch off the audit log's append-only protection. ` +
    'Set MIGRATION_DATABASE_URL to the owner and DATABASE_URL to an app role that owns nothing (README).'
  );
}

/**
 * The background tasks' database: on the server a small pool of their own, with a longer statement
 * timeout (the first figures roll-up at 1M appeals) than the requests' (DB_STATEMENT_TIMEOUT_MS);
 * embedded, the one PGlite. Closing it is the caller's when it is not `database`.
 */
export async function openJobsDatabase(config: Pick<Config, 'databaseUrl' | 'dbTimeouts' | 'dbJobsStatementTimeoutMs'>, database: Database): Promise<Database> {
  if (database.kind !== 'postgres') return database;
  return openDatabase({
    databaseUrl: config.databaseUrl,
    poolMax: 2,
    timeouts: {
      ...config.dbTimeouts,
      statementMs: config.dbJobsStatementTimeoutMs,
      queryMs: config.dbJobsStatementTimeoutMs ? config.dbJobsStatementTimeoutMs + 2_000 : 0,
    },
  });
}
