// R8.1 the annual assessment per unit (and, for the province, per city bureau): the 2115 on-time
// rates and 三率 from the dashboard's figures (the appeals roll-up, read through dashboard/index.ts —
// never recounted here), the survey's weighted index (surveys/index.ts), the supervision items, 通报,
// 约谈 and commendations (supervision/index.ts), and a score with the tenant's weights (shared/settings.ts).
// Per unit also the contact-point visits (R1.4, R1.8; contacts/index.ts) and research visits (R2.4;
// research/index.ts) of the year against their quotas (shown, not scored; cities: 未接入). No figure is
// typed in: each carries what it rests on (numerator/denominator, answers, the items behind it).
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { assessmentScore } from '../../domain/assessment/score.ts';
import { dayAfter, periodOf } from '../../domain/reports/periods.ts';
import { invalid, notFound } from '../../errors.ts';
import { hasRole, type AuthedCtx } from '../../lib/context.ts';
import { appealClock, figureAppeals } from '../appeals/index.ts';
import { visitTotalsByUnit } from '../contacts/index.ts';
import { periodFigures, sharedRead, withRates, zeroCounts, type Counts, type SlotQuery } from '../dashboard/index.ts';
import { researchQuotaOf } from '../research/index.ts';
import { supervisionCountsByTenant, supervisionCountsByUnit } from '../supervision/index.ts';
import { surveyIndexOfYear } from '../surveys/index.ts';
import { listChildCities, loadTenantSettings } from '../tenants/index.ts';
import { listUnits } from '../units/index.ts';
import type { TenantSettings } from '../../../../shared/settings.ts';
import type { AssessmentMeasure } from '../../../../shared/api/assessment.ts';
import type { DbOrTx } from '../../db/client.ts';

const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

type SupCounts = { items: string[]; notices: string[]; interviews: string[]; commendations: string[] };
const noSup = (): SupCounts => ({ items: [], notices: [], interviews: [], commendations: [] });

const ratio = (n: number, d: number) => ({ value: d > 0 ? Math.round((n / d) * 10000) / 10000 : null, numerator: n, denominator: d });

type QuotaCell = { status: 'not_connected' } | { status: 'ok'; done: number; required: number; n: number; met: boolean };
const NOT_CONNECTED: QuotaCell = { status: 'not_connected' };
type Quotas = { contactPointQuota: QuotaCell; researchQuota: QuotaCell };

/** R1.4 / R1.8 / R2.4 the unit's quotas of the year: contact-point visits of the points it carries, research visits. */
async function unitQuotas(db: DbOrTx, tenantId: string, year: number): Promise<(unitId: string) => Quotas> {
  const [visits, research] = await Promise.all([visitTotalsByUnit(db, tenantId, year), researchQuotaOf({ db }, tenantId, year)]);
  const byUnit = new Map(research.units.map((u) => [u.unitId, u]));
  return (unitId) => {
    const v = visits.get(unitId);
    const r = byUnit.get(unitId);
    return {
      contactPointQuota: v ? { status: 'ok', done: v.visits, required: v.required, n: v.points, met: v.visits >= v.required } : NOT_CONNECTED,
      researchQuota: r ? { status: 'ok', done: r.visits, required: r.required, n: 1, met: r.met } : NOT_CONNECTED,
    };
  };
}

