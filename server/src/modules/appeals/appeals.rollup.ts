// Figures roll-up (issue 8, R7.2): the counts of appeal_figures_daily — per tenant × Asia/Shanghai
// day × lead unit — so a dashboard over a tenant-year sums a few thousand stored rows instead of
// scanning the year's appeals (PERFORMANCE.md: "dashboards … should read roll-ups maintained as
// events happen").
//
// How the roll-up stays true: every change to an appeal writes a timeline event (appeal_events);
// the 'figures-rollup' task reads the events since its cursor, works out which (tenant, day) buckets
// they touch and recomputes those buckets from the appeals (never increments, so a re-run is
// harmless). A reader that asks between two runs gets the stored buckets for untouched days and the
// touched days computed live in the same statement (figuresFromRollup), so a dashboard never shows a
// count older than the last change. A tenant without a cursor (appeal_figures_tenants) is built in
// full by the next run; until then its figures are the live aggregate.
//
// Exactly which events a run has seen: ids come from a sequence when a row is inserted, and a
// transaction may commit after a later-numbered one, so "every id up to the cursor" is not what a run
// saw. The run works in one snapshot (REPEATABLE READ) and stores, with the cursor, the ids at or below
// it that the snapshot did not contain (`holes`: a transaction in flight, or an id never used). The
// events to recompute — for the next run and for every reader — are those above the cursor and those
// in `holes` that have appeared since: usually none or a handful, instead of re-reading a fixed window
// of the last events (at 1M appeals that window cost a reader 250 ms per tenant-year).
//
// Attribution is that of the live aggregate (appeals.figures.ts): received-based counts (2115
// milestones, results) on the day of receipt, `closed` on the day of closing, evaluations on the day
// they were given. A milestone still open counts as due once its deadline has passed at the time its
// bucket was computed; the SLA sweep writes an 'overdue' event when that happens, which touches the
// bucket again within a minute.
import { sql, type SQL } from 'drizzle-orm';
import { queryPrepared, queryRows, queryShaped, sqlArray, sqlUuidList, type DbOrTx } from '../../db/client.ts';
import { listTenants } from '../tenants/index.ts';
import { latestEventId } from './appeals.public.repository.ts';
import { MILESTONE_KEYS, type AppealRow } from './appeals.repository.ts';

export const COUNT_COLUMNS = [
  'received',
  'closed',
  'answered_on_spot',
  'contact_on_time',
  'contact_due',
  'opinion_on_time',
  'opinion_due',
  'resolution_on_time',
  'resolution_due',
  'solved',
  'resolved',
  'satisfied',
  'evaluated',
] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

/**
 * The appeal columns the figures count (bucketRows, milestoneCounts), besides the evaluate events:
 * an action that changes none of them, nor whether the appeal is paused or closed, changes no figure
 * (test/appeals/rollup.test.ts checks that bucketRows reads no other column of the appeal).
 */
export const FIGURE_INPUTS = [
  'tenantId',
  'receivedAt',
  'leadUnitId',
  'closeReason',
  'closedAt',
  ...MILESTONE_KEYS,
  'resultKind',
] as const satisfies readonly (keyof AppealRow)[];

const counted = (v: unknown) => (v instanceof Date ? v.getTime() : (v ?? null));
/** The state as the figures see it: only whether a clock counts as late ('due') depends on it. */
const stateClass = (state: string) => (state === 'paused' || state === 'closed' ? state : 'open');

/**
 * Issue 20, R7.2: whether an update of an appeal (before → after) can change a figure; its timeline
 * events touch the buckets (appeal_events.touches_figures) only then, or when one is an evaluation.
 */
export function changesFigures(before: Pick<AppealRow, (typeof FIGURE_INPUTS)[number] | 'state'>, after: typeof before): boolean {
  return stateClass(before.state) !== stateClass(after.state) || FIGURE_INPUTS.some((k) => counted(before[k]) !== counted(after[k]));
}

