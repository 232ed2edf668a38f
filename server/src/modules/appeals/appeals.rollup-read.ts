// Figures read from the appeals' roll-up for the dashboard and the reports (issue 16, R7.2, R8.1):
// counts per tenant × Asia/Shanghai month × lead unit from appeal_figures_monthly and appeal_figures_daily,
// with the days touched by timeline events the roll-up has not seen recomputed live — the same rule as
// appeals.rollup.ts figuresFromRollup, widened to several tenants (the province's view of its cities) and
// grouped by month. A tenant the roll-up has not built yet is computed live for every day of the period.
// Overdue-now figures read the open appeals through appeals_open_unit_due_idx.
import { sql, type SQL } from 'drizzle-orm';
import { queryShaped, sqlArray, sqlUuidList, type DbOrTx } from '../../db/client.ts';
import { bucketRows, COUNT_COLUMNS, rollupStates, touchedBuckets, unseenEvents } from './appeals.rollup.ts';

export type CountRow = Record<(typeof COUNT_COLUMNS)[number], number>;
export type MonthRow = CountRow & { tenant_id: string; month: string; unit_id: string | null };

const unitFilter = (col: SQL, units: readonly string[] | null) =>
  units === null ? sql`true` : units.length ? sql`${col} IN (${sqlUuidList(units)})` : sql`false`;