function row(
  c: Counts,
  survey: { index: number | null; n: number } | null,
  sup: SupCounts,
  s: TenantSettings,
  quotas: Quotas = { contactPointQuota: NOT_CONNECTED, researchQuota: NOT_CONNECTED },
) {
  const r = withRates(c);
  const score = assessmentScore(
    {
      responseRate: r.responseRate,
      onTimeRates: [r.contactOnTimeRate, r.opinionOnTimeRate, r.resolutionOnTimeRate],
      resolutionRate: r.resolutionRate,
      satisfactionRate: r.satisfactionRate,
      surveyIndex: survey?.index ?? null,
      notices: sup.notices.length,
      interviews: sup.interviews.length,
      commendations: sup.commendations.length,
    },
    {
      response: s.assessmentWeightResponse,
      onTime: s.assessmentWeightOnTime,
      resolution: s.assessmentWeightResolution,
      satisfaction: s.assessmentWeightSatisfaction,
      survey: s.assessmentWeightSurvey,
    },
    { noticePenalty: s.assessmentNoticePenalty, interviewPenalty: s.assessmentInterviewPenalty, commendationBonus: s.assessmentCommendationBonus },
  );
  return {
    received: c.received,
    closed: c.closed,
    responseRate: ratio(c.contactOnTime, c.contactDue),
    contactOnTimeRate: ratio(c.contactOnTime, c.contactDue),
    opinionOnTimeRate: ratio(c.opinionOnTime, c.opinionDue),
    resolutionOnTimeRate: ratio(c.resolutionOnTime, c.resolutionDue),
    resolutionRate: ratio(c.solved, c.resolved),
    satisfactionRate: ratio(c.satisfied, c.evaluated),
    survey: survey ? { index: survey.index === null ? null : Math.round(survey.index * 10) / 10, n: survey.n } : { index: null, n: 0 },
    supervision: { items: sup.items, notices: sup.notices, interviews: sup.interviews, commendations: sup.commendations },
    /** Contact-point visits (R1.4, R1.8) and research (R2.4); not_connected where the unit carries none. */
    ...quotas,
    score: score.score,
    base: score.base,
    adjustment: score.adjustment,
    components: score.components,
  };
}

export async function assessment(ctx: AuthedCtx, q: { year?: number }) {
  const actor = ctx.actor;
  const now = appealClock.now();
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));
  const year = q.year ?? thisYear;
  if (year > thisYear) throw invalid({ year: `不能查看未来年度（当前为${thisYear}年）` });
  const period = periodOf('annual', String(year));
  const toDay = year === thisYear ? dayAfter(now) : period.toDay;
  const settings = (await loadTenantSettings(ctx.db, actor.tenantId)).settings;
  const seesAll = hasRole(actor, 'oversight', 'leader');
  const ownUnit = hasRole(actor, ...UNIT_ROLES) ? actor.unitId : null;

  const figures = await periodFigures(ctx.db, { tenantIds: [actor.tenantId], fromDay: period.fromDay, toDay, units: null, now, byUnit: true });
  const survey = await surveyIndexOfYear(ctx.db, actor.tenantId, year);
  const sup = new Map((await supervisionCountsByUnit(ctx.db, actor.tenantId, year)).map((r) => [r.unit_id, r as SupCounts]));
  const names = await listUnits(ctx.db, actor.tenantId, true);
  const quotasOf = await unitQuotas(ctx.db, actor.tenantId, year);
  const units = names
    .filter((u) => seesAll || u.id === ownUnit)
    .map((u) => ({
      unitId: u.id,
      unitName: u.name,
      ...row(figures.byUnit.get(u.id) ?? zeroCounts(), survey?.byUnit.get(u.id) ?? null, sup.get(u.id) ?? noSup(), settings, quotasOf(u.id)),
    }))
    .sort((a, b) => (b.score ?? -1e9) - (a.score ?? -1e9));

  let cities = null;
  if (actor.tenantKind === 'province' && seesAll) {
    const children = await listChildCities(ctx.db, actor.tenantId);
    const ids = children.map((c) => c.id);
    const f = await periodFigures(ctx.db, { tenantIds: ids, fromDay: period.fromDay, toDay, units: null, now, byUnit: false });
    const csup = new Map((await supervisionCountsByTenant(ctx.db, ids, year)).map((r) => [r.tenant_id, r as SupCounts]));
    cities = [];
    for (const c of children) {
      const cs = await surveyIndexOfYear(ctx.db, c.id, year);
      cities.push({
        tenantId: c.id,
        name: c.name,
        ...row(f.byTenant.get(c.id)?.totals ?? zeroCounts(), cs?.overall ?? null, csup.get(c.id) ?? noSup(), settings),
      });
    }
    cities.sort((a, b) => (b.score ?? -1e9) - (a.score ?? -1e9));
  }
  return {
    year,
    from: period.from.toISOString(),
    to: (year === thisYear ? now : period.to).toISOString(),
    asOf: now.toISOString(),
    source: figures.source,
    weights: {
      response: settings.assessmentWeightResponse,
      onTime: settings.assessmentWeightOnTime,
      resolution: settings.assessmentWeightResolution,
      satisfaction: settings.assessmentWeightSatisfaction,
      survey: settings.assessmentWeightSurvey,
      noticePenalty: settings.assessmentNoticePenalty,
      interviewPenalty: settings.assessmentInterviewPenalty,
      commendationBonus: settings.assessmentCommendationBonus,
    },
    survey: survey ? { surveyId: survey.surveyId, title: survey.title, n: survey.overall.n, sampled: survey.sampled } : null,
    units,
    cities,
  };
}

