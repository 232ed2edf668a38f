// Intake: appeals created per second over real HTTP by many concurrent clients, against the same
// SQL statements sent directly at the same concurrency (bench/capture.ts records and replays them).
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { GEN_PASSWORD } from '../server/src/seed/gen/org.ts';
import { freshValues, replay, type BenchDb, type Exec, type Stmt } from './capture.ts';
import { concurrent, type Row, type Session } from './lib.ts';

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
export async function captureIntake(b: BenchDb, unitId: string): Promise<{ seq: Stmt[]; key: string; number: string }> {
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
    return { seq, key, number: res.json().number };
  } finally {
    await app.close();
  }
}

/** The recorded statements replayed by `clients` workers, each on its own connection (server) or on the one PGlite connection. */
export async function intakeBaseline(b: BenchDb, url: string | undefined, cap: { seq: Stmt[]; key: string; number: string }, clients: number, seconds: number) {
  if (b.pglite) {
    const p = b.pglite;
    const exec: Exec = async (text, values, rowMode) => (await p.query(text, values, { rowMode: rowMode as 'array' | 'object' | undefined })).rows;
    return concurrent(1, seconds, (w, i) => replay(exec, cap.seq, freshValues(cap.key, cap.number, w, i)));
  }
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    const execs: Exec[] = conns.map((c) => async (text, values, rowMode) => (await c.query({ text, values, rowMode } as pg.QueryConfig)).rows);
    return await concurrent(clients, seconds, (w, i) => replay(execs[w], cap.seq, freshValues(cap.key, cap.number, w, i)));
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

export async function intakeHttp(url: string, s: Session, unitId: string, clients: number, seconds: number) {
  let errors = 0;
  const r = await concurrent(clients, seconds, async (w, i) => {
    const res = await fetch(`${url}/api/appeals`, {
      method: 'POST',
      headers: { ...s, 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${w}-${i}` },
      body: intakeBody(i, unitId),
    });
    await res.arrayBuffer();
    if (res.status !== 201) errors++;
  });
  if (errors) throw new Error(`intake: ${errors} requests did not answer 201`);
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
    baseline: base ? `${Math.round(base.rate).toLocaleString('en-US')} tx/s (${stmts} stmts)` : 'n/a',
    ratio: base ? `${Math.round(ratio * 100)}% of raw` : '',
    target: '≥ 50% of raw',
    ok: base ? ratio >= 0.5 : null,
  };
}
