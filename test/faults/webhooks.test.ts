// Fault suite, issue 18: a webhook worker killed with SIGKILL while it sends (lease taken, request in
// flight, nothing recorded) loses nothing — after its lease another worker sends the same message again,
// under the same webhook-id (at-least-once; the receiver deduplicates). Real processes, real PostgreSQL,
// a receiver on 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openMigratedDatabase } from '../../server/src/boot.ts';
import { queryRows } from '../../server/src/db/client.ts';
import { deliverDueWebhooks, messageId } from '../../server/src/modules/webhooks/index.ts';
import { ROOT, scratchDatabase, sleep } from './harness.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-faults-webhooks-'));
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanup.reverse()) await c();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('issue 18: kill -9 of a webhook worker mid-send loses nothing; a new worker delivers after the lease', async () => {
  const scratch = await scratchDatabase();
  cleanup.push(scratch.drop);
  const database = await openMigratedDatabase({ databaseUrl: scratch.owner, dataDir: tmp, dbPoolMax: 2, migrationDatabaseUrl: undefined });
  cleanup.push(() => database.close());
  const db = database.db;

  // The receiver hangs on its first request (the worker is mid-send when killed), answers 200 afterwards.
  const got: http.IncomingHttpHeaders[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume();
    got.push(req.headers);
    if (got.length > 1) req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => receiver.close(() => r())));
  cleanup.push(async () => receiver.closeAllConnections());
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

  const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM tenants ORDER BY code LIMIT 1`);
  const [s] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webhook_subscriptions (tenant_id, name, url, events, secret)
        VALUES (${t.id}, 'faults', ${url}, '["appeal.created"]'::jsonb, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id`,
  );
  const [d] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body, next_attempt_at)
        VALUES (${t.id}, ${s.id}, 1, 'appeal.created', '{"type":"appeal.created","version":1}', now() - interval '1 second') RETURNING id`,
  );

  const child = spawn(process.execPath, [path.join(ROOT, 'test/faults/webhook-worker.ts'), scratch.owner], { stdio: ['ignore', 'pipe', 'pipe'] });
  const deadline = Date.now() + 60_000;
  while (got.length === 0) {
    assert.ok(Date.now() < deadline && child.exitCode === null, 'the worker sent its request');
    await sleep(50);
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const [held] = await queryRows<{ status: string; attempts: number; locked_by: string | null }>(
    db,
    sql`SELECT status, attempts, locked_by FROM webhook_deliveries WHERE id = ${d.id}`,
  );
  assert.deepEqual(held, { status: 'pending', attempts: 0, locked_by: 'doomed-worker' }, 'the dead worker left its lease and no outcome');
  assert.equal((await deliverDueWebhooks(db, new Date(), { instance: 'new-worker', allowPrivateNetworks: true })).claimed, 0, 'the lease holds');
  const r = await deliverDueWebhooks(db, new Date(Date.now() + 6_000), { instance: 'new-worker', allowPrivateNetworks: true });
  assert.equal(r.delivered, 1);
  assert.equal(got.length, 2);
  assert.equal(got[0]['webhook-id'], messageId(d.id));
  assert.equal(got[1]['webhook-id'], got[0]['webhook-id'], 'the same message id: the receiver can deduplicate');
  const [done] = await queryRows<{ status: string; attempts: number }>(db, sql`SELECT status, attempts FROM webhook_deliveries WHERE id = ${d.id}`);
  assert.deepEqual(done, { status: 'delivered', attempts: 1 });
});
