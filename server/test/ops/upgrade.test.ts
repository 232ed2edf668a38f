// Issue 21 upgrades: the previous release's demo data (test/fixtures/upgrade/demo-<level>.sql.gz,
// written by scripts/make-upgrade-fixture.ts from that release's schema) is loaded into a schema built
// up to its migration level, migrated to the current schema, and checked: no table lost rows (a
// migration never drops data without an explicit, documented step), the app starts on it and the demo
// accounts sign in and read appeals, one appeal's detail and the audit log. `zqt migrate --dry-run`
// lists what would run and changes nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, queryRows, type Database } from '../../src/db/client.ts';
import { listMigrations, migrate, pendingMigrations } from '../../src/db/migrate.ts';
import { EMBEDDED_APP_ROLE, actAsAppRole, appRoleFromUrl } from '../../src/db/roles.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { ownerDatabaseUrl } from '../helpers/db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/upgrade');
const fixture = fs
  .readdirSync(FIXTURES)
  .filter((f) => /^demo-.+\.sql\.gz$/.test(f))
  .sort()
  .at(-1)!;
const level = fixture.replace(/^demo-/, '').replace(/\.sql\.gz$/, '');
const script = zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, fixture))).toString('utf8');

const cleanups: (() => Promise<void>)[] = [];
// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('upgrade', () => {
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  /** Rows per table in the fixture (one INSERT per row). */
  function fixtureCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of script.matchAll(/^INSERT INTO public\.(\w+) /gm)) out[m[1]] = (out[m[1]] ?? 0) + 1;
    return out;
  }

  /** A new empty database as its owner (PGlite in memory, or a new database on the server) and, on the server, the app's URL. */
  async function emptyDatabase(): Promise<{ owner: Database; appUrl?: string }> {
    const ownerUrl = ownerDatabaseUrl();
    if (!ownerUrl) {
      const owner = await openDatabase({});
      cleanups.push(() => owner.close());
      return { owner };
    }
    const name = `zqt_upgrade_${process.pid}`;
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(ownerUrl);
    u.pathname = `/${name}`;
    const a = new URL(process.env.DATABASE_URL!);
    a.pathname = `/${name}`;
    const owner = await openDatabase({ databaseUrl: u.toString(), poolMax: 2 });
    cleanups.push(async () => {
      await owner.close();
      const d = new pg.Client({ connectionString: ownerUrl });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    });
    return { owner, appUrl: a.toString() };
  }

  test(`issue 21 upgrade: the demo data of ${level} migrates to the current schema without losing rows, and the app works on it`, async () => {
    const { owner, appUrl } = await emptyDatabase();
    const all = listMigrations().map((m) => m.tag);
    assert.ok(all.includes(level), `the fixture's level ${level} is a known migration`);
    await migrate(owner, { upTo: level });
    // pg_dump's script empties search_path for its session: one message, reset at its end.
    await owner.exec(`${script}\nRESET ALL;`);
    const expectedPending = all.slice(all.indexOf(level) + 1);
    // --dry-run lists exactly what will run, and changes nothing.
    assert.deepEqual(await pendingMigrations(owner), expectedPending);
    assert.deepEqual(await pendingMigrations(owner), expectedPending);
    const appRole = appUrl ? appRoleFromUrl(appUrl) : { name: EMBEDDED_APP_ROLE, login: false };
    assert.deepEqual(await migrate(owner, { appRole }), expectedPending);
    assert.deepEqual(await pendingMigrations(owner), []);

    for (const [table, n] of Object.entries(fixtureCounts())) {
      const [r] = await queryRows<{ n: number }>(owner.db, sql.raw(`SELECT count(*)::int AS n FROM "${table}"`));
      assert.ok(r.n >= n, `${table}: ${r.n} rows after the upgrade, ${n} in the fixture`);
    }

    // Smoke checks: the app on the upgraded database, as its app role.
    let database = owner;
    if (appUrl) {
      database = await openDatabase({ databaseUrl: appUrl, poolMax: 2 });
      cleanups.push(() => database.close());
    } else {
      await actAsAppRole(owner);
    }
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' }), database });
    cleanups.push(() => app.close());
    await app.ready();
    assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    const signIn = async (username: string) => {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      assert.equal(r.statusCode, 200, r.body);
      const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return (url: string) => app.inject({ method: 'GET', url, headers: { cookie, 'x-csrf-token': r.json().csrfToken } });
    };
    const intake = await signIn('intake');
    const list = await intake('/api/appeals?pageSize=5');
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json().total > 0);
    const one = await intake(`/api/appeals/${list.json().items[0].id}`);
    assert.equal(one.statusCode, 200, one.body);
    assert.ok(one.json().events.length > 0);
    const auditor = await signIn('auditor');
    const log = await auditor('/api/audit?pageSize=5');
    assert.equal(log.statusCode, 200, log.body);
    assert.ok(log.json().total > 0);
  });
});
