// Figures (capability 4 / R7.2): computed from the milestones and the timeline, never typed in.
// For a tenant, a unit (or the caller's unit / portfolio) and a period [from, to):
// received, closed, answered on the spot, on-time rate of each 2115 milestone, resolution rate and
// satisfaction rate. A period of whole Asia/Shanghai days (a month, a year: what the dashboards ask)
// is read from the roll-up (appeals.rollup.ts) once it has been built; any other period, or before
// the first build, is the live aggregate below. Both count the same way (tested against each other).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, sqlUuidList } from '../../db/client.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { hasRole, type AuthedCtx } from '../../lib/context.ts';
import { parseInstant, shanghaiDate } from '../../domain/calendar/index.ts';
import { figuresFromRollup, milestoneCounts, rollupState } from './appeals.rollup.ts';
import { appealClock } from './appeals.env.ts';

type Counts = {
  received: number;
  closed: number;
  answeredOnSpot: number;
  contactOnTime: number;
  contactDue: number;
  opinionOnTime: number;
  opinionDue: number;
  resolutionOnTime: number;
  resolutionDue: number;
  solved: number;
  resolved: number;
  satisfied: number;
  evaluated: number;
};
const KEYS: (keyof Counts)[] = [
  'received',
  'closed',
  'answeredOnSpot',
  'contactOnTime',
  'contactDue',
  'opinionOnTime',
  'opinionDue',
  'resolutionOnTime',
  'resolutionDue',
  'solved',
  'resolved',
  'satisfied',
  'evaluated',
];

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);

function withRates(c: Counts) {
  return {
    ...c,
    /** Share of milestones met on time among those done or already due (R6.2). */
    contactOnTimeRate: rate(c.contactOnTime, c.contactDue),
    opinionOnTimeRate: rate(c.opinionOnTime, c.opinionDue),
    resolutionOnTimeRate: rate(c.resolutionOnTime, c.resolutionDue),
    /** 解决率: solved (incl. answered on the spot) among appeals with a result. */
    resolutionRate: rate(c.solved, c.resolved),
    /** 满意率: 满意 + 基本满意 among evaluations given in the period. */
    satisfactionRate: rate(c.satisfied, c.evaluated),
  };
}

/** `d` is 00:00 of an Asia/Shanghai day: the day, else null. */
function wholeDay(d: Date): string | null {
  const day = shanghaiDate(d);
  return parseInstant(`${day}T00:00:00+08:00`).getTime() === d.getTime() ? day : null;
}

export async function figures(ctx: AuthedCtx, q: { from: Date; to: Date; unitId?: string }) {
  const actor = ctx.actor;
  const now = appealClock.now();
  // Data scope: tenant-wide roles any unit (or all); unit scope their unit; leaders their portfolio.
  let units: string[] | null = null;
  const tenantWide = actor.scope === 'tenant' || hasRole(actor, 'intake', 'coordinator', 'oversight');
  if (!tenantWide) units = actor.scope === 'portfolio' ? actor.portfolioUnitIds : actor.unitId ? [actor.unitId] : [];
  if (q.unitId) {
    if (units && !units.includes(q.unitId)) throw new AppError(ErrorCode.NOT_FOUND, '处室不存在或不在您的数据范围内');
    units = [q.unitId];
  }
  const unitWhere: SQL = units === null ? sql`true` : units.length ? sql`a.lead_unit_id IN (${sqlUuidList(units)})` : sql`false`;
  const fromDay = wholeDay(q.from);
  const toDay = wholeDay(q.to);
  const state = fromDay && toDay ? await rollupState(ctx.db, actor.tenantId) : null;
  const rows =
    fromDay && toDay && state !== null
      ? await figuresFromRollup(ctx.db, { tenantId: actor.tenantId, fromDay, toDay, units, state, now })
      : await liveFigures(ctx, q, unitWhere, now);
  const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const byUnit = rows.map((r) => {
    const c = {} as Counts;
    for (const [k, v] of Object.entries(r)) if (KEYS.includes(camel(k) as keyof Counts)) c[camel(k) as keyof Counts] = Number(v);
    return { unitId: (r.unit_id as string | null) ?? null, unitName: (r.unit_name as string | null) ?? null, ...withRates(c) };
  });
  const totals = Object.fromEntries(KEYS.map((k) => [k, byUnit.reduce((s, u) => s + u[k], 0)])) as Counts;
  return {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    unitId: q.unitId ?? null,
    source: state !== null ? ('rollup' as const) : ('live' as const),
    totals: withRates(totals),
    byUnit,
  };
}

