// Several stateless app instances behind a load balancer on one PostgreSQL (issue 8, docs/SCALING.md):
// two complete apps, each with its own connection pool, share nothing but the database. A session
// made on one is honoured by the other (sessions, CSRF token, rate limits live in PostgreSQL); a
// write through one is seen by the other; logging out on one ends the session on both; the SLA
// sweep, run by both instances' schedulers in the same minute, runs once.
// Two processes cannot open one embedded PGlite folder, so this runs against the server only
// (CI runs the suite a second time with DATABASE_URL).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { runDueTasks, type TaskDef } from '../../src/jobs/scheduler.ts';
import { slaSweepTask } from '../../src/jobs/tasks.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUser, TEST_PASSWORD } from '../helpers/factory.ts';
import { appealRow, at, eventsOf, insertAppeal } from '../jobs/helpers.ts';

const url = process.env.DATABASE_URL;
const skip = !url && 'two instances need the PostgreSQL server (DATABASE_URL): one PGlite folder opens in one process';

type Instance = { app: FastifyInstance; database: Database };
const instances: Instance[] = [];

async function instance(): Promise<Instance> {
  const database = await openDatabase({ databaseUrl: url, poolMax: 3 });
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url ?? '' }), database });
  await app.ready();
  const i = { app, database };
  instances.push(i);
  return i;
}

// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('two instances', () => {
  after(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.database.close();
    }
  });

  test('a session made on instance A works on instance B; a write on B is seen on A; logout on B ends it on A', { skip }, async () => {
    const db = (await testDatabase()).db; // migrated test database
    const { province, unit } = await createScene(db);
    const user = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id, signIn: false });
    const [a, b] = [await instance(), await instance()];

    const login = await a.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    const sid = login.cookies.find((c) => c.name === 'zqt_sid')!.value;
    const csrf = login.json().csrfToken as string;
    const onB = await b.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `zqt_sid=${sid}` } });
    assert.equal(onB.statusCode, 200);
    assert.equal(onB.json().user.username, user.username);

    // A CSRF-checked write through B: refused without the token, accepted with the one A issued; A sees its effect.
    const noToken = await b.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: `zqt_sid=${sid}` }, payload: {} });
    assert.equal(noToken.statusCode, 403);
    const readAll = await b.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: `zqt_sid=${sid}`, 'x-csrf-token': csrf },
      payload: {},
    });
    assert.ok(readAll.statusCode < 300, readAll.body);
    const count = await a.app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: { cookie: `zqt_sid=${sid}` } });
    assert.equal(count.statusCode, 200);
    assert.equal(count.json().count, 0);

    const out = await b.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `zqt_sid=${sid}`, 'x-csrf-token': csrf } });
    assert.equal(out.statusCode, 204);
    assert.equal((await a.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `zqt_sid=${sid}` } })).statusCode, 401);
  });

  test('R6.2 the SLA sweep of both instances in the same minute runs once: one overdue mark, one urge', { skip }, async () => {
    const db = (await testDatabase()).db;
    const { province, unit } = await createScene(db);
    const id = await insertAppeal(db, province.id, {
      state: 'handling',
      leadUnitId: unit.id,
      contactDueAt: at('2026-03-10T09:00:00'),
      opinionDueAt: at('2026-03-12'),
      resolutionDueAt: at('2026-03-31'),
    });
    const [a, b] = [await instance(), await instance()];
    // The real sweep task under a task row of its own, run for this test's tenant only (the test
    // database is shared with other test files).
    const sweep: TaskDef = { ...slaSweepTask, name: `sla-sweep-${crypto.randomUUID()}` };
    const now = at('2026-03-10T10:00:30');
    const runs = (
      await Promise.all([
        runDueTasks(a.database.db, now, { tasks: [sweep], tenantIds: [province.id], instance: 'A' }),
        runDueTasks(b.database.db, now, { tasks: [sweep], tenantIds: [province.id], instance: 'B' }),
      ])
    ).flat();
    assert.equal(runs.length, 1, 'one instance ran it, the other found it taken');
    assert.ok(runs[0].ok, runs[0].error);
    // Later in the same minute neither runs it again.
    const again = (
      await Promise.all([
        runDueTasks(a.database.db, at('2026-03-10T10:00:50'), { tasks: [sweep], tenantIds: [province.id] }),
        runDueTasks(b.database.db, at('2026-03-10T10:00:55'), { tasks: [sweep], tenantIds: [province.id] }),
      ])
    ).flat();
    assert.equal(again.length, 0);
    assert.equal((await appealRow(db, id)).urge_count, 1);
    assert.deepEqual(
      (await eventsOf(db, id)).map((e) => e.type),
      ['overdue', 'urge'],
    );
  });
});
