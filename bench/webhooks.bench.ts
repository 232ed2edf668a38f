// Issue 18: webhook deliveries per second to a local receiver on 127.0.0.1 (a row of the table of
// `npm run bench`, bench/run.ts; also standalone). N queued deliveries are drained by deliverDueWebhooks
// (lease with SKIP LOCKED, SSRF check of the URL, signed POST, attempt log and settle per message) on
// PGlite (default) or the server (--db server, a throw-away database). Raw baseline in the same run:
// the same N signed POSTs through node:http with the same concurrency and keep-alive, no database and
// no check. The receiver is on loopback, so private networks are allowed explicitly (the install's
// default, WEBHOOK_ALLOW_PRIVATE_NETWORKS unset, refuses them).
//   node bench/webhooks.bench.ts [--n 1000] [--concurrency 8] [--db pglite|server]
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
import { arg, type Row, scratchDatabase } from './lib.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Posts N signed messages with `concurrency` keep-alive connections; returns messages per second. */
async function rawPosts(url: string, n: number, concurrency: number, body: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (id: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...webhookHeaders([SECRET], id, Math.floor(Date.now() / 1000), body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let i = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < n) await post(`msg_${i++}`);
    }),
  );
  const rate = n / ((performance.now() - t0) / 1000);
  agent.destroy();
  return rate;
}

/** One measurement: the app's deliveries per second and the raw baseline's, as a row of the bench table. */
export async function webhooksBench(opts: { n: number; concurrency: number; db: 'pglite' | 'server' }): Promise<Row | null> {
  const { n, concurrency } = opts;
  const scratch = opts.db === 'server' ? await scratchDatabase('webhooks') : null;
  if (opts.db === 'server' && !scratch) return null;
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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-bench-webhooks-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: scratch?.url ?? '', DEMO_DATA: 'false' });
  const database = await openMigratedDatabase(config);
  const db = database.db;
  try {
    const rawRate = await rawPosts(url, n, concurrency, body);
    const [t] = await queryRows<{ id: string }>(db, sql`SELECT id FROM tenants ORDER BY code LIMIT 1`);
    const [s] = await queryRows<{ id: string }>(
      db,
      sql`INSERT INTO webhook_subscriptions (tenant_id, name, url, events, secret) VALUES (${t.id}, 'bench', ${url}, '["appeal.created"]'::jsonb, ${SECRET}) RETURNING id`,
    );
    await db.execute(sql`
      INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body)
      SELECT ${t.id}, ${s.id}, g, 'appeal.created', ${body} FROM generate_series(1, ${n}) g`);
    const t1 = performance.now();
    let delivered = 0;
    while (delivered < n) {
      const r = await deliverDueWebhooks(db, new Date(), { limit: 200, concurrency, allowPrivateNetworks: true });
      if (r.claimed === 0) break;
      delivered += r.delivered;
    }
    const rate = delivered / ((performance.now() - t1) / 1000);
    return {
      scenario: `webhook deliveries to a local receiver (${n} messages, ${concurrency} at a time)`,
      database: opts.db === 'server' ? 'PostgreSQL' : 'PGlite',
      throughput: rate,
      unit: 'msg/s',
      baseline: `${Math.round(rawRate).toLocaleString('en-US')} msg/s (raw signed POSTs)`,
      ratio: `${Math.round((rate / rawRate) * 100)}% of raw`,
      target: '—',
      ok: null,
      ...(delivered < n ? { note: `only ${delivered} of ${n} delivered` } : {}),
    };
  } finally {
    await database.close();
    await scratch?.drop();
    server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const db = arg('db', 'pglite') === 'server' ? 'server' : 'pglite';
  const r = await webhooksBench({ n: Number(arg('n', '1000')), concurrency: Number(arg('concurrency', '8')), db });
  if (!r) console.log('no PostgreSQL server answers (BENCH_DATABASE_URL)');
  else console.log(`webhook deliveries (${r.database}): ${Math.round(r.throughput ?? 0)}/s; ${r.baseline}; ${r.ratio}`);
}