/** The live aggregate over the appeals table (any period; the reference the roll-up is tested against). */
export async function liveFigures(ctx: AuthedCtx, q: { from: Date; to: Date }, unitWhere: SQL, now: Date) {
  const actor = ctx.actor;
  const rp = sql`rp`;
  const m = { contact: milestoneCounts('contact', now, rp), opinion: milestoneCounts('opinion', now, rp), resolution: milestoneCounts('resolution', now, rp) };
  return queryRows<Record<string, number | string | null>>(
    ctx.db,
    sql`
    WITH x AS (
      SELECT a.*, (a.received_at >= ${q.from} AND a.received_at < ${q.to}) AS rp
      FROM appeals a
      WHERE a.tenant_id = ${actor.tenantId} AND ${unitWhere}
        AND ((a.received_at >= ${q.from} AND a.received_at < ${q.to}) OR (a.closed_at >= ${q.from} AND a.closed_at < ${q.to}))
    ), m AS (
      SELECT lead_unit_id,
        count(*) FILTER (WHERE rp)::int AS received,
        count(*) FILTER (WHERE closed_at >= ${q.from} AND closed_at < ${q.to})::int AS closed,
        count(*) FILTER (WHERE rp AND close_reason = 'answered_on_spot')::int AS answered_on_spot,
        ${m.contact.onTime} AS contact_on_time, ${m.contact.due} AS contact_due,
        ${m.opinion.onTime} AS opinion_on_time, ${m.opinion.due} AS opinion_due,
        ${m.resolution.onTime} AS resolution_on_time, ${m.resolution.due} AS resolution_due,
        count(*) FILTER (WHERE rp AND result_kind = 'solved')::int AS solved,
        count(*) FILTER (WHERE rp AND result_kind IS NOT NULL)::int AS resolved
      FROM x GROUP BY lead_unit_id
    ), e AS (
      SELECT a.lead_unit_id,
        count(*) FILTER (WHERE ev.payload->>'rating' IN ('satisfied', 'basically_satisfied'))::int AS satisfied,
        count(*)::int AS evaluated
      FROM appeal_events ev JOIN appeals a ON a.id = ev.appeal_id
      WHERE ev.tenant_id = ${actor.tenantId} AND ev.type = 'evaluate' AND ev.at >= ${q.from} AND ev.at < ${q.to} AND ${unitWhere}
      GROUP BY a.lead_unit_id
    )
    SELECT coalesce(m.lead_unit_id, e.lead_unit_id) AS unit_id, u.name AS unit_name,
      coalesce(m.received, 0) AS received, coalesce(m.closed, 0) AS closed, coalesce(m.answered_on_spot, 0) AS answered_on_spot,
      coalesce(m.contact_on_time, 0) AS contact_on_time, coalesce(m.contact_due, 0) AS contact_due,
      coalesce(m.opinion_on_time, 0) AS opinion_on_time, coalesce(m.opinion_due, 0) AS opinion_due,
      coalesce(m.resolution_on_time, 0) AS resolution_on_time, coalesce(m.resolution_due, 0) AS resolution_due,
      coalesce(m.solved, 0) AS solved, coalesce(m.resolved, 0) AS resolved,
      coalesce(e.satisfied, 0) AS satisfied, coalesce(e.evaluated, 0) AS evaluated
    FROM m FULL JOIN e ON coalesce(e.lead_unit_id::text, '') = coalesce(m.lead_unit_id::text, '')
    LEFT JOIN units u ON u.id = coalesce(m.lead_unit_id, e.lead_unit_id)
    ORDER BY u.sort_order NULLS FIRST, u.name`,
  );
}
