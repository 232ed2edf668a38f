// Reads: the workbench list of a unit, the appeal page, keyword search (Chinese), the 三率/2115
// figures of a tenant-year and the dashboard of the province-year (issue 16), over HTTP as generated users; each against the equivalent single SQL
// query sent directly (pg, or the PGlite instance) so the ratio says how much the app adds.
import { sql } from 'drizzle-orm';
import { queryRows } from '../server/src/db/client.ts';
import { shanghaiDate } from '../server/src/domain/calendar/index.ts';
import { likePattern, queryWords } from '../server/src/modules/appeals/appeals.search.ts';
import type { BenchDb } from './capture.ts';
import { get, sequential, type Row, type Session } from './lib.ts';

export const KEYWORD = '许可证';

export type ReadPlan = {
  provinceId: string;
  unitId: string;
  staffUser: string;
  appealIds: string[];
  from: string;
  to: string;
};

/** The provincial unit with the most open appeals, its first generated staff member, appeals to open, the current year. */
export async function readPlan(b: BenchDb): Promise<ReadPlan> {
  const db = b.database.db;
  const [u] = await queryRows<{ tenant_id: string; unit_id: string; username: string }>(
    db,
    sql`
    SELECT a.tenant_id, a.lead_unit_id AS unit_id, min(us.username) AS username
    FROM appeals a JOIN tenants t ON t.id = a.tenant_id AND t.code = '370000'
    JOIN users us ON us.unit_id = a.lead_unit_id AND us.username LIKE 'g370000\\_u%\\_staff%' ESCAPE '\\'
    WHERE a.closed_at IS NULL GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
  );
  const ids = await queryRows<{ id: string }>(
    db,
    sql`
    SELECT id FROM appeals WHERE tenant_id = ${u.tenant_id} AND lead_unit_id = ${u.unit_id} ORDER BY md5(id::text) LIMIT 300`,
  );
  const year = Number(shanghaiDate(new Date()).slice(0, 4));
  return {
    provinceId: u.tenant_id,
    unitId: u.unit_id,
    staffUser: u.username,
    appealIds: ids.map((x) => x.id),
    from: `${year}-01-01T00:00:00+08:00`,
    to: `${year + 1}-01-01T00:00:00+08:00`,
  };
}

type Raw = (text: string, values: unknown[]) => Promise<unknown>;

export function rawRunner(b: BenchDb, pool?: { query: (t: string, v: unknown[]) => Promise<unknown> }): Raw {
  if (b.pglite) return (t, v) => b.pglite!.query(t, v);
  return (t, v) => pool!.query(t, v);
}

/**
 * Requests per read of one client, after WARM unmeasured ones. A server answers these all day: with 10
 * warm-up requests the first few hundred measured still ran partly unoptimized (V8's JIT), and 300
 * samples put the p95 on 15 requests.
 */
const N = 1000;
const WARM = 100;

/**
 * The equivalent single statements of the reads, [text, values] for the i-th call (issue 20: shared
 * with the mixed workload, bench/mixed.ts).
 */
export const RAW_READS = {
  workbench: (p: ReadPlan): [string, unknown[]] => [
    `SELECT a.* FROM appeals a WHERE a.tenant_id = $1 AND a.lead_unit_id = $2 AND a.closed_at IS NULL
      ORDER BY a.next_due_at ASC NULLS LAST, a.id LIMIT 20`,
    [p.provinceId, p.unitId],
  ],
  page: (p: ReadPlan, i: number): [string, unknown[]] => [
    `SELECT a.*, (SELECT json_agg(e ORDER BY e.id) FROM appeal_events e WHERE e.appeal_id = a.id) AS events
      FROM appeals a WHERE a.id = $1`,
    [p.appealIds[i % p.appealIds.length]],
  ],
  search: (p: ReadPlan): [string, unknown[]] => [
    `SELECT a.* FROM appeals a WHERE a.tenant_id = $1
      AND (a.search_vector @@ plainto_tsquery('simple', $2) OR a.title ILIKE $3) ORDER BY a.received_at DESC NULLS LAST, a.id LIMIT 20`,
    [p.provinceId, queryWords(KEYWORD), likePattern(KEYWORD)],
  ],
  figures: (p: ReadPlan): [string, unknown[]] => [
    `SELECT state, count(*) FROM appeals WHERE tenant_id = $1 AND received_at >= $2 AND received_at < $3 GROUP BY state`,
    [p.provinceId, p.from, p.to],
  ],
  // Issue 16: what the dashboard shows per month for the province and each city, counted straight
  // from the appeals (received and closed by tenant and month) — the cost without the roll-up.
  dashboard: (p: ReadPlan): [string, unknown[]] => [
    `SELECT a.tenant_id, date_trunc('month', a.received_at AT TIME ZONE 'Asia/Shanghai') AS m, count(*), count(a.closed_at)
           FROM appeals a JOIN tenants t ON t.id = a.tenant_id
           WHERE (t.id = $1 OR t.parent_id = $1) AND a.received_at >= $2 AND a.received_at < $3 GROUP BY 1, 2`,
    [p.provinceId, p.from, p.to],
  ],
};

/** The equivalent single statements, timed the same way as the requests. */
export async function readBaselines(raw: Raw, p: ReadPlan) {
  const run = (k: keyof typeof RAW_READS) => (i: number) => raw(...RAW_READS[k](p, i));
  return {
    workbench: await sequential(N, run('workbench'), WARM),
    page: await sequential(N, run('page'), WARM),
    search: await sequential(100, run('search')),
    figures: await sequential(30, run('figures'), 3),
    dashboard: await sequential(30, run('dashboard'), 3),
  };
}

export async function readRequests(url: string, staff: Session, coord: Session, p: ReadPlan) {
  const q = encodeURIComponent(KEYWORD);
  return {
    workbench: await sequential(N, () => get(`${url}/api/appeals?view=lead&open=true`, staff), WARM),
    page: await sequential(N, (i) => get(`${url}/api/appeals/${p.appealIds[i % p.appealIds.length]}`, staff), WARM),
    search: await sequential(100, () => get(`${url}/api/appeals?q=${q}`, coord)),
    figures: await sequential(30, () => get(`${url}/api/appeals/figures?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`, coord), 3),
    // The province-wide view: the province's units, overdue now, and its 16 cities' aggregates.
    dashboard: await sequential(100, () => get(`${url}/api/dashboard?year=${p.from.slice(0, 4)}`, coord), 5),
  };
}

type Stat = { p50: number; p95: number; rate: number };

export function readRows(
  label: string,
  app: Record<keyof Awaited<ReturnType<typeof readBaselines>>, Stat>,
  base: Record<string, Stat>,
  openInUnit: number,
): Row[] {
  const row = (key: string, scenario: string, target: number, baselineWhat: string): Row => {
    const a = app[key as keyof typeof app];
    const r = base[key];
    return {
      scenario,
      database: label,
      p50: a.p50,
      p95: a.p95,
      throughput: a.rate,
      unit: 'req/s',
      baseline: `p95 ${r.p95.toFixed(2)} ms (${baselineWhat})`,
      ratio: `${(a.p95 / r.p95).toFixed(1)}×`,
      target: `p95 ≤ ${target} ms`,
      ok: a.p95 <= target,
    };
  };
  // Issue 20's targets (at 1M appeals on the server, 50k on PGlite): the page p95 ≤ 5 / ≤ 10 ms, the
  // workbench ≤ 10 / ≤ 15 ms, search and the province-year figures ≤ 50 ms on both.
  const embedded = label === 'PGlite';
  return [
    row('workbench', `workbench: 20 open of a unit (${openInUnit.toLocaleString('en-US')} open)`, embedded ? 15 : 10, 'index read'),
    row('page', 'appeal page GET /api/appeals/:id', embedded ? 10 : 5, 'row + timeline'),
    row('search', `keyword search “${KEYWORD}” (tenant)`, 50, 'tsvector/trgm'),
    row('figures', '三率/2115 figures, province, this year', 50, 'status counts'),
    row('dashboard', 'dashboard, province-year with 16 cities (GET /api/dashboard)', 50, 'received/closed by tenant × month from appeals'),
  ];
}
