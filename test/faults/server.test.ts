// Fault suite, server mode (issue 12): the real server process on a database of its own on the
// PostgreSQL server, connecting as the app role; load from this process over loopback.
//   - kill -9 under load with idempotent retries: 0 acknowledged appeals lost, 0 duplicates
//   - pg_terminate_backend of the app's connections under load: the process survives, no 500
//   - connections refused and a frozen network (a proxy): 503 + Retry-After in the app's format,
//     /readyz within a second, and back to normal after
//   - SIGTERM under load: exit 0 within 10 s, in-flight requests answered, 503s in the app's format
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { after, before, test } from 'node:test';
import pg from 'pg';
import {
  APPEALS_OF_MARKER,
  appealBody,
  appealsByTitle,
  dbProxy,
  login,
  scratchDatabase,
  serverUrls,
  sleep,
  startLoad,
  startServer,
  type Server,
} from './harness.ts';

const skip = !serverUrls() && 'the fault suite runs on the PostgreSQL server: set DATABASE_URL (and MIGRATION_DATABASE_URL for the owner)';
let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
const running: Server[] = [];

before(async () => {
  if (!skip) scratch = await scratchDatabase();
});

after(async () => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await scratch?.drop();
});

const env = () => ({ DATABASE_URL: scratch!.app, MIGRATION_DATABASE_URL: scratch!.owner, DEMO_DATA: 'true' });

async function ownerQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: scratch!.owner });
  await c.connect();
  try {
    return await c.query<T>(text, values);
  } finally {
    await c.end();
  }
}

async function server(extra: Record<string, string> = {}, port?: number) {
  const s = await startServer({ ...env(), ...extra }, { port });
  running.push(s);
  return s;
}

test('issue 12 fault: kill -9 of the server under load, clients retrying with their Idempotency-Key — 0 acknowledged appeals lost, 0 duplicates', {
  skip,
  timeout: 300_000,
}, async () => {
  let s = await server();
  const port = Number(new URL(s.base).port);
  const session = await login(s.base);
  const marker = `kill9-${crypto.randomBytes(3).toString('hex')}`;
  const load = startLoad({ base: () => s.base, session, clients: 6, marker, retry: true });
  for (let round = 0; round < 2; round++) {
    await sleep(2_500);
    const before = load.acked.size;
    s.child.kill('SIGKILL');
    const { signal } = await s.exited;
    assert.equal(signal, 'SIGKILL');
    await sleep(300);
    s = await server({}, port);
    console.log(`# kill -9 round ${round + 1}: ${before} acknowledged before the kill`);
  }
  await sleep(2_000);
  await load.stop();
  console.log(`# kill -9: ${load.tried.size} keys, ${load.acked.size} acknowledged; ${load.tally}`);
  const byTitle = appealsByTitle((await ownerQuery<{ id: string; title: string }>(APPEALS_OF_MARKER, [`${marker}-%`])).rows);
  const lost = [...load.acked].filter(([key, id]) => !byTitle.get(key)?.includes(id));
  const duplicated = [...byTitle].filter(([, ids]) => ids.length > 1);
  console.log(`# kill -9: lost ${lost.length}, duplicated ${duplicated.length}, appeals ${byTitle.size}`);
  assert.ok(load.acked.size > 20, 'the load did something');
  assert.equal(lost.length, 0, `acknowledged but missing: ${lost.slice(0, 5).join(' ')}`);
  assert.equal(duplicated.length, 0, `duplicates: ${duplicated.slice(0, 5).join(' ')}`);
  assert.equal(byTitle.size, load.acked.size, 'every key ended acknowledged, one appeal each');
  assert.equal(load.tally.get('POST 500 INTERNAL'), 0, String(load.tally));
  s.child.kill('SIGTERM');
  assert.equal((await s.exited).code, 0);
});

