// Intake: appeals created per second over real HTTP by many concurrent clients, against the same
// work written by ONE statement sent directly at the same concurrency (issue 20: intakeCte). The
// app's own statements are still recorded (their count goes in the table's note) and can be replayed
// (bench/capture.ts; bench/intake.bench.ts shows both).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { queryRows } from '../server/src/db/client.ts';
import { documentWords } from '../server/src/modules/appeals/appeals.search.ts';
import { GEN_PASSWORD } from '../server/src/seed/gen/org.ts';
import { freshValues, replay, type BenchDb, type Exec, type Stmt } from './capture.ts';
import { concurrent, post, type Row, type Session } from './lib.ts';

export const INTAKE_USER = 'g370000_intake1';

export const intakeBody = (i: number, unitId: string) =>
  JSON.stringify({
    enterpriseName: '济南鲁丰化工有限公司',
    contactName: '王建国',
    contactPhone: '13800138000',
    channel: 'hotline',
    category: 'licensing',
    title: `危险化学品经营许可证延期办理咨询（压测${i}）`,
    content: '我公司危险化学品经营许可证将于下月到期，询问延期所需材料、办理时限以及能否网上提交。',
    dispatch: { leadUnitId: unitId },
  });

/** One POST handled in-process with the statements recorded (after a few unrecorded ones to warm caches). */
export async function captureIntake(b: BenchDb, unitId: string): Promise<{ seq: Stmt[]; key: string; number: string; id: string }> {
  const config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '100000', DATABASE_URL: '' });
  const app = await buildApp({ config, database: b.database });
  try {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: INTAKE_USER, password: GEN_PASSWORD } });
    if (r.statusCode !== 200) throw new Error(`login: ${r.body}`);
    const headers = { cookie: String(r.headers['set-cookie']).split(';')[0], 'x-csrf-token': r.json().csrfToken, 'content-type': 'application/json' };
    const post = (i: number, key: string) =>
      app.inject({ method: 'POST', url: '/api/appeals', headers: { ...headers, 'idempotency-key': key }, payload: intakeBody(i, unitId) });
    for (let i = 0; i < 5; i++) await post(i, `capture-warm-${process.pid}-${i}`);
    const key = `capture-${process.pid}-${Date.now()}`;
    b.recorder.start();
    const res = await post(99, key);
    const seq = b.recorder.stop();
    if (res.statusCode !== 201) throw new Error(`intake ${res.statusCode}: ${res.body}`);
    return { seq, key, number: res.json().number, id: res.json().id };
  } finally {
    await app.close();
  }
}

/** The recorded statements replayed by `clients` workers, each on its own connection (server) or on the one PGlite connection. */
export async function intakeBaseline(
  b: BenchDb,
  url: string | undefined,
  cap: { seq: Stmt[]; key: string; number: string; id: string },
  clients: number,
  seconds: number,
) {
  if (b.pglite) {
    const p = b.pglite;
    const exec: Exec = async (text, values, rowMode) => (await p.query(text, values, { rowMode: rowMode as 'array' | 'object' | undefined })).rows;
    return concurrent(1, seconds, (w, i) => replay(exec, cap.seq, freshValues(cap, w, i)));
  }
  return withClients(url, clients, (conns) => {
    const execs: Exec[] = conns.map((c) => async (text, values, rowMode) => (await c.query({ text, values, rowMode } as pg.QueryConfig)).rows);
    return concurrent(clients, seconds, (w, i) => replay(execs[w], cap.seq, freshValues(cap, w, i)));
  });
}

/**
 * Issue 20: the raw intake baseline — what the database does for the same work in ONE statement (a
 * data-modifying CTE), a named prepared statement sent with `pg` at the same concurrency (PGlite: its
 * one connection): the appeal with its three deadlines and its search vector (jieba words computed
 * once; the app computes them per request), its two timeline events (create, dispatch), its audit row
 * and its idempotency record with the stored response. The human number is given ($2, unique per call). `counter`: drawn
 * inside the statement from the tenant-year counter instead — then the counter row stays locked until
 * the commit's WAL flush and 16 clients queue on it (≈ 410–470 tx/s on the 2-core machine, whatever
 * else the statement does), which is why the app draws it in its own statement that does not wait for
 * its flush (appeals.repository.ts drawNumber).
 */
export const intakeCte = (counter: boolean) => `
WITH ${
  counter
    ? `n AS (
  INSERT INTO appeal_counters (tenant_id, year, last) VALUES ($1, $2::int, 1)
  ON CONFLICT (tenant_id, year) DO UPDATE SET last = appeal_counters.last + 1 RETURNING last
), x AS (SELECT 'ZQT-' || $3 || '-' || $2 || '-' || lpad(n.last::text, 6, '0') AS number FROM n)`
    : `x AS (SELECT $2::text AS number, $3::text AS code)`
}, a AS (
  INSERT INTO appeals (tenant_id, number, enterprise_name, contact_name, contact_phone, channel, category, title, content,
    received_at, state, lead_unit_id, dispatched_at, cycle_started_at, contact_due_at, contact_state, opinion_due_at, opinion_state,
    resolution_due_at, resolution_state, next_due_at, created_by, search_vector)
  SELECT $1, x.number, '济南鲁丰化工有限公司', '王建国', '13800138000', 'hotline', 'licensing', $6, $7,
    now(), 'dispatched', $4, now(), now(), $8, 'pending', $9, 'pending', $10, 'pending', $8, $5,
    to_tsvector('simple', $11 || ' ' || lower(x.number))
  FROM x
  RETURNING *
), e AS (
  INSERT INTO appeal_events (tenant_id, appeal_id, type, at, actor_id, actor_name, unit_id, state_before, state_after, payload)
  SELECT a.tenant_id, a.id, v.type, now(), $5, '受理员', NULL, v.sb, v.sa, v.payload::jsonb
  FROM a, (VALUES ('create', NULL, 'received', '{"channel":"hotline","category":"licensing"}'),
                  ('dispatch', 'received', 'dispatched', $12)) v(type, sb, sa, payload)
  RETURNING id, type, at
), au AS (
  INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity, entity_id, summary, after, ip, request_id)
  SELECT a.tenant_id, $5, '受理员', 'appeal.create', 'appeal', a.id::text, '受理诉求 ' || a.number || '「' || a.title || '」并派单',
    to_jsonb(a) - 'search_vector', '127.0.0.1', $13
  FROM a
), k AS (
  INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash, status_code, response)
  SELECT a.tenant_id, $5, $13, $14, 201, (to_jsonb(a) - 'search_vector') || jsonb_build_object('events', (SELECT jsonb_agg(e) FROM e))
  FROM a
)
SELECT a.id, a.number FROM a`;

