// Scheduled tasks run once across app instances sharing one database (PRODUCT.md "Shape of the
// system"): two concurrent runDueTasks calls — two instances — run a due task exactly once.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { nextSlot, runDueTasks, type TaskDef } from '../../src/jobs/scheduler.ts';
import { slaSweep } from '../../src/jobs/sla-sweep.ts';
import { appealClock } from '../../src/modules/appeals/appeals.service.ts';
import { testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene } from '../helpers/factory.ts';
import { appealRow, at, eventsOf, insertAppeal } from './helpers.ts';

const NOW = at('2026-03-10T10:00:30');
const realNow = appealClock.now;
before(() => {
  appealClock.now = () => NOW;
});
after(() => {
  appealClock.now = realNow;
});

const counter = (name = `test-${crypto.randomUUID()}`, delayMs = 50) => {
  const c = { runs: 0, task: undefined as unknown as TaskDef };
  c.task = {
    name,
    intervalSeconds: 60,
    run: async ({ state }) => {
      c.runs++;
      await new Promise((r) => setTimeout(r, delayMs));
      return { state: { seen: ((state.seen as number) ?? 0) + 1 } };
    },
  };
  return c;
};

test('a due task runs once when two instances call runDueTasks at the same time', async () => {
  await testApp();
  const db = (await testDatabase()).db;
  const c = counter();
  const [a, b] = await Promise.all([runDueTasks(db, NOW, { tasks: [c.task], instance: 'A' }), runDueTasks(db, NOW, { tasks: [c.task], instance: 'B' })]);
  assert.equal(c.runs, 1);
  assert.equal(a.length + b.length, 1);
  // Not due again within the same minute; due at the next slot, with its state carried over.
  assert.deepEqual(await runDueTasks(db, at('2026-03-10T10:00:59'), { tasks: [c.task] }), []);
  const next = await runDueTasks(db, nextSlot(NOW, 60), { tasks: [c.task] });
  assert.equal(next.length, 1);
  assert.equal(c.runs, 2);
});

test('a failing task is recorded and retried at its next slot; a crashed run is retaken after its lease', async () => {
  await testApp();
  const db = (await testDatabase()).db;
  let calls = 0;
  const task: TaskDef = {
    name: `fail-${crypto.randomUUID()}`,
    intervalSeconds: 60,
    leaseSeconds: 120,
    run: async () => {
      calls++;
      throw new Error('boom');
    },
  };
  const [r] = await runDueTasks(db, NOW, { tasks: [task] });
  assert.equal(r.ok, false);
  assert.equal(r.error, 'boom');
  assert.equal((await runDueTasks(db, nextSlot(NOW, 60), { tasks: [task] })).length, 1);
  assert.equal(calls, 2);
  // An instance that claimed the task and died: its lease blocks others until it expires.
  const t2 = at('2026-03-10T10:05:00');
  await db.execute(sql`UPDATE scheduled_tasks SET next_run_at = ${t2}, lease_until = ${at('2026-03-10T10:07:00')}, leased_by = 'dead' WHERE name = ${task.name}`);
  assert.deepEqual(await runDueTasks(db, at('2026-03-10T10:06:00'), { tasks: [task] }), []);
  assert.equal((await runDueTasks(db, at('2026-03-10T10:07:30'), { tasks: [task] })).length, 1);
  assert.equal(calls, 3);
});

test('the SLA sweep as a scheduled task: two instances at once urge an overdue appeal once', async () => {
  await testApp();
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const id = await insertAppeal(db, province.id, { state: 'handling', leadUnitId: unit.id, contactDueAt: at('2026-03-10T09:00:00'), opinionDueAt: at('2026-03-12'), resolutionDueAt: at('2026-03-31') });
  const task: TaskDef = { name: `sweep-${crypto.randomUUID()}`, intervalSeconds: 60, run: async ({ db, now }) => ({ result: { ...(await slaSweep(db, now, { tenantIds: [province.id] })) } }) };
  const runs = (await Promise.all([runDueTasks(db, NOW, { tasks: [task], instance: 'A' }), runDueTasks(db, NOW, { tasks: [task], instance: 'B' })])).flat();
  assert.equal(runs.length, 1);
  assert.equal((await appealRow(db, id)).urge_count, 1);
  assert.deepEqual((await eventsOf(db, id)).map((e) => e.type), ['overdue', 'urge']);
});

test('two separate connections (two app instances) on the server database claim a task once', { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL' }, async () => {
  await testApp();
  const dbs: Database[] = [];
  try {
    for (let i = 0; i < 3; i++) dbs.push(await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolMax: 2 }));
    for (let round = 0; round < 5; round++) {
      const c = counter(undefined, 20);
      const runs = (await Promise.all(dbs.map((d, i) => runDueTasks(d.db, NOW, { tasks: [c.task], instance: `I${i}` })))).flat();
      assert.equal(runs.length, 1);
      assert.equal(c.runs, 1);
    }
  } finally {
    for (const d of dbs) await d.close();
  }
});
