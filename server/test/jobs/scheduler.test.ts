// Scheduled tasks run once across app instances sharing one database (PRODUCT.md "Shape of the
// system"): two concurrent runDueTasks calls — two instances — run a due task exactly once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/db/client.ts';
import { INSTANCE_ID, holderIsGone, nextSlot, runDueTasks, type TaskDef } from '../../src/jobs/scheduler.ts';
import { idempotencyPurgeTask, slaSweepTask } from '../../src/jobs/tasks.ts';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { testApp } from '../helpers/app.ts';
import { asOwner, testDatabase } from '../helpers/db.ts';
import { baseAppeal, call, world } from '../appeals/helpers.ts';
import { createScene } from '../helpers/factory.ts';
import { appealRow, at, eventsOf, insertAppeal } from './helpers.ts';

const NOW = at('2026-03-10T10:00:30');
const realNow = appealClock.now;
// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('scheduler', () => {
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
    await db.execute(
      sql`UPDATE scheduled_tasks SET next_run_at = ${t2}, lease_until = ${at('2026-03-10T10:07:00')}, leased_by = 'dead' WHERE name = ${task.name}`,
    );
    assert.deepEqual(await runDueTasks(db, at('2026-03-10T10:06:00'), { tasks: [task] }), []);
    assert.equal((await runDueTasks(db, at('2026-03-10T10:07:30'), { tasks: [task] })).length, 1);
    assert.equal(calls, 3);
  });

  test('the SLA sweep as a scheduled task: two instances at once urge an overdue appeal once', async () => {
    await testApp();
    const db = (await testDatabase()).db;
    const { province, unit } = await createScene(db);
    const id = await insertAppeal(db, province.id, {
      state: 'handling',
      leadUnitId: unit.id,
      contactDueAt: at('2026-03-10T09:00:00'),
      opinionDueAt: at('2026-03-12'),
      resolutionDueAt: at('2026-03-31'),
    });
    // The real task under a task row of its own, run for this test's tenant only (the shared database).
    const task: TaskDef = { ...slaSweepTask, name: `sweep-${crypto.randomUUID()}` };
    const scope = { tasks: [task], tenantIds: [province.id] };
    const runs = (await Promise.all([runDueTasks(db, NOW, { ...scope, instance: 'A' }), runDueTasks(db, NOW, { ...scope, instance: 'B' })])).flat();
    assert.equal(runs.length, 1);
    assert.equal((await appealRow(db, id)).urge_count, 1);
    assert.deepEqual(
      (await eventsOf(db, id)).map((e) => e.type),
      ['overdue', 'urge'],
    );
  });

  test('two separate connections (two app instances) on the server database claim a task once', {
    skip: !process.env.DATABASE_URL && 'needs DATABASE_URL',
  }, async () => {
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

  test('issue 12 item 13: a lease held by a process of this host that is gone is reclaimed at once, not after it expires; another host’s is not', async () => {
    await testApp();
    const db = (await testDatabase()).db;
    const c = counter();
    await runDueTasks(db, NOW, { tasks: [c.task] });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const t2 = at('2026-03-10T10:05:00');
    const holdUntil = at('2026-03-10T10:06:00');
    // A killed instance of this host (dead pid): its lease is free now.
    await db.execute(
      sql`UPDATE scheduled_tasks SET next_run_at = ${t2}, lease_until = ${holdUntil}, leased_by = ${`${os.hostname()}:${dead}:123:abc`} WHERE name = ${c.task.name}`,
    );
    assert.equal((await runDueTasks(db, at('2026-03-10T10:05:01'), { tasks: [c.task] })).length, 1);
    assert.equal(c.runs, 2);
    // Another host's holder cannot be judged from here: it blocks until the lease expires.
    await db.execute(
      sql`UPDATE scheduled_tasks SET next_run_at = ${t2}, lease_until = ${holdUntil}, leased_by = 'other-host:1:1:abc' WHERE name = ${c.task.name}`,
    );
    assert.deepEqual(await runDueTasks(db, at('2026-03-10T10:05:30'), { tasks: [c.task] }), []);
    // A live holder of this host (this process under another instance id with its real start time) is not reclaimed.
    assert.equal(holderIsGone(`${os.hostname()}:${process.ppid}:`), false);
    assert.equal(holderIsGone(INSTANCE_ID), false);
    assert.equal((await runDueTasks(db, at('2026-03-10T10:06:01'), { tasks: [c.task] })).length, 1);
  });

  test('issue 12 item 13: a run longer than its lease keeps it by heartbeat, so no other instance starts it meanwhile', async () => {
    await testApp();
    const db = (await testDatabase()).db;
    const c = counter(undefined, 3_500);
    c.task.leaseSeconds = 3; // heartbeat every second
    const first = runDueTasks(db, NOW, { tasks: [c.task], instance: 'A' });
    await new Promise((r) => setTimeout(r, 3_200));
    // 3.2 s after the claim the original lease (3 s) is over; the heartbeat has moved it on.
    const [row] = await queryRows<{ lease_until: Date; leased_by: string }>(
      db,
      sql`SELECT lease_until, leased_by FROM scheduled_tasks WHERE name = ${c.task.name}`,
    );
    assert.equal(row.leased_by, 'A');
    assert.ok(new Date(row.lease_until).getTime() > NOW.getTime() + 4_000, String(row.lease_until));
    assert.deepEqual(await runDueTasks(db, new Date(NOW.getTime() + 3_300), { tasks: [c.task], instance: 'B' }), []);
    assert.equal((await first).length, 1);
    assert.equal(c.runs, 1);
  });

  test('issue 12 item 13: idempotency keys older than the retention are purged; a retry within it still answers the stored appeal', async () => {
    const w = await world();
    const db = w.db;
    const intake = w.users.intake;
    const post = (key: string) => call(w.app, intake, { method: 'POST', url: '/api/appeals', payload: baseAppeal(), headers: { 'idempotency-key': key } });
    const fresh = await post('keep-1');
    assert.equal(fresh.statusCode, 201, fresh.body);
    const old = await post('old-1');
    assert.equal(old.statusCode, 201, old.body);
    // The older key was taken 73 hours ago (beyond the default 72 h retention).
    await asOwner((owner) =>
      owner.db.execute(sql`UPDATE idempotency_keys SET created_at = now() - interval '73 hours' WHERE key = 'old-1' AND user_id = ${intake.id}`),
    );
    const task = { ...idempotencyPurgeTask(72), name: `idem-${crypto.randomUUID()}` };
    const [run] = await runDueTasks(db, new Date(), { tasks: [task] });
    assert.ok(run.ok, run.error);
    assert.ok((run.result as { purged: number }).purged >= 1);
    const keys = await queryRows<{ key: string }>(db, sql`SELECT key FROM idempotency_keys WHERE user_id = ${intake.id} ORDER BY key`);
    assert.deepEqual(
      keys.map((k) => k.key),
      ['keep-1'],
    );
    const replay = await post('keep-1');
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.json().id, fresh.json().id, 'within the retention the same appeal answers');
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    // A purged key is a new submission (the documented limit of the retention).
    const again = await post('old-1');
    assert.notEqual(again.json().id, old.json().id);
  });
});