/**
 * Issue 16 drill-down: the appeals behind one figure of a unit's row in `year` (the appeals module's
 * figureAppeals, with the figures' own conditions). Who sees the row sees its appeals: 机关党委 and 厅领导
 * any unit of the tenant, a unit's staff their own; anything else 404 (cities' records stay theirs).
 */
export async function assessmentAppeals(ctx: AuthedCtx, q: { year: number; unitId: string; measure: AssessmentMeasure }) {
  const actor = ctx.actor;
  const now = appealClock.now();
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  if (q.year > thisYear) throw invalid({ year: `不能查看未来年度（当前为${thisYear}年）` });
  const seesAll = hasRole(actor, 'oversight', 'leader');
  const ownUnit = hasRole(actor, ...UNIT_ROLES) ? actor.unitId : null;
  const unit = (await listUnits(ctx.db, actor.tenantId, true)).find((u) => u.id === q.unitId);
  if (!unit || !(seesAll || unit.id === ownUnit)) throw notFound('处室');
  const period = periodOf('annual', String(q.year));
  const r = await figureAppeals(ctx.db, { tenantId: actor.tenantId, unitId: unit.id, from: period.from, to: period.to, measure: q.measure, now });
  return {
    year: q.year,
    unitId: unit.id,
    unitName: unit.name,
    measure: q.measure,
    denominator: r.total,
    numerator: r.counted,
    items: r.items.map((i) => ({
      ...i,
      receivedAt: i.receivedAt.toISOString(),
      dueAt: i.dueAt?.toISOString() ?? null,
      doneAt: i.doneAt?.toISOString() ?? null,
    })),
  };
}

/**
 * The dashboard's 年度考核 panel (modules/dashboard slots): the scores of the units in the viewer's
 * scope (the whole tenant: the ten best), each with the appeals received behind it as n.
 */
export async function assessmentSlot(q: SlotQuery) {
  const now = q.now ?? appealClock.now();
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  if (q.year > thisYear) return null;
  const period = periodOf('annual', String(q.year));
  const toDay = q.year === thisYear ? dayAfter(now) : period.toDay;
  // Independent reads, sent together (issue 20: the dashboard waits for this panel; one after another
  // they were the longest chain of its round trips).
  const [{ settings }, figures, survey, supRows, names] = await Promise.all([
    sharedRead(q, loadTenantSettings, q.tenantId),
    // The dashboard's own figures when its viewer sees the whole tenant (the same read, made once).
    sharedRead(q, periodFigures, { tenantIds: [q.tenantId], fromDay: period.fromDay, toDay, units: null, now, byUnit: true }),
    sharedRead(q, surveyIndexOfYear, q.tenantId, q.year),
    supervisionCountsByUnit(q.db, q.tenantId, q.year),
    sharedRead(q, listUnits, q.tenantId, true),
  ]);
  const sup = new Map(supRows.map((r) => [r.unit_id, r as SupCounts]));
  const rows = names
    .filter((u) => q.units === null || q.units.includes(u.id))
    .map((u) => ({ name: u.name, ...row(figures.byUnit.get(u.id) ?? zeroCounts(), survey?.byUnit.get(u.id) ?? null, sup.get(u.id) ?? noSup(), settings) }))
    .filter((r) => r.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
    .slice(0, q.units === null ? 10 : undefined);
  if (rows.length === 0) return null;
  return {
    status: 'ok' as const,
    title: '年度考核',
    explain: `${q.year}年度考核得分（R8.1）：响应率${settings.assessmentWeightResponse}、“2115”按时率${settings.assessmentWeightOnTime}、解决率${settings.assessmentWeightResolution}、满意率${settings.assessmentWeightSatisfaction}、满意度调查${settings.assessmentWeightSurvey}分加权，通报、约谈扣分，表扬加分；n 为受理件数。`,
    items: rows.map((r) => ({ label: r.name, value: r.score, unit: 'score' as const, n: r.received, target: null, hint: null })),
  };
}
