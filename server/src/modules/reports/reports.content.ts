// What a monthly or annual report says (issue 16): the figures of the period and the period before,
// the year to date, a twelve-month trend, each unit (and each city for the province, R8.1), overdue
// appeals at generation time, reopened appeals, major matters (R3.5) and the provincial leaders'
// transfers (R6.5). Figures come from the dashboard module (roll-up), lists from the appeals tables.
import type { FigureCounts } from '../../../../shared/api/dashboard.ts';
import { APPEAL_STATE_LABELS, type AppealState } from '../../../../shared/appeals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { periodOf, previousPeriod, twelveMonthsTo, type Period } from '../../domain/reports/periods.ts';
import { majorMatters, overdueCounts, overdueNow, reopenedIn } from '../appeals/index.ts';
import { periodFigures, withRates, zeroCounts } from '../dashboard/index.ts';
import { leaderReportLines, type LeaderReportLine } from '../escalation/index.ts';
import { listChildCities, tenantName } from '../tenants/index.ts';
import { listUnits } from '../units/index.ts';

/** The overdue list a report keeps (the .xlsx lists them all up to this; the .docx the first 200). */
export const REPORT_OVERDUE_LIMIT = 5000;

export type UnitLine = FigureCounts & { unitName: string; overdueNow: number };
export type CityLine = FigureCounts & { name: string; overdueNow: number };
export type ReportData = {
  tenant: { id: string; name: string; kind: 'province' | 'city' };
  period: Period;
  previous: Period;
  generatedAt: Date;
  totals: FigureCounts;
  previousTotals: FigureCounts;
  /** From 1 January to the end of the period (the annual report: the year itself). */
  yearToDate: FigureCounts;
  /** Twelve months to the period's last month (monthly), the year's months (annual). */
  trend: (FigureCounts & { month: string })[];
  units: UnitLine[];
  cities: CityLine[] | null;
  overdue: { total: number; items: { number: string; title: string; enterpriseName: string; unitName: string; milestone: string | null; dueAt: Date }[] };
  reopened: { number: string; title: string; unitName: string; at: Date; reopenCount: number }[];
  major: { number: string; title: string; enterpriseName: string; unitName: string; state: string; receivedAt: Date; closedAt: Date | null }[];
  leaderTransfers: LeaderReportLine[];
};

const d = (v: string | Date) => new Date(v);

export async function reportData(
  db: DbOrTx,
  q: { tenantId: string; tenantKind: 'province' | 'city'; kind: Period['kind']; key: string; now: Date },
): Promise<ReportData> {
  const period = periodOf(q.kind, q.key);
  const previous = previousPeriod(period);
  const lastMonth = period.months[period.months.length - 1];
  const trendMonths = q.kind === 'monthly' ? twelveMonthsTo(lastMonth) : period.months;
  const trendFrom = periodOf('monthly', trendMonths[0]).fromDay;
  const yearFrom = `${period.key.slice(0, 4)}-01-01`;
  const base = { tenantIds: [q.tenantId], units: null, now: q.now };

  // One read over the trend (which holds the period, and for a monthly report the months before it),
  // per unit; the year to date and the previous period are sums of its months where they fall inside.
  const span = await periodFigures(db, { ...base, fromDay: trendFrom < yearFrom ? trendFrom : yearFrom, toDay: period.toDay, byUnit: true });
  const sumMonths = (months: readonly string[]) => {
    const c = zeroCounts();
    for (const m of months) {
      const x = span.byMonth.get(m);
      if (x) for (const k of Object.keys(c) as (keyof typeof c)[]) c[k] += x[k];
    }
    return c;
  };
  const inPeriodByUnit = await periodFigures(db, { ...base, fromDay: period.fromDay, toDay: period.toDay, byUnit: true });
  const prevTotals =
    q.kind === 'monthly'
      ? withRates(sumMonths(previous.months))
      : withRates((await periodFigures(db, { ...base, fromDay: previous.fromDay, toDay: previous.toDay, byUnit: false })).totals);
  const ytdMonths = span.byMonth.size ? [...span.byMonth.keys()].filter((m) => m >= period.key.slice(0, 4) && m <= lastMonth) : [];

  const names = await listUnits(db, q.tenantId, true);
  const overdue = await overdueNow(db, { tenantId: q.tenantId, units: null, now: q.now, limit: REPORT_OVERDUE_LIMIT });
  const overdueOf = new Map(overdue.byUnit.map((r) => [r.unit_id, r.count]));
  const unitIds = new Set<string | null>([...inPeriodByUnit.byUnit.keys(), ...overdueOf.keys()]);
  const order = new Map(names.map((u, i) => [u.id, i]));
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  const units: UnitLine[] = [...unitIds]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9)))
    .map((id) => ({
      unitName: id ? (nameOf.get(id) ?? '（已撤销的处室）') : '（未派单）',
      overdueNow: overdueOf.get(id) ?? 0,
      ...withRates(inPeriodByUnit.byUnit.get(id) ?? zeroCounts()),
    }));

  let cities: CityLine[] | null = null;
  if (q.tenantKind === 'province') {
    const children = await listChildCities(db, q.tenantId);
    const ids = children.map((c) => c.id);
    const f = await periodFigures(db, { tenantIds: ids, fromDay: period.fromDay, toDay: period.toDay, units: null, now: q.now, byUnit: false });
    const od = await overdueCounts(db, ids, q.now);
    cities = children.map((c) => ({ name: c.name, overdueNow: od.get(c.id) ?? 0, ...withRates(f.byTenant.get(c.id)?.totals ?? zeroCounts()) }));
  }

  const reopened = await reopenedIn(db, q.tenantId, period.from, period.to);
  const major = await majorMatters(db, q.tenantId, period.from, period.to);
  const leaderTransfers = await leaderReportLines(db, q.tenantId, { from: period.from, to: period.to }, q.now);
  return {
    tenant: { id: q.tenantId, name: await tenantName(db, q.tenantId), kind: q.tenantKind },
    period,
    previous,
    generatedAt: q.now,
    totals: withRates(inPeriodByUnit.totals),
    previousTotals: prevTotals,
    yearToDate: withRates(q.kind === 'annual' ? inPeriodByUnit.totals : sumMonths(ytdMonths)),
    trend: trendMonths.map((m) => ({ month: m, ...withRates(span.byMonth.get(m) ?? zeroCounts()) })),
    units,
    cities,
    overdue: {
      total: overdue.byUnit.reduce((s, r) => s + r.count, 0),
      items: overdue.items.map((r) => ({
        number: r.number,
        title: r.title,
        enterpriseName: r.enterprise_name,
        unitName: r.unit_name ?? '（未派单）',
        milestone: r.milestone,
        dueAt: d(r.due_at),
      })),
    },
    reopened: reopened.map((r) => ({ number: r.number, title: r.title, unitName: r.unit_name ?? '（未派单）', at: d(r.at), reopenCount: r.reopen_count })),
    major: major.map((r) => ({
      number: r.number,
      title: r.title,
      enterpriseName: r.enterprise_name,
      unitName: r.unit_name ?? '（未派单）',
      state: APPEAL_STATE_LABELS[r.state as AppealState] ?? r.state,
      receivedAt: d(r.received_at),
      closedAt: r.closed_at ? d(r.closed_at) : null,
    })),
    leaderTransfers,
  };
}
