// Issue 18: webhook deliveries per second to a local receiver on 127.0.0.1 (standalone, not in the
// table of `npm run bench`). N queued deliveries are drained by deliverDueWebhooks (lease with SKIP
// LOCKED, signed POST, attempt log and settle per message) on PGlite (default) or the server
// (--db server, a throw-away database). Raw baseline in the same run: the same N signed POSTs with
// the same concurrency and no database.
//   node bench/webhooks.bench.ts [--n 2000] [--concurrency 8] [--db pglite|server]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openMigratedDatabase } from '../server/src/boot.ts';
import { loadConfig } from '../server/src/config.ts';
import { queryRows } from '../server/src/db/client.ts';
import { webhookHeaders } from '../server/src/lib/standard-webhooks.ts';
import { deliverDueWebhooks } from '../server/src/modules/webhooks/index.ts';
import { arg, scratchDatabase } from './lib.ts';

const N = Number(arg('n', '2000'));
const CONCURRENCY = Number(arg('concurrency', '8'));
const DB = arg('db', 'pglite');
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
const body = JSON.stringify({
  type: 'appeal.created',
  version: 1,
  timestamp: new Date().toISOString(),
  data: { number: 'ZQT-BENCH', title: '基准测试'.repeat(10) },
});

// Raw baseline: signed POSTs, no database.
let i = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (i < N) {
      const id = `msg_${i++}`;
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...webhookHeaders([SECRET], id, Math.floor(Date.now() / 1000), body) },
        body,
      });
      await r.body?.cancel();
    }
  }),
);
const rawPerSec = N / ((performance.now() - t0) / 1000);

const scratch = DB === 'server' ? await scratchDatabase('zqt_bench_webhooks') : null;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-bench-webhooks-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: scratch?.url ?? '', DEMO_DATA: 'false' });
const database = await openMigratedDatabase(config);
const db = database.db;
try {
  const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM tenants ORDER BY code LIMIT 1`);
  const [s] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webhook_subscriptions (tenant_id, name, url, events, secret) VALUES (${t.id}, 'bench', ${url}, '["appeal.created"]'::jsonb, ${SECRET}) RETURNING id`,
  );
  await db.execute(sql`
    INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body)
    SELECT ${t.id}, ${s.id}, g, 'appeal.created', ${body} FROM generate_series(1, ${N}) g`);
  const t1 = performance.now();
  let delivered = 0;
  while (delivered < N) {
    const r = await deliverDueWebhooks(db, new Date(), { limit: 200, concurrency: CONCURRENCY });
    if (r.claimed === 0) break;
    delivered += r.delivered;
  }
  const perSec = delivered / ((performance.now() - t1) / 1000);
  console.log(
    `webhook deliveries (${DB}, ${N} messages, ${CONCURRENCY} at a time): ${perSec.toFixed(0)}/s delivered (${delivered}); raw signed POSTs without a database: ${rawPerSec.toFixed(0)}/s`,
  );
} finally {
  await database.close();
  await scratch?.drop();
  server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
