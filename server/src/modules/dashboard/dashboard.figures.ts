// Figures of a tenant over a period, as the dashboard and the reports show them (issue 16, R7.2):
// counts from the appeals' roll-up (appeals.rollup-read.ts), rates computed the appeals module's way.
import type { FigureCounts } from '../../../../shared/api/dashboard.ts';
import type { DbOrTx } from '../../db/client.ts';
import { monthlyCounts, type CountRow } from '../appeals/index.ts';

export type Counts = Omit<
  FigureCounts,
  'responseRate' | 'contactOnTimeRate' | 'opinionOnTimeRate' | 'resolutionOnTimeRate' | 'resolutionRate' | 'satisfactionRate'
>;

const KEYS = {
  received: 'received',
  closed: 'closed',
  answeredOnSpot: 'answered_on_spot',
  contactOnTime: 'contact_on_time',
  contactDue: 'contact_due',
  opinionOnTime: 'opinion_on_time',
  opinionDue: 'opinion_due',
  resolutionOnTime: 'resolution_on_time',
  resolutionDue: 'resolution_due',
  solved: 'solved',
  resolved: 'resolved',
  satisfied: 'satisfied',
  evaluated: 'evaluated',
} as const satisfies Record<keyof Counts, keyof CountRow>;

export const zeroCounts = (): Counts => Object.fromEntries(Object.keys(KEYS).map((k) => [k, 0])) as Counts;

export function addRow(into: Counts, row: CountRow): Counts {
  for (const [k, col] of Object.entries(KEYS)) into[k as keyof Counts] += Number(row[col]);
  return into;
}

export function addCounts(into: Counts, c: Counts): Counts {
  for (const k of Object.keys(KEYS)) into[k as keyof Counts] += c[k as keyof Counts];
  return into;
}

/** Same rounding as the appeals module's figures (4 decimals). */
const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);

/**
 * R7.2 the rates: each 2115 milestone's on-time rate (R6.2), 响应率 = the 2-hour contact on-time rate,
 * 解决率 and 满意率 — definitions of docs/APPEALS.md §8.
 */
export function withRates(c: Counts): FigureCounts {
  return {
    ...c,
    responseRate: rate(c.contactOnTime, c.contactDue),
    contactOnTimeRate: rate(c.contactOnTime, c.contactDue),
    opinionOnTimeRate: rate(c.opinionOnTime, c.opinionDue),
    resolutionOnTimeRate: rate(c.resolutionOnTime, c.resolutionDue),
    resolutionRate: rate(c.solved, c.resolved),
    satisfactionRate: rate(c.satisfied, c.evaluated),
  };
}

export type TenantFigures = {
  source: 'rollup' | 'live';
  totals: Counts;
  byMonth: Map<string, Counts>;
  byUnit: Map<string | null, Counts>;
  byTenant: Map<string, { totals: Counts; byMonth: Map<string, Counts> }>;
};

/** Counts of `tenantIds` over [fromDay, toDay), in total, by month, by lead unit and by tenant. */
export async function periodFigures(
  db: DbOrTx,
  q: { tenantIds: readonly string[]; fromDay: string; toDay: string; units: readonly string[] | null; now: Date; byUnit: boolean },
): Promise<TenantFigures> {
  const { rows, source } = await monthlyCounts(db, q);
  const out: TenantFigures = { source, totals: zeroCounts(), byMonth: new Map(), byUnit: new Map(), byTenant: new Map() };
  for (const r of rows) {
    addRow(out.totals, r);
    const m = out.byMonth.get(r.month) ?? zeroCounts();
    out.byMonth.set(r.month, addRow(m, r));
    const u = out.byUnit.get(r.unit_id) ?? zeroCounts();
    out.byUnit.set(r.unit_id, addRow(u, r));
    const t = out.byTenant.get(r.tenant_id) ?? { totals: zeroCounts(), byMonth: new Map<string, Counts>() };
    addRow(t.totals, r);
    t.byMonth.set(r.month, addRow(t.byMonth.get(r.month) ?? zeroCounts(), r));
    out.byTenant.set(r.tenant_id, t);
  }
  return out;
}
