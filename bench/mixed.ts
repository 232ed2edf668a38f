// Issue 20 item 2: a province's staff at work at once. 64 concurrent logged-in users, each with its own
// session cookie and CSRF token, in a closed loop: workbench 50 %, appeal page 25 % (the appeal and its
// message thread, as the page loads them), keyword search 10 %, 三率/2115 figures 5 %, actions and intake
// 10 % (a contact record on a handling appeal of the user's unit, 5 %; an intake POST, 5 %), and the
// province's dashboard with its 16 cities (weight 2 on top: ≈ 2 %), which reads the figures roll-up of
// 17 tenants with the days the writes touched since its last run computed live. Throughput and p95 per
// operation; the baseline is the same reads' SQL (bench/reads.ts RAW_READS) sent through `pg` by as many
// concurrent clients over a pool as large as the app's (the dashboard, a dozen statements, has none).
// Writes: run it on a database of your own (it records contacts and creates appeals).
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../server/src/db/client.ts';
import { GEN_PASSWORD } from '../server/src/seed/gen/org.ts';
import { INTAKE_USER, intakeBody } from './intake.ts';
import { get, login, post, summarize, type Row, type Session } from './lib.ts';
import { KEYWORD, RAW_READS, type ReadPlan } from './reads.ts';

export const MIXED_CLIENTS = 64;
/** The app's pool in the suite (DB_POOL_MAX) and the baseline's. */
export const MIXED_POOL = 20;
const OPS = ['workbench', 'page', 'search', 'figures', 'dashboard', 'action', 'intake'] as const;
type Op = (typeof OPS)[number];
const WEIGHTS: Record<Op, number> = { workbench: 50, page: 25, search: 10, figures: 5, dashboard: 2, action: 5, intake: 5 };
/** The reads with a raw baseline (RAW_READS); every read of TARGET_OPS is held to TARGET_MS. */
const READ_OPS = ['workbench', 'page', 'search', 'figures'] as const;
const TARGET_OPS: readonly Op[] = [...READ_OPS, 'dashboard'];
const TARGET_MS = 50;

/** Deterministic op sequence (a small LCG per worker) so the app run and the baseline draw the same mix. */
function picker(worker: number, ops: readonly Op[]) {
  const next = uniform(worker + 1);
  const total = ops.reduce((s, o) => s + WEIGHTS[o], 0);
  return () => {
    let r = next() * total;
    for (const o of ops) {
      r -= WEIGHTS[o];
      if (r < 0) return o;
    }
    return ops[ops.length - 1];
  };
}

export type MixedPlan = {
  read: ReadPlan;
  /** One entry per worker: the province's generated unit staff (users repeat when there are fewer than workers; each worker its own session). */
  staff: { username: string; unitId: string; appealIds: string[]; handlingIds: string[] }[];
  coordinators: string[];
  intakeUsers: string[];
};

/** The province's unit staff with the appeals of their unit (any state, for the page; handling ones, for contact records). */
export async function mixedPlan(db: Db, read: ReadPlan, clients = MIXED_CLIENTS): Promise<MixedPlan> {
  const users = await queryRows<{ username: string; unit_id: string; appeal_ids: string[]; handling_ids: string[] }>(
    db,
    sql`
    SELECT us.username, us.unit_id,
      (SELECT array_agg(id) FROM (SELECT id FROM appeals a WHERE a.tenant_id = ${read.provinceId} AND a.lead_unit_id = us.unit_id
         ORDER BY a.received_at DESC LIMIT 200) x) AS appeal_ids,
      (SELECT array_agg(id) FROM (SELECT id FROM appeals a WHERE a.tenant_id = ${read.provinceId} AND a.lead_unit_id = us.unit_id
         AND a.state = 'handling' LIMIT 50) y) AS handling_ids
    FROM users us
    WHERE us.tenant_id = ${read.provinceId} AND us.username LIKE 'g370000\\_u%\\_staff%' ESCAPE '\\' AND NOT us.disabled
    ORDER BY us.username`,
  );
  const withAppeals = users.filter((u) => u.appeal_ids?.length);
  if (!withAppeals.length) throw new Error('mixed workload: no generated unit staff with appeals (run zqt gen first)');
  const intake = await queryRows<{ username: string }>(
    db,
    sql`SELECT username FROM users WHERE tenant_id = ${read.provinceId} AND username LIKE 'g370000\\_intake%' ESCAPE '\\' AND NOT disabled ORDER BY username`,
  );
  return {
    read,
    staff: Array.from({ length: clients }, (_, w) => {
      const u = withAppeals[w % withAppeals.length];
      return { username: u.username, unitId: u.unit_id, appealIds: u.appeal_ids, handlingIds: u.handling_ids ?? [] };
    }),
    coordinators: ['g370000_coord'],
    intakeUsers: intake.length ? intake.map((x) => x.username) : [INTAKE_USER],
  };
}