/** The first day of the month after `day`'s month ('YYYY-MM-DD'). */
function nextMonthStart(day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Counts per tenant × month ('YYYY-MM') × lead unit (unit_id null when `byUnit` is false) for the days
 * [fromDay, toDay) of `tenantIds`, restricted to lead units `units` (null = all).
 *
 * Three sources, chosen so that every day is counted once: the monthly roll-up for whole months no
 * unseen event touches; the daily roll-up for the days of partial months (the current one) and of
 * months with touched days; and, live, the days touched by events the roll-up has not seen (usually
 * none), plus every day of a tenant the roll-up has not built yet.
 */
export async function monthlyCounts(
  db: DbOrTx,
  q: { tenantIds: readonly string[]; fromDay: string; toDay: string; units: readonly string[] | null; now: Date; byUnit: boolean },
): Promise<{ rows: MonthRow[]; source: 'rollup' | 'live' }> {
  if (!q.tenantIds.length || q.fromDay >= q.toDay) return { rows: [], source: 'rollup' };
  const states = await rollupStates(db, q.tenantIds);
  const built = q.tenantIds.filter((t) => states.has(t));
  const unbuilt = q.tenantIds.filter((t) => !states.has(t));
  const inRange = (col: SQL) => sql`${col} >= ${q.fromDay}::date AND ${col} < ${q.toDay}::date`;

  // 1. The days touched by events the stored buckets have not seen.
  const unseen = unseenEvents(built.map((t) => states.get(t)!));
  const touched = built.length
    ? await queryShaped<{ tenant_id: string; day: string }>(
        db,
        'figures_touched',
        sql`SELECT t.tenant_id, t.day::text AS day FROM (${touchedBuckets({ afterId: unseen.after, uptoId: null, holes: unseen.holes, tenantId: built.length === 1 ? built[0] : undefined })}) t
            WHERE t.tenant_id IN (${sqlUuidList(built)}) AND ${inRange(sql`t.day`)}`,
      )
    : [];
  const touchedMonths = new Set(touched.map((t) => `${t.tenant_id}|${monthStart(t.day)}`));

  // 2. Whole months inside the period, and the daily ranges around and inside them.
  const fullFrom = q.fromDay.endsWith('-01') ? q.fromDay : nextMonthStart(q.fromDay);
  let fullTo = fullFrom;
  while (nextMonthStart(fullTo) <= q.toDay) fullTo = nextMonthStart(fullTo);
  const ranges: { tenant_id: string; from: string; to: string }[] = [];
  for (const t of built) {
    if (fullFrom >= fullTo) ranges.push({ tenant_id: t, from: q.fromDay, to: q.toDay });
    else {
      if (q.fromDay < fullFrom) ranges.push({ tenant_id: t, from: q.fromDay, to: fullFrom });
      if (fullTo < q.toDay) ranges.push({ tenant_id: t, from: fullTo, to: q.toDay });
    }
  }
  for (const key of touchedMonths) {
    const [tenant, month] = key.split('|');
    if (month >= fullFrom && month < fullTo) ranges.push({ tenant_id: tenant, from: month, to: nextMonthStart(month) });
  }
  const skipMonths = [...touchedMonths].map((k) => ({ tenant_id: k.split('|')[0], month: k.split('|')[1] }));
  // Live: the touched days, and every day of an unbuilt tenant.
  const liveDays = [...touched];
  for (const t of unbuilt) for (let d = q.fromDay; d < q.toDay; d = nextDay(d)) liveDays.push({ tenant_id: t, day: d });

  const cols = sql.raw(COUNT_COLUMNS.join(', '));
  const fcols = sql.raw(COUNT_COLUMNS.map((k) => `f.${k}`).join(', '));
  const sums = sql.raw(COUNT_COLUMNS.map((k) => `coalesce(sum(${k}), 0)::int AS ${k}`).join(', '));
  const unitCol = q.byUnit ? sql`r.unit_id` : sql`NULL::uuid`;
  // The lists computed above, each parsed once (MATERIALIZED) rather than again for every stored row a
  // NOT EXISTS filters.
  const lists = sql`skip AS MATERIALIZED (SELECT * FROM jsonb_to_recordset(${JSON.stringify(skipMonths)}::jsonb) AS s(tenant_id uuid, month date)),
    touched AS MATERIALIZED (SELECT * FROM jsonb_to_recordset(${JSON.stringify(touched)}::jsonb) AS t(tenant_id uuid, day date)),
    live AS MATERIALIZED (SELECT * FROM jsonb_to_recordset(${JSON.stringify(liveDays)}::jsonb) AS x(tenant_id uuid, day date)),
    rng AS MATERIALIZED (SELECT * FROM jsonb_to_recordset(${JSON.stringify(ranges)}::jsonb) AS g(tenant_id uuid, "from" date, "to" date))`;
  const parts: SQL[] = [];
  if (built.length && fullFrom < fullTo) {
    parts.push(sql`
      SELECT m.tenant_id, m.month, m.unit_id, ${cols} FROM appeal_figures_monthly m
      WHERE m.tenant_id IN (${sqlUuidList(built)}) AND m.month >= ${fullFrom}::date AND m.month < ${fullTo}::date AND ${unitFilter(sql`m.unit_id`, q.units)}
        AND NOT EXISTS (SELECT 1 FROM skip s WHERE s.tenant_id = m.tenant_id AND s.month = m.month)`);
  }
  // One index range scan per range (LATERAL, kept apart by OFFSET 0: flattened into a join, the planner
  // hashed the whole daily table, 47 ms), in one part whatever their number: a part per range made the
  // province's statement with its 16 cities cost 9 ms to plan against 2 ms to run (issue 20).
  if (ranges.length) {
    parts.push(sql`
      SELECT f.tenant_id, date_trunc('month', f.day::timestamp)::date, f.unit_id, ${fcols}
      FROM rng g CROSS JOIN LATERAL (
        SELECT * FROM appeal_figures_daily d
        WHERE d.tenant_id = g.tenant_id AND d.day >= g."from" AND d.day < g."to" AND ${unitFilter(sql`d.unit_id`, q.units)}
        OFFSET 0) f
      WHERE NOT EXISTS (SELECT 1 FROM touched t WHERE t.tenant_id = f.tenant_id AND t.day = f.day)`);
  }
  if (liveDays.length) {
    // Each live day is computed on its own (LATERAL: index range scans of that tenant's day). Joined as a
    // relation, the planner misjudged the days' rows and scanned all of appeals and appeal_events in
    // parallel: at 1M the province-year's statement with 9 touched days took 2.3–3.4 s, with 18 now 21 ms
    // (issue 20; under the mixed bench's load such a dashboard request ended in a 503).
    parts.push(sql`
      SELECT b.tenant_id, date_trunc('month', b.day::timestamp)::date, b.unit_id, ${cols}
      FROM live lv CROSS JOIN LATERAL (${bucketRows(sql`(SELECT lv.tenant_id, lv.day)`, q.now)}) b
      WHERE ${inRange(sql`b.day`)} AND ${unitFilter(sql`b.unit_id`, q.units)}`);
  }
  if (!parts.length) return { rows: [], source: unbuilt.length ? 'live' : 'rollup' };
  const rows = await queryShaped<MonthRow>(
    db,
    'figures_months',
    sql`WITH ${lists}
        SELECT r.tenant_id, to_char(r.month::timestamp, 'YYYY-MM') AS month, ${unitCol} AS unit_id, ${sums}
        FROM (${sql.join(parts, sql` UNION ALL `)}) r(tenant_id, month, unit_id, ${cols})
        GROUP BY 1, 2, 3
        ORDER BY 1, 2`,
  );
  return { rows, source: unbuilt.length ? 'live' : 'rollup' };
}

/** 'YYYY-MM-DD' of the next calendar day. */
function nextDay(day: string): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export type OverdueRow = {
  id: string;
  number: string;
  title: string;
  enterprise_name: string;
  unit_id: string | null;
  unit_name: string | null;
  milestone: 'contact' | 'opinion' | 'resolution' | null;
  due_at: string | Date;
  is_major: boolean;
};

/** Open appeals of a tenant past their next 2115 deadline now: count per lead unit and the `limit` longest overdue. */
export async function overdueNow(db: DbOrTx, q: { tenantId: string; units: readonly string[] | null; now: Date; limit: number }) {
  const where = sql`a.tenant_id = ${q.tenantId} AND a.closed_at IS NULL AND a.next_due_at < ${q.now} AND ${unitFilter(sql`a.lead_unit_id`, q.units)}`;
  const [byUnit, items] = await Promise.all([
    queryShaped<{ unit_id: string | null; unit_name: string | null; count: number }>(
      db,
      'overdue_by_unit',
      sql`SELECT a.lead_unit_id AS unit_id, u.name AS unit_name, count(*)::int AS count
        FROM appeals a LEFT JOIN units u ON u.id = a.lead_unit_id
        WHERE ${where}
        GROUP BY a.lead_unit_id, u.name, u.sort_order
        ORDER BY count(*) DESC, u.sort_order NULLS FIRST, u.name`,
    ),
    queryShaped<OverdueRow>(
      db,
      'overdue_items',
      sql`SELECT a.id, a.number, a.title, a.enterprise_name, a.lead_unit_id AS unit_id, u.name AS unit_name, a.next_due_at AS due_at, a.is_major,
          CASE WHEN a.contact_done_at IS NULL AND a.contact_due_at = a.next_due_at THEN 'contact'
               WHEN a.opinion_done_at IS NULL AND a.opinion_due_at = a.next_due_at THEN 'opinion'
               WHEN a.resolution_done_at IS NULL AND a.resolution_due_at = a.next_due_at THEN 'resolution' END AS milestone
        FROM appeals a LEFT JOIN units u ON u.id = a.lead_unit_id
        WHERE ${where}
        ORDER BY a.next_due_at, a.id
        LIMIT ${q.limit}`,
    ),
  ]);
  return { byUnit, items };
}

/** R8.1 overdue-now counts per tenant (the province's view of its cities: a count, no case file). */
export async function overdueCounts(db: DbOrTx, tenantIds: readonly string[], now: Date) {
  if (!tenantIds.length) return new Map<string, number>();
  // One count per tenant, each an index-only range of appeals_open_due_idx. Asked for all of them at
  // once, PostgreSQL read the province-wide overdue rows through appeals_sweep_idx and filtered them by
  // tenant (15 ms at 1M against 2.5 ms; issue 20).
  const rows = await queryShaped<{ tenant_id: string; n: number }>(
    db,
    'overdue_cities',
    sql`SELECT t.id AS tenant_id,
          (SELECT count(*)::int FROM appeals a WHERE a.tenant_id = t.id AND a.closed_at IS NULL AND a.next_due_at < ${now}) AS n
        FROM unnest(${sqlArray(tenantIds, 'uuid')}) AS t(id)`,
  );
  return new Map(rows.map((r) => [r.tenant_id, r.n]));
}