test('issue 12 fault: pg_terminate_backend of the app’s connections under load — the process survives, only 503s, no 500', {
  skip,
  timeout: 300_000,
}, async () => {
  const s = await server();
  const session = await login(s.base);
  const marker = `term-${crypto.randomBytes(3).toString('hex')}`;
  const load = startLoad({ base: () => s.base, session, clients: 6, marker, retry: false, reads: true });
  let terminated = 0;
  const role = new URL(scratch!.app).username;
  const until = Date.now() + 6_000;
  while (Date.now() < until) {
    const r = await ownerQuery<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND usename = $2', [
      scratch!.name,
      role,
    ]);
    terminated += r.rows.filter((x) => x.ok).length;
    await sleep(150);
  }
  await load.stop();
  console.log(`# terminate: ${terminated} backends terminated; ${load.tally}`);
  assert.equal(s.child.exitCode, null, `the process died:\n${s.output()}`);
  assert.ok(terminated >= 10, 'connections were terminated');
  const bad = load.outcomes.filter((o) => o.status === undefined || (o.status >= 500 && !(o.status === 503 && o.code === 'SERVICE_UNAVAILABLE')));
  assert.equal(bad.length, 0, `not 2xx/503: ${JSON.stringify(bad.slice(0, 3))} ${[...load.tally.samples].join(' | ')}`);
  assert.ok(load.tally.get('POST 201') + load.tally.get('GET 200') > 0);
  // Afterwards it serves normally. The last terminations ran up to 150 ms before the load stopped, and the
  // pooled connection the first probe takes may be one of them, its end not yet read: that probe fails
  // and answers 503, as it should (seen once in CI). The pool drops a failed connection, so /readyz
  // is back to 200 within seconds, as a load balancer's next probe would find it. Usually the first or
  // second probe. It was once still 503 after 10 s, and in 2026-12-06's runs after 20 s in two of three:
  // the probes logged one or two idle connections on the server, so the pool's clients were held by the
  // app itself — drizzle's transaction sent BEGIN outside its try/finally, and a client whose BEGIN met a
  // terminated connection was never released (db/client.ts releaseOnFailedBegin; four runs in a row
  // passed after it, in ≈ 9 s instead of 19–38). Each probe that is not 200 still logs the app's
  // connections as PostgreSQL sees them (state, wait event, statement).
  let ready = 0;
  const probes: string[] = [];
  for (const until = Date.now() + 20_000; Date.now() < until; await sleep(250)) {
    const t0 = Date.now();
    ready = (await fetch(`${s.base}/readyz`)).status;
    if (ready === 200) break;
    const act = await ownerQuery<{ state: string | null; w: string | null; q: string }>(
      'SELECT state, wait_event AS w, left(query, 80) AS q FROM pg_stat_activity WHERE datname = $1 AND usename = $2',
      [scratch!.name, role],
    );
    probes.push(`${ready} in ${Date.now() - t0} ms; ${act.rows.length} connections: ${act.rows.map((r) => `${r.state}/${r.w ?? ''}/${r.q}`).join(' | ')}`);
  }
  if (probes.length) console.log(`# terminate: probes before ready:\n# ${probes.join('\n# ')}`);
  assert.equal(ready, 200, `ready again within 20 s\n${probes.join('\n')}\n${s.output().slice(-3000)}`);
  const again = await fetch(`${s.base}/api/appeals?pageSize=1`, { headers: { cookie: session.cookie } });
  assert.equal(again.status, 200);
  s.child.kill('SIGTERM');
  assert.equal((await s.exited).code, 0);
});

test('issue 12 fault: connections refused and a frozen network — 503 + Retry-After in the app format, /readyz within a second, then back to normal', {
  skip,
  timeout: 300_000,
}, async () => {
  const target = new URL(scratch!.app);
  const proxy = await dbProxy(Number(target.port || 5432));
  const viaProxy = new URL(scratch!.app);
  viaProxy.port = String(proxy.port);
  const s = await server({
    DATABASE_URL: viaProxy.toString(),
    DB_CONNECT_TIMEOUT_MS: '1000',
    DB_STATEMENT_TIMEOUT_MS: '1500',
    DB_QUERY_TIMEOUT_MS: '2000',
  });
  try {
    const session = await login(s.base);
    const headers = { cookie: session.cookie };
    const timed = async (url: string) => {
      const t0 = performance.now();
      const res = await fetch(`${s.base}${url}`, { headers });
      return { res, ms: performance.now() - t0, body: await res.text() };
    };
    assert.equal((await timed('/api/appeals?pageSize=1')).res.status, 200);

    // A partition: bytes stop, sockets stay open.
    proxy.freeze();
    const ready = await timed('/readyz');
    assert.equal(ready.res.status, 503);
    assert.ok(ready.ms < 1_000, `/readyz took ${Math.round(ready.ms)} ms`);
    const frozen = await Promise.all(Array.from({ length: 8 }, () => timed('/api/appeals?pageSize=1')));
    for (const f of frozen) {
      assert.equal(f.res.status, 503, f.body);
      assert.equal(JSON.parse(f.body).error.code, 'SERVICE_UNAVAILABLE');
      assert.equal(f.res.headers.get('retry-after'), '5');
      assert.ok(f.ms < 6_000, `answered after ${Math.round(f.ms)} ms`);
    }
    console.log(`# frozen network: /readyz ${Math.round(ready.ms)} ms, requests ${frozen.map((f) => Math.round(f.ms)).join('/')} ms`);

    // Refused: the database's port answers nothing.
    await proxy.refuse();
    const refused = await Promise.all(Array.from({ length: 20 }, () => timed('/api/appeals?pageSize=1')));
    for (const r of refused) {
      assert.equal(r.res.status, 503, r.body);
      assert.deepEqual(Object.keys(JSON.parse(r.body)), ['error', 'requestId']);
      assert.equal(JSON.parse(r.body).error.message, '数据库暂时无法访问，本次操作未执行，请稍后重试');
      assert.equal(r.res.headers.get('retry-after'), '5');
    }
    const readyRefused = await timed('/readyz');
    assert.equal(readyRefused.res.status, 503);
    assert.ok(readyRefused.ms < 1_000);
    console.log(`# refused: ${refused.length} × 503, slowest ${Math.round(Math.max(...refused.map((r) => r.ms)))} ms`);

    await proxy.restore();
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i++) {
      back = (await timed('/api/appeals?pageSize=1')).res.status;
      if (back !== 200) await sleep(200);
    }
    assert.equal(back, 200, 'serves again once the database is back');
    assert.equal((await timed('/readyz')).res.status, 200);
    assert.equal(s.child.exitCode, null);
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
    await proxy.close();
  }
});