type Samples = Record<Op, number[]>;
const emptySamples = (): Samples => ({ workbench: [], page: [], search: [], figures: [], dashboard: [], action: [], intake: [] });

/**
 * Each worker is one user: one request at a time. Without `rate` (closed loop) a user sends the next
 * request as soon as the last is answered — the most the app can serve, where by Little's law the
 * latency is the users ÷ the throughput. With `rate` (requests per second over all users) a user
 * starts a request on average every clients ÷ rate seconds (exponential gaps, as people click, drawn
 * from a fixed sequence per worker), or at once when the last answer came later than that: the
 * latency people meet at that load.
 */
async function loop(clients: number, seconds: number, ops: readonly Op[], run: (w: number, op: Op, i: number) => Promise<unknown>, rate?: number) {
  const samples = emptySamples();
  const stopAt = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const meanGapMs = rate ? (clients / rate) * 1000 : 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      const pick = picker(w, ops);
      const gap = uniform(w + 7919);
      // Paced users start spread over one mean gap, not all at once.
      let next = performance.now() + (rate ? gap() * meanGapMs : 0);
      for (let i = 0; ; i++) {
        if (rate) {
          const wait = next - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        if (performance.now() >= stopAt) break;
        const op = pick();
        const t = performance.now();
        await run(w, op, i);
        samples[op].push(performance.now() - t);
        if (rate) next = Math.max(t, next) + -Math.log(1 - gap()) * meanGapMs;
      }
    }),
  );
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

