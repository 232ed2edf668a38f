// The appeals behind a unit's figure over a period (issue 16, R8.1 drill-down): for each 2115 milestone
// the appeals in its denominator (received in the period, due and done or overdue — milestoneCounts'
// rule), counted when done on time; for 解决率 the appeals received with a result, counted when solved;
// for 满意率 the evaluations given in the period, counted when 满意 or 基本满意. The same conditions as
// the figures (appeals.rollup.ts, appeals.figures.ts), so the list's length is the denominator and its
// counted rows the numerator.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';

export const FIGURE_MEASURES = ['contact', 'opinion', 'resolution', 'resolved', 'evaluated'] as const;
export type FigureMeasure = (typeof FIGURE_MEASURES)[number];

export type FigureAppeal = {
  id: string;
  number: string;
  title: string;
  state: string;
  receivedAt: Date;
  /** The milestone's due and done instants; for 解决率 the result; for 满意率 the evaluation's instant and rating. */
  dueAt: Date | null;
  doneAt: Date | null;
  detail: string | null;
  counted: boolean;
};

const LIMIT = 500;

export async function figureAppeals(
  db: DbOrTx,
  q: { tenantId: string; unitId: string; from: Date; to: Date; measure: FigureMeasure; now: Date },
): Promise<{ items: FigureAppeal[]; total: number; counted: number }> {
  const base = sql`a.tenant_id = ${q.tenantId} AND a.lead_unit_id = ${q.unitId}`;
  const received = sql`a.received_at >= ${q.from} AND a.received_at < ${q.to}`;
  let query;
  if (q.measure === 'evaluated') {
    query = sql`
      SELECT a.id, a.number, a.title, a.state, a.received_at AS "receivedAt", NULL::timestamptz AS "dueAt", ev.at AS "doneAt",
        ev.payload->>'rating' AS detail, (ev.payload->>'rating' IN ('satisfied', 'basically_satisfied')) AS counted
      FROM appeal_events ev JOIN appeals a ON a.id = ev.appeal_id
      WHERE ev.tenant_id = ${q.tenantId} AND ev.type = 'evaluate' AND ev.at >= ${q.from} AND ev.at < ${q.to} AND ${base}
      ORDER BY ev.at DESC, ev.id DESC`;
  } else if (q.measure === 'resolved') {
    query = sql`
      SELECT a.id, a.number, a.title, a.state, a.received_at AS "receivedAt", NULL::timestamptz AS "dueAt", a.closed_at AS "doneAt",
        a.result_kind AS detail, (a.result_kind = 'solved') AS counted
      FROM appeals a
      WHERE ${base} AND ${received} AND a.result_kind IS NOT NULL
      ORDER BY a.received_at DESC, a.id`;
  } else {
    const due = sql.raw(`a.${q.measure}_due_at`);
    const done = sql.raw(`a.${q.measure}_done_at`);
    query = sql`
      SELECT a.id, a.number, a.title, a.state, a.received_at AS "receivedAt", ${due} AS "dueAt", ${done} AS "doneAt",
        NULL::text AS detail, (${done} IS NOT NULL AND ${done} <= ${due}) AS counted
      FROM appeals a
      WHERE ${base} AND ${received} AND ${due} IS NOT NULL
        AND (${done} IS NOT NULL OR (${due} < ${q.now} AND a.state NOT IN ('paused', 'closed')))
      ORDER BY a.received_at DESC, a.id`;
  }
  const rows = await queryRows<FigureAppeal & { receivedAt: Date | string; dueAt: Date | string | null; doneAt: Date | string | null }>(db, query);
  const at = (d: Date | string | null) => (d === null ? null : new Date(d));
  return {
    total: rows.length,
    counted: rows.filter((r) => r.counted).length,
    items: rows.slice(0, LIMIT).map((r) => ({ ...r, receivedAt: at(r.receivedAt)!, dueAt: at(r.dueAt), doneAt: at(r.doneAt), counted: Boolean(r.counted) })),
  };
}