/** Each baseline run's numbers and keys are its own: a process may measure the baseline more than once. */
let cteRuns = 0;

export async function intakeCteBaseline(b: BenchDb, url: string | undefined, unitId: string, clients: number, seconds: number, counter = false) {
  const text = intakeCte(counter);
  const run = ++cteRuns;
  const [u] = await queryRows<{ tenant_id: string; code: string; user_id: string; unit_name: string }>(
    b.database.db,
    sql`SELECT t.id AS tenant_id, t.code, us.id AS user_id, un.name AS unit_name FROM users us JOIN tenants t ON t.id = us.tenant_id
        JOIN units un ON un.id = ${unitId} WHERE us.username = ${INTAKE_USER}`,
  );
  const now = Date.now();
  const year = Number(new Date(now + 8 * 3_600_000).toISOString().slice(0, 4));
  const title = '危险化学品经营许可证延期办理咨询（压测）';
  const content = '我公司危险化学品经营许可证将于下月到期，询问延期所需材料、办理时限以及能否网上提交。';
  const words = documentWords(title, content, '济南鲁丰化工有限公司');
  const dispatch = JSON.stringify({ leadUnitId: unitId, leadUnitName: u.unit_name, coUnits: [] });
  const values = (w: number, i: number) => [
    u.tenant_id,
    counter ? year : `ZQT-${u.code}-${year}-B${process.pid}-${run}-${w}-${i}`,
    u.code,
    unitId,
    u.user_id,
    `${title}${w}-${i}`,
    content,
    new Date(now + 86_400_000).toISOString(),
    new Date(now + 2 * 86_400_000).toISOString(),
    new Date(now + 21 * 86_400_000).toISOString(),
    words,
    dispatch,
    `cte-${process.pid}-${run}-${counter ? 'c' : 'n'}-${w}-${i}`,
    'f'.repeat(64),
  ];
  if (b.pglite) {
    const p = b.pglite;
    return concurrent(1, seconds, (w, i) => p.query(text, values(w, i)));
  }
  // A named prepared statement, as the app sends its own: sent unnamed, PostgreSQL parsed and planned
  // this CTE on every call, and the baseline was a third slower than the database can do (2026-12-06:
  // 687–773 tx/s unnamed against 990–1,124 named, four pairs in alternation; 2.3–2.5 ms of
  // PostgreSQL CPU per statement against 1.6–1.7).
  const name = `intake_cte_${counter ? 'counter' : 'drawn'}`;
  return withClients(url, clients, (conns) => concurrent(clients, seconds, (w, i) => conns[w].query({ name, text, values: values(w, i) })));
}

/** Runs of intakeHttp in this process: part of every key, so a run never repeats an earlier run's keys. */
let httpRuns = 0;

/** Each client with its own session (sessions[w]: one sign-in per clerk, as in an office). */
export async function intakeHttp(url: string, sessions: Session[], unitId: string, clients: number, seconds: number) {
  let errors = 0;
  // Every request a new intake: until 2026-12-06 the keys were the same in each run, so the measured run
  // began by replaying the warm-up's keys (≈ 1 in 9 of its requests answered the stored response).
  const run = ++httpRuns;
  const r = await concurrent(clients, seconds, async (w, i) => {
    const res = await post(
      `${url}/api/appeals`,
      { ...sessions[w % sessions.length]!, 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${run}-${w}-${i}` },
      intakeBody(i, unitId),
    );
    if (res.status !== 201 || res.headers['idempotent-replayed']) errors++;
  });
  if (errors) throw new Error(`intake: ${errors} requests did not answer 201 with a new appeal`);
  return r;
}

export function intakeRow(label: string, clients: number, app: { p50: number; p95: number; rate: number }, base: { rate: number } | null, stmts: number): Row {
  const ratio = base ? app.rate / base.rate : NaN;
  return {
    scenario: `intake POST /api/appeals (${clients} clients)`,
    database: label,
    p50: app.p50,
    p95: app.p95,
    throughput: app.rate,
    unit: 'req/s',
    baseline: base ? `${Math.round(base.rate).toLocaleString('en-US')} tx/s (${stmts === 1 ? 'one-statement CTE' : `its own ${stmts} statements`})` : 'n/a',
    ratio: base ? `${Math.round(ratio * 100)}% of raw` : '',
    target: '≥ 50% of raw',
    ok: base ? ratio >= 0.5 : null,
  };
}

/** `n` connections of their own (one per simulated client), closed after `fn`. */
async function withClients<T>(url: string | undefined, n: number, fn: (conns: pg.Client[]) => Promise<T>): Promise<T> {
  const conns = await Promise.all(
    Array.from({ length: n }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    return await fn(conns);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}