/** The Asia/Shanghai calendar day of an instant column. */
const dayOf = (col: SQL) => sql`((${col}) AT TIME ZONE 'Asia/Shanghai')::date`;
/** Start of a day (date column) as an instant. */
const dayStart = (col: SQL) => sql`((${col})::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const dayEnd = (col: SQL) => sql`(((${col}) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * R6.2 on-time and due counts of one 2115 milestone among the rows passing `cond`: on time = done by
 * its deadline; due = done, or open and already past its deadline (a paused clock is not late).
 * Shared by the live aggregate and the roll-up so both count the same way.
 */
export function milestoneCounts(m: 'contact' | 'opinion' | 'resolution', now: Date, cond: SQL = sql`true`) {
  const due = sql.raw(`${m}_due_at`);
  const done = sql.raw(`${m}_done_at`);
  return {
    onTime: sql`count(*) FILTER (WHERE ${cond} AND ${done} IS NOT NULL AND ${due} IS NOT NULL AND ${done} <= ${due})::int`,
    due: sql`count(*) FILTER (WHERE ${cond} AND ${due} IS NOT NULL AND (${done} IS NOT NULL OR (${due} < ${now} AND state NOT IN ('paused', 'closed'))))::int`,
  };
}

const zeros = (cols: readonly CountColumn[]) => sql.raw(cols.map((c) => `0 AS ${c}`).join(', '));

/**
 * Bucket rows (tenant_id, day, unit_id, counts…) for the (tenant, day) pairs of the relation named
 * `scope` (columns tenant_id, day), or for every appeal when scope is null.
 */
export function bucketRows(scope: SQL | null, now: Date): SQL {
  const join = (tenantCol: SQL, at: SQL) =>
    scope ? sql`JOIN ${scope} d ON ${tenantCol} = d.tenant_id AND ${at} >= ${dayStart(sql`d.day`)} AND ${at} < ${dayEnd(sql`d.day`)}` : sql``;
  const c = milestoneCounts('contact', now);
  const o = milestoneCounts('opinion', now);
  const r = milestoneCounts('resolution', now);
  return sql`
    SELECT tenant_id, day, unit_id, ${sql.raw(COUNT_COLUMNS.map((k) => `sum(${k})::int AS ${k}`).join(', '))}
    FROM (
      SELECT a.tenant_id, ${dayOf(sql`a.received_at`)} AS day, a.lead_unit_id AS unit_id,
        count(*)::int AS received, 0 AS closed,
        count(*) FILTER (WHERE a.close_reason = 'answered_on_spot')::int AS answered_on_spot,
        ${c.onTime} AS contact_on_time, ${c.due} AS contact_due,
        ${o.onTime} AS opinion_on_time, ${o.due} AS opinion_due,
        ${r.onTime} AS resolution_on_time, ${r.due} AS resolution_due,
        count(*) FILTER (WHERE a.result_kind = 'solved')::int AS solved,
        count(*) FILTER (WHERE a.result_kind IS NOT NULL)::int AS resolved,
        0 AS satisfied, 0 AS evaluated
      FROM appeals a ${join(sql`a.tenant_id`, sql`a.received_at`)}
      GROUP BY 1, 2, 3
      UNION ALL
      SELECT a.tenant_id, ${dayOf(sql`a.closed_at`)}, a.lead_unit_id, 0, count(*)::int,
        ${zeros(['answered_on_spot', 'contact_on_time', 'contact_due', 'opinion_on_time', 'opinion_due', 'resolution_on_time', 'resolution_due', 'solved', 'resolved', 'satisfied', 'evaluated'])}
      FROM appeals a ${join(sql`a.tenant_id`, sql`a.closed_at`)}
      WHERE a.closed_at IS NOT NULL
      GROUP BY 1, 2, 3
      UNION ALL
      SELECT ev.tenant_id, ${dayOf(sql`ev.at`)}, a.lead_unit_id,
        ${zeros(['received', 'closed', 'answered_on_spot', 'contact_on_time', 'contact_due', 'opinion_on_time', 'opinion_due', 'resolution_on_time', 'resolution_due', 'solved', 'resolved'])},
        count(*) FILTER (WHERE ev.payload->>'rating' IN ('satisfied', 'basically_satisfied'))::int,
        count(*)::int
      FROM appeal_events ev JOIN appeals a ON a.id = ev.appeal_id ${join(sql`ev.tenant_id`, sql`ev.at`)}
      WHERE ev.type = 'evaluate'
      GROUP BY 1, 2, 3
    ) parts
    GROUP BY tenant_id, day, unit_id`;
}

/**
 * The (tenant, day) buckets touched by the events with afterId < id ≤ uptoId (no upper end: null), and
 * by the events whose id is in `holes`: the day of receipt and the day of closing of the appeal, and the
 * day of the event, under the event's tenant and the appeal's current one (a transfer to a city moves an
 * appeal between tenants). Only events that can change a figure (touches_figures; changesFigures).
 * `tenantId`: only that tenant's buckets.
 *
 * `receipt`: only the day of receipt, and only for events of these types — for a roll-up whose buckets
 * depend on nothing an action changes after intake (the hot words: text, category, sector, receipt
 * day), where every other event would make readers and the next run recompute days for nothing.
 */
export function touchedBuckets({
  afterId,
  uptoId,
  holes,
  tenantId,
  receipt,
}: {
  afterId: number;
  uptoId: number | null;
  holes: readonly number[];
  tenantId?: string;
  receipt?: { types: readonly string[] };
}): SQL {
  // Served by appeal_events' primary key (a range of ids, a few single ids) and appeals' primary key.
  // The holes are always named (an empty array matches nothing): one text for any of them, which
  // figuresFromRollup sends as a prepared statement.
  const range = sql`(e.id > ${afterId} ${uptoId === null ? sql`` : sql`AND e.id <= ${uptoId}`})`;
  const days = receipt
    ? sql`(e.tenant_id, ${dayOf(sql`a.received_at`)}), (a.tenant_id, ${dayOf(sql`a.received_at`)})`
    : sql`(e.tenant_id, ${dayOf(sql`a.received_at`)}), (a.tenant_id, ${dayOf(sql`a.received_at`)}),
          (e.tenant_id, ${dayOf(sql`e.at`)}), (a.tenant_id, ${dayOf(sql`e.at`)}), (a.tenant_id, ${dayOf(sql`a.closed_at`)})`;
  return sql`
    SELECT DISTINCT x.tenant_id, x.day
    FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id,
      LATERAL (VALUES ${days}) x(tenant_id, day)
    WHERE (${range} OR e.id = ANY(${sqlArray(holes, 'bigint')})) AND x.day IS NOT NULL
      AND ${receipt ? sql`e.type = ANY(${sqlArray(receipt.types, 'text')})` : sql`e.touches_figures`}
      ${tenantId ? sql`AND x.tenant_id = ${tenantId}` : sql``}`;
}

const INSERT_COLUMNS = sql.raw(`tenant_id, day, unit_id, ${COUNT_COLUMNS.join(', ')}, computed_at`);
const SELECT_COLUMNS = sql.raw(`tenant_id, day, unit_id, ${COUNT_COLUMNS.join(', ')}`);
const UNIT_COUNTS = sql.raw(`unit_id, ${COUNT_COLUMNS.join(', ')}`);

const MONTH_INSERT_COLUMNS = sql.raw(`tenant_id, month, unit_id, ${COUNT_COLUMNS.join(', ')}, computed_at`);
const MONTH_SUMS = sql.raw(COUNT_COLUMNS.map((k) => `sum(f.${k})::int AS ${k}`).join(', '));
const MONTH_SUM_COLUMNS = sql.raw(COUNT_COLUMNS.map((k) => `m.${k}`).join(', '));

/**
 * Recomputes the monthly buckets (appeal_figures_monthly) of the (tenant, month) pairs of the relation
 * `scope` (columns tenant_id, month) from the daily ones, which the caller has just written in the same
 * transaction.
 */
async function refreshMonths(db: DbOrTx, now: Date, scope: SQL) {
  await db.execute(sql`DELETE FROM appeal_figures_monthly m USING (${scope}) s WHERE m.tenant_id = s.tenant_id AND m.month = s.month`);
  // Each month summed on its own (LATERAL: a range of the daily key). As a join, PostgreSQL could not
  // estimate the list and hashed the whole daily table for every run (72 ms at 1M; issue 20).
  await db.execute(sql`
    INSERT INTO appeal_figures_monthly (${MONTH_INSERT_COLUMNS})
    SELECT s.tenant_id, s.month, m.unit_id, ${MONTH_SUM_COLUMNS}, ${now}::timestamptz
    FROM (${scope}) s CROSS JOIN LATERAL (
      SELECT f.unit_id, ${MONTH_SUMS} FROM appeal_figures_daily f
      WHERE f.tenant_id = s.tenant_id AND f.day >= s.month AND f.day < (s.month + interval '1 month')::date
      GROUP BY f.unit_id) m`);
}

/** Builds every bucket of `tenantIds` from scratch (daily, then monthly). Returns the daily rows written. */
export async function rebuildFigures(db: DbOrTx, now: Date, tenantIds: readonly string[]): Promise<number> {
  if (!tenantIds.length) return 0;
  const only = sql`tenant_id IN (${sqlUuidList(tenantIds)})`;
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`WITH del AS (DELETE FROM appeal_figures_daily WHERE ${only}),
         ins AS (INSERT INTO appeal_figures_daily (${INSERT_COLUMNS})
                 SELECT ${SELECT_COLUMNS}, ${now}::timestamptz FROM (${bucketRows(null, now)}) b WHERE ${only} RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
  );
  await db.execute(sql`DELETE FROM appeal_figures_monthly WHERE ${only}`);
  await refreshMonths(db, now, sql`SELECT DISTINCT tenant_id, date_trunc('month', day::timestamp)::date AS month FROM appeal_figures_daily WHERE ${only}`);
  return r.n;
}

/** Recomputes the buckets of `tenantIds` touched by events (afterId, uptoId] and by those in `holes`, and their months. */
export async function refreshTouched(db: DbOrTx, now: Date, afterId: number, uptoId: number, tenantIds: readonly string[], holes: readonly number[] = []) {
  if (!tenantIds.length) return { buckets: 0, n: 0, months: 0 };
  const [r] = await queryRows<{ buckets: number; n: number; months: { tenant_id: string; month: string }[] | null }>(
    db,
    sql`WITH touched AS MATERIALIZED (
           SELECT * FROM (${touchedBuckets({ afterId, uptoId, holes })}) t WHERE t.tenant_id IN (${sqlUuidList(tenantIds)})),
         del AS (DELETE FROM appeal_figures_daily f USING touched t WHERE f.tenant_id = t.tenant_id AND f.day = t.day),
         ins AS (INSERT INTO appeal_figures_daily (${INSERT_COLUMNS})
                 SELECT ${SELECT_COLUMNS}, ${now}::timestamptz FROM (${bucketRows(sql`touched`, now)}) b RETURNING 1)
       SELECT (SELECT count(*) FROM touched)::int AS buckets, (SELECT count(*) FROM ins)::int AS n,
         (SELECT json_agg(DISTINCT jsonb_build_object('tenant_id', tenant_id, 'month', date_trunc('month', day::timestamp)::date)) FROM touched) AS months`,
  );
  const months = r.months ?? [];
  if (months.length) {
    await refreshMonths(db, now, sql`SELECT x.tenant_id, x.month FROM jsonb_to_recordset(${JSON.stringify(months)}::jsonb) AS x(tenant_id uuid, month date)`);
  }
  return { buckets: r.buckets, n: r.n, months: months.length };
}

/** Ids below the previous cursor checked for holes on every run (a transaction that took its id earlier). */
export const ROLLUP_HOLE_MARGIN = 1000;
/** Holes further below the cursor than this are dropped (ids of transactions that rolled back stay holes forever). */
export const ROLLUP_HOLE_KEEP = 100_000;
export const ROLLUP_TASK = 'figures-rollup';

/**
 * One run of the 'figures-rollup' task (or, with `tenantIds`, of the tenants given — tests on a
 * shared database): tenants never built get all their buckets built; built tenants get the buckets
 * touched since their cursor recomputed; every cursor moves to the latest event. One transaction;
 * the scheduler runs it on one instance at a time. It takes no lock on tenants (intake's foreign
 * key checks would queue behind it).
 */
export async function runFiguresRollup(db: DbOrTx, now: Date, opts: { tenantIds?: readonly string[] } = {}) {
  const upto = await latestEventId(db);
  // One snapshot for every statement: the holes recorded are exactly the ids this run did not see.
  return db.transaction(
    async (tx) => {
      const only = opts.tenantIds ? new Set(opts.tenantIds) : null;
      const ids = (await listTenants(tx)).map((t) => t.id).filter((id) => !only || only.has(id));
      const states = await rollupStates(tx, ids);
      const rows = ids.map((id) => ({ id, cursor: states.get(id)?.cursor ?? null, holes: states.get(id)?.holes ?? null }));
      const missing = rows.filter((r) => r.cursor === null).map((r) => r.id);
      const built = rows.filter((r) => r.cursor !== null);
      const rebuiltRows = await rebuildFigures(tx, now, missing);
      const previous = built.length ? Math.min(...built.map((r) => Number(r.cursor))) : upto;
      const oldHoles = [...new Set(built.flatMap((r) => (r.holes ?? []).map(Number)))];
      const touched = await refreshTouched(
        tx,
        now,
        previous,
        upto,
        built.map((r) => r.id),
        oldHoles,
      );
      const holes = await saveCursors(tx, 'appeal_figures_tenants', ids, { previous, upto, oldHoles, now });
      return {
        result: { cursor: upto, built: missing.length, rebuiltRows, buckets: touched.buckets, rows: touched.n, months: touched.months, holes: holes.length },
      };
    },
    { isolationLevel: 'repeatable read' },
  );
}

/**
 * The end of a roll-up run (figures, hot words): every tenant's cursor moves to `upto`, with the ids
 * at or below it that this snapshot does not hold (holes: from a margin below the previous cursor,
 * and the old holes still missing). Returns the holes.
 */
export async function saveCursors(
  tx: DbOrTx,
  table: 'appeal_figures_tenants' | 'appeal_words_tenants',
  tenantIds: readonly string[],
  r: { previous: number; upto: number; oldHoles: readonly number[]; now: Date },
): Promise<number[]> {
  const [h] = await queryRows<{ holes: (number | string)[] | null }>(
    tx,
    sql`SELECT array_agg(g.id ORDER BY g.id) AS holes FROM (
          SELECT generate_series(${Math.max(1, Math.min(r.previous, r.upto) - ROLLUP_HOLE_MARGIN)}::bigint, ${r.upto}::bigint) AS id
          UNION SELECT unnest(${sqlArray(
            r.oldHoles.filter((x) => x > r.upto - ROLLUP_HOLE_KEEP),
            'bigint',
          )})) g
        WHERE g.id <= ${r.upto} AND NOT EXISTS (SELECT 1 FROM appeal_events e WHERE e.id = g.id)`,
  );
  const holes = (h?.holes ?? []).map(Number);
  if (tenantIds.length) {
    await tx.execute(sql`
      INSERT INTO ${sql.raw(table)} (tenant_id, cursor, holes, built_at, refreshed_at)
      SELECT id::uuid, ${r.upto}, ${sqlArray(holes, 'bigint')}, ${r.now}::timestamptz, ${r.now}::timestamptz
      FROM jsonb_array_elements_text(${JSON.stringify(tenantIds)}::jsonb) AS id
      ON CONFLICT (tenant_id) DO UPDATE SET cursor = EXCLUDED.cursor, holes = EXCLUDED.holes, refreshed_at = EXCLUDED.refreshed_at`);
  }
  return holes;
}

export type RollupState = { cursor: number; holes: number[] };

/** Where a tenant's buckets are current (cursor and holes), or null while it has never been built. */
export async function rollupState(db: DbOrTx, tenantId: string): Promise<RollupState | null> {
  return (await rollupStates(db, [tenantId])).get(tenantId) ?? null;
}

/** The event id up to which a tenant's buckets are current (holes aside), or null while it has never been built. */
export async function rollupCursor(db: DbOrTx, tenantId: string): Promise<number | null> {
  return (await rollupState(db, tenantId))?.cursor ?? null;
}

/** The states of the tenants among `tenantIds` whose buckets are built (a tenant missing from the map is not). */
export async function rollupStates(db: DbOrTx, tenantIds: readonly string[]): Promise<Map<string, RollupState>> {
  if (!tenantIds.length) return new Map();
  const rows = await queryShaped<{ tenant_id: string; cursor: number | string; holes: (number | string)[] | null }>(
    db,
    'rollup_states',
    sql`SELECT tenant_id, cursor, holes FROM appeal_figures_tenants WHERE tenant_id = ANY(${sqlArray(tenantIds, 'uuid')})`,
  );
  return new Map(rows.map((r) => [r.tenant_id, { cursor: Number(r.cursor), holes: (r.holes ?? []).map(Number) }]));
}

/** What a reader over several built tenants recomputes live: events above the lowest cursor, and every hole. */
export function unseenEvents(states: readonly RollupState[]): { after: number; holes: number[] } {
  if (!states.length) return { after: 0, holes: [] };
  return { after: Math.min(...states.map((s) => s.cursor)), holes: [...new Set(states.flatMap((s) => s.holes))] };
}

/**
 * Figures per lead unit for [fromDay, toDay) of one tenant from the roll-up: stored buckets for the
 * days no event has touched since the last run, the touched days computed live in the same query.
 * `units` null = every unit.
 */
export async function figuresFromRollup(
  db: DbOrTx,
  q: { tenantId: string; fromDay: string; toDay: string; units: readonly string[] | null; state: RollupState; now: Date },
) {
  // One text whatever the units and holes (parameters only), so on the server it is a named prepared
  // statement and PostgreSQL keeps a generic plan for it. At 1M with 29 touched days, on one connection:
  // 29–34 ms a call once the plan was kept, 37–43 ms planned each time; with nothing touched no
  // difference showed (docs/SCALING.md).
  const unitWhere = (col: SQL) => sql`(${q.units === null}::boolean OR ${col} = ANY(${sqlArray(q.units ?? [], 'uuid')}))`;
  const sums = sql.raw(COUNT_COLUMNS.map((k) => `coalesce(sum(${k}), 0)::int AS ${k}`).join(', '));
  return queryPrepared<Record<string, number | string | null>>(
    db,
    'figures_from_rollup',
    sql`WITH touched AS MATERIALIZED (
          SELECT * FROM (${touchedBuckets({ afterId: q.state.cursor, uptoId: null, holes: q.state.holes, tenantId: q.tenantId })}) t
          WHERE t.day >= ${q.fromDay}::date AND t.day < ${q.toDay}::date),
        rows AS (
          SELECT ${UNIT_COUNTS} FROM appeal_figures_daily f
          WHERE f.tenant_id = ${q.tenantId} AND f.day >= ${q.fromDay}::date AND f.day < ${q.toDay}::date AND ${unitWhere(sql`f.unit_id`)}
            AND NOT EXISTS (SELECT 1 FROM touched t WHERE t.day = f.day)
          UNION ALL
          SELECT ${UNIT_COUNTS} FROM (${bucketRows(sql`touched`, q.now)}) b
          WHERE b.tenant_id = ${q.tenantId} AND ${unitWhere(sql`b.unit_id`)})
      SELECT r.unit_id, u.name AS unit_name, ${sums}
      FROM rows r LEFT JOIN units u ON u.id = r.unit_id
      GROUP BY r.unit_id, u.name, u.sort_order
      ORDER BY u.sort_order NULLS FIRST, u.name`,
  );
}