/** A fixed sequence of uniform numbers in [0, 1) per seed (an LCG): the op picker's and the paced gaps'. */
function uniform(seed: number) {
  let x = seed * 2654435761;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** Logs every worker in (its own session), `parallel` logins at a time (argon2 is CPU-heavy). */
async function sessions(url: string, names: string[], parallel = 8): Promise<Session[]> {
  const out: Session[] = [];
  for (let i = 0; i < names.length; i += parallel) out.push(...(await Promise.all(names.slice(i, i + parallel).map((n) => login(url, n, GEN_PASSWORD)))));
  return out;
}

/** The mixed workload over HTTP against the app at `url`: a closed loop, or paced at `rate` requests a second (loop). */
export async function mixedHttp(url: string, plan: MixedPlan, seconds: number, rate?: number) {
  const clients = plan.staff.length;
  const staff = await sessions(
    url,
    plan.staff.map((s) => s.username),
  );
  // Coordinators (search, figures) and intake clerks: a session per worker too, of the few such users.
  const coord = await sessions(
    url,
    plan.staff.map((_, w) => plan.coordinators[w % plan.coordinators.length]),
  );
  const intake = await sessions(
    url,
    plan.staff.map((_, w) => plan.intakeUsers[w % plan.intakeUsers.length]),
  );
  const q = encodeURIComponent(KEYWORD);
  const figures = `${url}/api/appeals/figures?from=${encodeURIComponent(plan.read.from)}&to=${encodeURIComponent(plan.read.to)}`;
  let conflicts = 0;
  let skipped = 0;
  const contact = async (w: number, i: number) => {
    const ids = plan.staff[w].handlingIds;
    if (!ids.length) {
      skipped++;
      return;
    }
    const id = ids[(i + w) % ids.length];
    for (let attempt = 0; attempt < 3; attempt++) {
      // The version the user's open page shows (read as part of the action, as the page had it).
      const page = JSON.parse(Buffer.from(await get(`${url}/api/appeals/${id}`, staff[w])).toString()) as { version: number; state: string };
      if (page.state !== 'handling') {
        skipped++;
        return;
      }
      const r = await post(
        `${url}/api/appeals/${id}/contact`,
        { ...staff[w], 'content-type': 'application/json' },
        JSON.stringify({ version: page.version, method: 'phone', withWhom: '企业联系人', note: `压测联系记录 ${w}-${i}` }),
      );
      if (r.status === 200) return;
      if (r.status !== 409) throw new Error(`contact: ${r.status}`);
      conflicts++;
    }
  };
  const run = async (w: number, op: Op, i: number) => {
    const s = plan.staff[w];
    switch (op) {
      case 'workbench':
        return get(`${url}/api/appeals?view=lead&open=true`, staff[w]);
      case 'page': {
        const id = s.appealIds[(i * 7 + w) % s.appealIds.length];
        return Promise.all([get(`${url}/api/appeals/${id}`, staff[w]), get(`${url}/api/appeals/${id}/messages`, staff[w])]);
      }
      case 'search':
        return get(`${url}/api/appeals?q=${q}`, coord[w]);
      case 'figures':
        return get(figures, coord[w]);
      case 'dashboard':
        return get(`${url}/api/dashboard`, coord[w]);
      case 'action':
        return contact(w, i);
      case 'intake': {
        const r = await post(
          `${url}/api/appeals`,
          { ...intake[w], 'content-type': 'application/json', 'idempotency-key': `mixed-${process.pid}-${Date.now()}-${w}-${i}` },
          intakeBody(i, s.unitId),
        );
        if (r.status !== 201) throw new Error(`intake: ${r.status}`);
        return;
      }
    }
  };
  // A short warm-up (caches, JIT), then the measured run.
  await loop(clients, Math.min(2, seconds), OPS, run, rate);
  const r = await loop(clients, seconds, OPS, run, rate);
  return { ...r, conflicts, skipped, rate };
}

/** The same reads' SQL through `pg`, as many concurrent clients on a pool as large as the app's; writes are not replayed. */
export async function mixedBaseline(dbUrl: string, plan: MixedPlan, seconds: number, rate?: number) {
  const pool = new pg.Pool({ connectionString: dbUrl, max: MIXED_POOL });
  try {
    const perWorker = plan.staff.map((s) => ({ ...plan.read, appealIds: s.appealIds }));
    const run = (w: number, op: Op, i: number) => {
      const p = perWorker[w];
      const [text, values] = RAW_READS[op as (typeof READ_OPS)[number]](p, i * 7 + w);
      return pool.query(text, values);
    };
    await loop(plan.staff.length, Math.min(2, seconds), READ_OPS, run, rate);
    return await loop(plan.staff.length, seconds, READ_OPS, run, rate);
  } finally {
    await pool.end();
  }
}

const LABEL: Record<Op, string> = {
  workbench: 'workbench (unit staff)',
  page: 'appeal page (appeal + messages)',
  search: `keyword search “${KEYWORD}”`,
  figures: '三率/2115 figures, province-year',
  dashboard: 'dashboard, province-year with 16 cities',
  action: 'contact record (page read + POST)',
  intake: 'intake POST /api/appeals',
};

export function mixedRows(label: string, app: Awaited<ReturnType<typeof mixedHttp>>, base: Awaited<ReturnType<typeof mixedBaseline>> | null): Row[] {
  const clients = MIXED_CLIENTS;
  const who = app.rate ? `${clients} users at ${app.rate} req/s` : `${clients} users`;
  const total = OPS.reduce((s, o) => s + app.samples[o].length, 0);
  const rows: Row[] = OPS.map((op) => {
    const a = summarize(app.samples[op]);
    const b = base && (READ_OPS as readonly string[]).includes(op) ? summarize(base.samples[op]) : null;
    const read = TARGET_OPS.includes(op);
    return {
      scenario: `mixed ${who}: ${LABEL[op]} (${Math.round((100 * a.n) / Math.max(1, total))} %)`,
      database: label,
      p50: a.p50,
      p95: a.p95,
      throughput: a.n / app.seconds,
      unit: 'req/s',
      baseline: b ? `p95 ${b.p95.toFixed(2)} ms, ${Math.round(b.n / base!.seconds)}/s (same SQL via pg)` : 'n/a',
      ratio: b ? `${(a.p95 / b.p95).toFixed(1)}×` : '',
      target: read ? `p95 ≤ ${TARGET_MS} ms` : '',
      ok: read ? a.p95 <= TARGET_MS : undefined,
    };
  });
  rows.push({
    scenario: `mixed ${who}: all requests`,
    database: label,
    throughput: total / app.seconds,
    unit: 'req/s',
    baseline: base ? `${Math.round(READ_OPS.reduce((s, o) => s + base.samples[o].length, 0) / base.seconds)} reads/s via pg` : 'n/a',
    note:
      `${app.rate ? `paced: a request per user every ${(clients / app.rate).toFixed(2)} s on average` : 'closed loop'}, ${clients} sessions of the province's generated staff, coordinator and intake users; ` +
      `${app.conflicts} contact records retried after a 409, ${app.skipped} skipped (no handling appeal)`,
  });
  return rows;
}
