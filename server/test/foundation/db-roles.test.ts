// Issue 12 item 5: the audit log's protection does not depend on who the app is. The app connects as
// a role that owns nothing (PGlite: SET ROLE zqt_app after migrating; the server: the role of
// DATABASE_URL, granted by the owner's migration), so the app's own connection cannot edit or empty
// the audit log, switch its trigger off, or change the schema — whatever SQL it runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { APPEND_ONLY_TABLES, EMBEDDED_APP_ROLE, MOVE_ONLY_TABLES, READ_ONLY_TABLES, appRoleFromUrl, rolePowers } from '../../src/db/roles.ts';
import { ZQT } from '../helpers/cli.ts';
import { asOwner, ownerDatabaseUrl, testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUser } from '../helpers/factory.ts';
import { call, testApp } from '../helpers/app.ts';

const denied = (err: Error & { cause?: Error }) => /permission denied|must be owner|must be superuser/.test(`${err.message} ${err.cause?.message ?? ''}`);

test('issue 12 item 5: the app connection cannot UPDATE, DELETE or TRUNCATE audit_log, disable its triggers, DROP, CREATE or ALTER anything', async () => {
  const database = await testDatabase();
  const db = database.db;
  const { province } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const { app } = await testApp();
  // The app writes audit rows as usual.
  const created = await call(app, admin, { method: 'POST', url: '/api/units', payload: { name: '权限测试处', kind: 'business' } });
  assert.equal(created.statusCode, 201, created.body);
  const [row] = await auditRows(db, province.id);
  assert.equal(row.action, 'unit.create');

  const attempts = [
    sql`UPDATE audit_log SET summary = 'x' WHERE id = ${row.id}`,
    sql`DELETE FROM audit_log WHERE id = ${row.id}`,
    sql`TRUNCATE audit_log`,
    sql`TRUNCATE appeals CASCADE`,
    sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`,
    sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`,
    sql`DROP TRIGGER audit_log_no_update_delete ON audit_log`,
    sql`DROP TABLE audit_log`,
    sql`DROP TABLE appeals CASCADE`,
    sql`DROP FUNCTION audit_log_refuse_change() CASCADE`,
    sql`CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$`,
    sql`ALTER TABLE audit_log OWNER TO CURRENT_USER`,
    sql`CREATE TABLE scratch_by_app (x int)`,
    sql`SET session_replication_role = replica`,
    sql`DELETE FROM appeal_events`,
    sql`UPDATE appeal_events SET payload = '{}'::jsonb`,
    sql`DELETE FROM appeal_messages`,
    sql`UPDATE appeal_messages SET body = 'x'`,
    sql`INSERT INTO schema_migrations (tag) VALUES ('forged')`,
    sql`DELETE FROM schema_migrations`,
  ];
  for (const [i, q] of attempts.entries()) {
    await assert.rejects(db.execute(q), denied, `attempt ${i} was not refused`);
  }
  assert.equal((await auditRows(db, province.id))[0].summary, row.summary, 'the audit row is unchanged');
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE id = ${row.id}`);
  assert.equal(n, 1);

  const powers = await rolePowers(db);
  assert.equal(powers.superuser, false);
  assert.equal(powers.ownsTables, 0);
  assert.equal(powers.canCreate, false);
  if (database.kind === 'pglite') assert.equal(powers.role, EMBEDDED_APP_ROLE);
  else assert.equal(powers.role, appRoleFromUrl(process.env.DATABASE_URL!).name);
});

test('issue 12 item 5: the app role holds exactly its grants on every table (new tables included), and re-applying them is idempotent', async () => {
  const db = (await testDatabase()).db;
  const check = async () => {
    const grants = await queryRows<{ table_name: string; privilege_type: string }>(
      db,
      sql`SELECT table_name, privilege_type FROM information_schema.role_table_grants
          WHERE grantee = current_user AND table_schema = 'public'`,
    );
    const tables = await queryRows<{ name: string }>(db, sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    assert.ok(tables.length > 30);
    const byTable = new Map<string, string[]>();
    for (const g of grants) byTable.set(g.table_name, [...(byTable.get(g.table_name) ?? []), g.privilege_type].sort());
    for (const { name } of tables) {
      const expected =
        (APPEND_ONLY_TABLES as readonly string[]).includes(name) || (MOVE_ONLY_TABLES as readonly string[]).includes(name)
          ? ['INSERT', 'SELECT']
          : (READ_ONLY_TABLES as readonly string[]).includes(name)
            ? ['SELECT']
            : ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];
      assert.deepEqual(byTable.get(name), expected, name);
    }
    // The timeline and the thread move with a transferred appeal (R3.2): UPDATE of tenant_id only.
    const cols = await queryRows<{ table_name: string; column_name: string }>(
      db,
      sql`SELECT table_name, column_name FROM information_schema.column_privileges
          WHERE grantee = current_user AND table_schema = 'public' AND privilege_type = 'UPDATE'
            AND table_name IN ('appeal_events', 'appeal_messages', 'audit_log')`,
    );
    assert.deepEqual(cols.map((c) => `${c.table_name}.${c.column_name}`).sort(), ['appeal_events.tenant_id', 'appeal_messages.tenant_id']);
  };
  await check();
  await asOwner(async (owner) => {
    const role = owner.kind === 'pglite' ? { name: EMBEDDED_APP_ROLE, login: false } : appRoleFromUrl(process.env.DATABASE_URL!);
    assert.deepEqual(await migrate(owner, { appRole: role }), []);
    assert.deepEqual(await migrate(owner, { appRole: role }), []);
  });
  await check();
});

test('issue 12 item 5: zqt migrate --owner-url grants the role of DATABASE_URL, twice without change; the app role alone is told what to do', {
  skip: !process.env.DATABASE_URL && 'the server has roles to log in as; PGlite is covered above',
}, () => {
  const run = (args: string[], env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, [...ZQT, 'migrate', ...args], {
      env: { ...process.env, MIGRATION_DATABASE_URL: '', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });
  for (let i = 0; i < 2; i++) {
    const r = run(['--owner-url', ownerDatabaseUrl()!], {});
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { applied: [], appRole: appRoleFromUrl(process.env.DATABASE_URL!).name });
  }
  // As the app role alone nothing is pending, so it succeeds without DDL; it cannot grant itself anything.
  const alone = run([], {});
  assert.equal(alone.status, 0, alone.stderr);
  assert.deepEqual(JSON.parse(alone.stdout), { applied: [] });
  const bad = run(['--owner-url', 'mysql://x'], {});
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--owner-url/);
});
