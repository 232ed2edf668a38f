// The app's database role (issue 12 item 5). The append-only triggers on audit_log, appeal_events
// and appeal_messages stop UPDATE/DELETE/TRUNCATE, but a table's owner (or a superuser) can disable
// a trigger or drop the table. So the app connects as a role that owns nothing: it may read and
// write business rows, only SELECT + INSERT the audit log, only move timeline and message rows to
// another tenant (UPDATE of tenant_id alone, R3.2 transfer to a city), use sequences, and nothing
// else — no DDL, no TRUNCATE, no superuser. Migrations run as the owner, which then (re)applies
// these grants, so every new table is covered.
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type DbOrTx } from './client.ts';

/** The embedded database's app role (PGlite: one process, one session; SET ROLE after migrating). */
export const EMBEDDED_APP_ROLE = 'zqt_app';

/** SELECT + INSERT only. */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_archives'] as const;
/** SELECT + INSERT + UPDATE (tenant_id) only; the trigger refuses any other change too. */
export const MOVE_ONLY_TABLES = ['appeal_events', 'appeal_messages'] as const;
/** SELECT only (the migration runner's own table). */
export const READ_ONLY_TABLES = ['schema_migrations'] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export type AppRole = { name: string; password?: string; login: boolean };

/** The role named in the app's DATABASE_URL (with its password, which the owner sets on it). */
export function appRoleFromUrl(url: string): AppRole {
  const u = new URL(url);
  const name = decodeURIComponent(u.username || process.env.PGUSER || 'postgres');
  return { name, password: u.password ? decodeURIComponent(u.password) : undefined, login: true };
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Creates or updates the role and (re)applies its grants; idempotent. Run as the owner of the
 * tables (after every migration).
 */
export async function applyAppRole(database: Database, role: AppRole): Promise<void> {
  if (!ROLE_NAME.test(role.name)) throw new Error(`应用数据库角色名不合法 (invalid app role name): ${role.name}`);
  const db = database.db;
  const [me] = await queryRows<{ name: string }>(db, sql`SELECT current_user AS name`);
  if (me.name === role.name) throw new Error(`应用角色 ${role.name} 不能是表的所有者 (the app role must not be the owner that migrates)`);
  const r = ident(role.name);
  // Roles are cluster-wide: processes migrating other databases may touch this one at the same time,
  // so it is created only when missing (a concurrent creation is fine) and altered only when it differs.
  const [cur] = await queryRows<{ login: boolean; elevated: boolean }>(
    db,
    sql`SELECT rolcanlogin AS login, (rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls OR NOT rolinherit) AS elevated
      FROM pg_roles WHERE rolname = ${role.name}`,
  );
  const attrs = `${role.login ? 'LOGIN' : 'NOLOGIN'} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT`;
  const password = role.password !== undefined ? ` PASSWORD ${literal(role.password)}` : '';
  if (!cur) {
    try {
      await database.exec(`CREATE ROLE ${r} WITH ${attrs}${password}`);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  } else if (cur.elevated || cur.login !== role.login || password) {
    await database.exec(`ALTER ROLE ${r} WITH ${attrs}${password}`);
  }
  const [dbName] = await queryRows<{ name: string }>(db, sql`SELECT current_database() AS name`);
  // The role may have been made a member of the owner (or of anyone) by hand: that would hand back the owner's powers.
  const memberships = await queryRows<{ name: string }>(
    db,
    sql`SELECT g.rolname AS name FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ${role.name}`,
  );
  const statements = [
    ...memberships.map((m) => `REVOKE ${ident(m.name)} FROM ${r}`),
    `GRANT CONNECT ON DATABASE ${ident(dbName.name)} TO ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE CREATE ON SCHEMA public FROM ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE INSERT, UPDATE, DELETE ON ${[...APPEND_ONLY_TABLES, ...MOVE_ONLY_TABLES, ...READ_ONLY_TABLES].join(', ')} FROM ${r}`,
    `GRANT INSERT ON ${[...APPEND_ONLY_TABLES, ...MOVE_ONLY_TABLES].join(', ')} TO ${r}`,
    ...MOVE_ONLY_TABLES.map((t) => `GRANT UPDATE (tenant_id) ON ${t} TO ${r}`),
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
  ];
  // One simple-query message = one implicit transaction: sessions of the running app (other instances,
  // other test processes) see the old grants until the new ones commit, never the gap between the
  // REVOKE ALL and the GRANTs.
  await database.exec(statements.join(';\n'));
}

function isDuplicate(err: unknown): boolean {
  for (let e = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) if ((e as { code?: string }).code === '42710') return true;
  return false;
}

/** The role exists and holds its grants on every table (a cheap check before re-granting). */
export async function hasAppGrants(database: Database, role: string): Promise<boolean> {
  const [r] = await queryRows<{ ok: boolean }>(
    database.db,
    sql`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${role})
      AND NOT EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public'
        AND NOT has_table_privilege(${role}, format('%I.%I', t.schemaname, t.tablename), 'SELECT')) AS ok`,
  );
  return r.ok;
}

export type RolePowers = { role: string; superuser: boolean; ownsTables: number; canCreate: boolean };

/** What the connected role could do beyond the app's grants (a warning at start when it is the owner). */
export async function rolePowers(db: DbOrTx): Promise<RolePowers> {
  const [r] = await queryRows<RolePowers>(
    db,
    sql`SELECT current_user AS role,
      (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
      (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND pg_has_role(current_user, tableowner, 'USAGE')) AS "ownsTables",
      has_schema_privilege(current_user, 'public', 'CREATE') AS "canCreate"`,
  );
  return r;
}

/** Embedded mode: from here on the one session acts as the app role (RESET ROLE would undo it: see README). */
export async function actAsAppRole(database: Database): Promise<void> {
  await database.exec(`SET ROLE ${ident(EMBEDDED_APP_ROLE)}`);
}