test('issue 12 fault: SIGTERM under load — exit 0 within 10 s, every in-flight request answered, 503s in the app format, nothing acknowledged lost', {
  skip,
  timeout: 300_000,
}, async () => {
  const s = await server();
  const session = await login(s.base);
  const marker = `term-sig-${crypto.randomBytes(3).toString('hex')}`;
  const load = startLoad({ base: () => s.base, session, clients: 8, marker, retry: false, reads: true, deadlineMs: 20_000 });
  await sleep(2_500);
  // One request in flight that outlasts the signal: its body arrives slowly; a second request is
  // pipelined behind it on the same connection and so arrives during shutdown.
  const port = Number(new URL(s.base).port);
  const sock = net.connect(port, '127.0.0.1');
  let raw = '';
  sock.on('data', (d) => (raw += d));
  const sockClosed = new Promise((r) => sock.on('close', r));
  const body = JSON.stringify(appealBody(marker, 999_999));
  const len = Buffer.byteLength(body);
  const half = body.slice(0, 40);
  sock.write(
    `POST /api/appeals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${len}\r\nCookie: ${session.cookie}\r\n` +
      `X-CSRF-Token: ${session.csrf}\r\nIdempotency-Key: ${marker}-999999\r\n\r\n${half}`,
  );
  await sleep(300);
  const sentAt = Date.now();
  s.child.kill('SIGTERM');
  await sleep(1_500);
  sock.write(`${body.slice(half.length)}GET /api/appeals?pageSize=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${session.cookie}\r\n\r\n`);
  const { code } = await s.exited;
  const took = Date.now() - sentAt;
  await load.stop();
  await sockClosed;
  const statuses = [...raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
  console.log(`# SIGTERM: the slow in-flight request and the one pipelined behind it: ${statuses.join(', ')}`);
  // The in-flight request finished (201) with `connection: close`; the pipelined one behind it is then
  // either answered 503 in the app format or not read at all (the connection was announced closed,
  // a client retries it elsewhere) — never a 500 or Fastify's own body.
  assert.equal(statuses[0], 201, raw);
  assert.match(raw.split(/HTTP\/1\.1 /)[1], /connection: close/i);
  if (statuses.length > 1) {
    assert.deepEqual(statuses, [201, 503], raw);
    assert.match(raw, /"code":"SERVICE_UNAVAILABLE","message":"服务正在重启，本次操作未执行，请稍后重试"/);
  }
  console.log(`# SIGTERM: exit ${code} after ${took} ms; ${load.tally}`);
  assert.equal(code, 0, s.output());
  assert.ok(took < 10_000, `took ${took} ms`);
  assert.match(s.output(), /已关闭 \(closed cleanly\)/);
  const inFlight = load.outcomes.filter((o) => o.startedAt < sentAt);
  const unanswered = inFlight.filter((o) => o.status === undefined);
  assert.equal(unanswered.length, 0, `in flight at SIGTERM and never answered: ${JSON.stringify(unanswered.slice(0, 3))}`);
  const wrong = load.outcomes.filter((o) => o.status !== undefined && o.status >= 500 && !(o.status === 503 && o.code === 'SERVICE_UNAVAILABLE'));
  assert.equal(wrong.length, 0, `5xx not in the app format: ${JSON.stringify(wrong.slice(0, 3))} ${[...load.tally.samples].join(' | ')}`);
  // After the process is gone, requests are refused by the OS: that is not "in flight".
  const afterExit = load.outcomes.filter((o) => o.status === undefined);
  assert.ok(afterExit.every((o) => o.startedAt >= sentAt));
  const byTitle = appealsByTitle((await ownerQuery<{ id: string; title: string }>(APPEALS_OF_MARKER, [`${marker}-%`])).rows);
  const lost = [...load.acked].filter(([key, id]) => !byTitle.get(key)?.includes(id));
  assert.equal(lost.length, 0);
});
