// The dashboard of a tenant-year (issue 16, R7.2, R8.1): received/closed by month, 三率 and the three
// 2115 on-time rates by unit, overdue now (list and by unit), the satisfaction trend, each city's
// aggregate for the province, and the panels other modules fill (dashboard.slots.ts).
//
// Who sees what (the appeals module's data scope, docs/APPEALS.md §4): tenant-wide roles (intake,
// coordinator, oversight, scope 'tenant') the whole tenant; a leader (scope 'portfolio') the units of
// their portfolio (分管); a unit-scoped user their unit. The province's tenant-wide viewers also see each
// city bureau's aggregate — figures and an overdue count, never a city appeal (R8.1).
import type { Dashboard, DashboardCity, DashboardUnit, OverdueItem } from '../../../../shared/api/dashboard.ts';
import { MILESTONES, type Milestone } from '../../../../shared/appeals.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { dayAfter, periodOf } from '../../domain/reports/periods.ts';
import { invalid } from '../../errors.ts';
import { hasRole, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { appealClock, overdueCounts, overdueNow } from '../appeals/index.ts';
import { listChildCities, tenantName } from '../tenants/index.ts';
import { listUnits } from '../units/index.ts';
import { periodFigures, withRates, zeroCounts } from './dashboard.figures.ts';
import { sharedRead, sharedReads, slot, type SlotQuery } from './dashboard.slots.ts';

export const OVERDUE_LIST_LIMIT = 50;

export type ViewerScope = { kind: 'tenant' | 'portfolio' | 'unit'; units: string[] | null };

/** The lead units a viewer's figures cover (null = the whole tenant), as the appeals figures do. */
export function viewerScope(actor: Actor): ViewerScope {
  if (actor.scope === 'tenant' || hasRole(actor, 'intake', 'coordinator', 'oversight')) return { kind: 'tenant', units: null };
  if (actor.scope === 'portfolio') return { kind: 'portfolio', units: [...actor.portfolioUnitIds] };
  return { kind: 'unit', units: actor.unitId ? [actor.unitId] : [] };
}

/** R8.1 city aggregates: a province viewer with a tenant-wide scope. */
export const seesCities = (actor: Actor, scope: ViewerScope) => actor.tenantKind === 'province' && scope.kind === 'tenant';

export async function dashboard(ctx: AuthedCtx, q: { year?: number }): Promise<Dashboard> {
  const actor = ctx.actor;
  const now = appealClock.now();
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));
  const year = q.year ?? thisYear;
  if (year > thisYear) throw invalid({ year: `不能查看未来年度（当前为${thisYear}年）` });
  const period = periodOf('annual', String(year));
  // The current year runs to the end of today; a past year is whole.
  const toDay = year === thisYear ? dayAfter(now) : period.toDay;
  const months = year === thisYear ? period.months.filter((m) => m <= today.slice(0, 7)) : period.months;
  const scope = viewerScope(actor);
  // The panels read some of what the dashboard reads (its units, cities, figures): once per request.
  const slotQuery: SlotQuery = { db: ctx.db, tenantId: actor.tenantId, year, units: scope.units, now, shared: sharedReads() };

  // Independent reads are sent together (issue 20: on the server each waits for its own round trip;
  // PGlite runs them one after another on its one session as before).
  const cityReads = seesCities(actor, scope)
    ? sharedRead(slotQuery, listChildCities, actor.tenantId).then(async (children) => {
        const ids = children.map((c) => c.id);
        const [f, od] = await Promise.all([
          periodFigures(ctx.db, { tenantIds: ids, fromDay: period.fromDay, toDay, units: null, now, byUnit: false }),
          overdueCounts(ctx.db, ids, now),
        ]);
        return { children, f, od };
      })
    : null;
  const [names, own, overdue, cityData, [survey, quotas, assessment, hotTopics], tenantTitle] = await Promise.all([
    sharedRead(slotQuery, listUnits, actor.tenantId, true),
    sharedRead(slotQuery, periodFigures, { tenantIds: [actor.tenantId], fromDay: period.fromDay, toDay, units: scope.units, now, byUnit: true }),
    overdueNow(ctx.db, { tenantId: actor.tenantId, units: scope.units, now, limit: OVERDUE_LIST_LIMIT }),
    cityReads,
    Promise.all([slot('survey', slotQuery), slot('quotas', slotQuery), slot('assessment', slotQuery), slot('hotTopics', slotQuery)]),
    tenantName(ctx.db, actor.tenantId),
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  const orderOf = new Map(names.map((u, i) => [u.id, i]));
  const overdueOf = new Map(overdue.byUnit.map((r) => [r.unit_id, r.count]));

  const unitIds = new Set<string | null>([...own.byUnit.keys(), ...overdueOf.keys()]);
  // A leader's or unit's own units are listed even without figures this year.
  for (const u of scope.units ?? []) unitIds.add(u);
  const units: DashboardUnit[] = [...unitIds]
    .map((id) => ({
      unitId: id,
      unitName: id ? (nameOf.get(id) ?? '（已撤销的处室）') : null,
      overdueNow: overdueOf.get(id) ?? 0,
      ...withRates(own.byUnit.get(id) ?? zeroCounts()),
    }))
    .sort((a, b) => (a.unitId === null ? -1 : b.unitId === null ? 1 : (orderOf.get(a.unitId) ?? 1e9) - (orderOf.get(b.unitId) ?? 1e9)));

  let cities: DashboardCity[] | null = null;
  if (cityData) {
    const { children, f, od } = cityData;
    cities = children.map((c) => {
      const t = f.byTenant.get(c.id);
      return {
        tenantId: c.id,
        code: c.code,
        name: c.name,
        overdueNow: od.get(c.id) ?? 0,
        months: months.map((m) => {
          const x = t?.byMonth.get(m);
          return { month: m, received: x?.received ?? 0, closed: x?.closed ?? 0 };
        }),
        ...withRates(t?.totals ?? zeroCounts()),
      };
    });
  }

  const scopeNames = (scope.units ?? []).map((u) => nameOf.get(u)).filter((n): n is string => !!n);
  return {
    tenant: { id: actor.tenantId, name: tenantTitle, kind: actor.tenantKind },
    year,
    from: period.from.toISOString(),
    to: (year === thisYear ? now : period.to).toISOString(),
    asOf: now.toISOString(),
    scope: {
      kind: scope.kind,
      label:
        scope.kind === 'tenant' ? '全部处室' : scope.kind === 'portfolio' ? `分管处室：${scopeNames.join('、') || '无'}` : `本处室：${scopeNames[0] ?? '无'}`,
      unitCount: scope.units === null ? names.length : scope.units.length,
    },
    source: own.source,
    totals: withRates(own.totals),
    months: months.map((m) => ({ month: m, ...withRates(own.byMonth.get(m) ?? zeroCounts()) })),
    units,
    overdue: {
      total: overdue.byUnit.reduce((s, r) => s + r.count, 0),
      byUnit: overdue.byUnit.map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, count: r.count })),
      items: overdue.items.map(
        (r): OverdueItem => ({
          id: r.id,
          number: r.number,
          title: r.title,
          enterpriseName: r.enterprise_name,
          unitId: r.unit_id,
          unitName: r.unit_name,
          milestone: r.milestone && (MILESTONES as readonly string[]).includes(r.milestone) ? (r.milestone as Milestone) : null,
          dueAt: new Date(r.due_at).toISOString(),
          isMajor: r.is_major,
        }),
      ),
    },
    cities,
    slots: { survey, quotas, assessment, hotTopics },
  };
}
