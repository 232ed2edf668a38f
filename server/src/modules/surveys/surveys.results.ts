import { RESPONSE_MODE_LABELS, type SurveyAnswers } from '../../../../shared/surveys.ts';
import type { DbOrTx } from '../../db/client.ts';
import { sharedRead, type SlotQuery } from '../dashboard/index.ts';
import { surveyFigures, type GroupFigure } from '../../domain/surveys/results.ts';
import { hasRole, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { enterpriseNamesById } from '../enterprises/index.ts';
import { activeUnitsById } from '../units/index.ts';
import * as repo from './surveys.repository.ts';
import { cityName, load, seesAll, seesRespondents, stratumLabel, UNIT_ROLES } from './surveys.service.ts';

type Named = { key: string; name: string } & GroupFigure;

/**
 * Results by question, unit, city and stratum, weighted (domain/surveys/results.ts), n behind every
 * figure. Unit roles get the overall figures and their own unit's only, and never the answers one by one.
 */
export async function results(ctx: AuthedCtx, id: string) {
  const actor = ctx.actor;
  const s = await load(ctx.db, actor, id);
  const rows = await repo.responsesOf(ctx.db, actor.tenantId, id);
  const population = new Map(s.strata.map((x) => [x.key, x.population]));
  const inputs = rows.map(({ r, s: x }) => ({ stratum: x.stratum, unitId: x.unitId, cityCode: x.cityCode, answers: r.answers }));
  const f = surveyFigures(s.questions, inputs, population);
  const unitIds = [...new Set(rows.flatMap(({ s: x }) => (x.unitId ? [x.unitId] : [])))];
  const unitNames = await activeUnitsById(ctx.db, actor.tenantId, unitIds);
  const all = seesAll(actor);
  const ownUnit = hasRole(actor, ...UNIT_ROLES) ? actor.unitId : null;
  const byUnit: Named[] = f.byUnit
    .filter((g) => all || (ownUnit !== null && g.key === ownUnit))
    .map((g) => ({ ...g, name: g.key ? (unitNames.get(g.key)?.name ?? '（已停用处室）') : '未指定监管处室' }));
  const named = (gs: (typeof f.byCity)[number][], name: (k: string) => string): Named[] => (all ? gs.map((g) => ({ ...g, name: name(g.key) })) : []);
  let responses:
    | {
        id: string;
        enterpriseName: string;
        stratumLabel: string;
        unitName: string | null;
        mode: string;
        modeLabel: string;
        recordedByName: string | null;
        createdAt: string;
        answers: SurveyAnswers;
      }[]
    | null = null;
  if (seesRespondents(actor, s)) {
    const names = await enterpriseNamesById(
      ctx.db,
      actor.tenantId,
      rows.map(({ s: x }) => x.enterpriseId),
    );
    responses = rows.map(({ r, s: x }) => ({
      id: r.id,
      enterpriseName: names.get(x.enterpriseId)?.name ?? '',
      stratumLabel: stratumLabel(x.stratum),
      unitName: x.unitId ? (unitNames.get(x.unitId)?.name ?? null) : null,
      mode: r.mode,
      modeLabel: RESPONSE_MODE_LABELS[r.mode],
      recordedByName: r.recordedByName,
      createdAt: iso(r.createdAt)!,
      answers: r.answers,
    }));
  }
  return {
    surveyId: s.id,
    title: s.title,
    year: s.year,
    anonymous: s.anonymous,
    questions: s.questions,
    overall: f.overall,
    byUnit,
    byCity: named(f.byCity, cityName),
    byStratum: named(f.byStratum, stratumLabel),
    responses,
  };
}
export type SurveyResults = Awaited<ReturnType<typeof results>>;

/**
 * R8.1 the assessment's survey column (and the dashboard's survey panel): the weighted satisfaction
 * index of a tenant's survey of `year`, overall and per unit, with n; null when there is no survey
 * that year or it has not been opened.
 */
export async function surveyIndexOfYear(db: DbOrTx, tenantId: string, year: number) {
  const s = await repo.surveyOfYear(db, tenantId, year);
  if (!s || (s.state !== 'open' && s.state !== 'closed')) return null;
  const rows = await repo.responsesOf(db, tenantId, s.id);
  const population = new Map(s.strata.map((x) => [x.key, x.population]));
  const f = surveyFigures(
    s.questions,
    rows.map(({ r, s: x }) => ({ stratum: x.stratum, unitId: x.unitId, cityCode: x.cityCode, answers: r.answers })),
    population,
  );
  const sample = await repo.sampleOf(db, tenantId, s.id);
  return {
    surveyId: s.id,
    title: s.title,
    state: s.state,
    sampled: sample.length,
    overall: { index: f.overall.index, n: f.overall.n },
    byUnit: new Map(f.byUnit.map((g) => [g.key || null, { index: g.index, n: g.n }])),
  };
}

/**
 * The dashboard's 企业满意度调查 panel (modules/dashboard slots): the year's weighted index and
 * response rate, with the units in the viewer's scope (a leader's portfolio, a unit) by name.
 */
export async function surveySlot(q: SlotQuery) {
  const s = await sharedRead(q, surveyIndexOfYear, q.tenantId, q.year);
  if (!s) return null;
  // The scope's unit names with the sample (issue 20: two round trips at once rather than one after the other).
  const [sample, names] = await Promise.all([repo.sampleOf(q.db, q.tenantId, s.surveyId), q.units ? activeUnitsById(q.db, q.tenantId, q.units) : null]);
  const responded = sample.filter((x) => x.respondedAt).length;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const items = [
    {
      label: '满意度指数（加权，0–100）',
      value: round(s.overall.index),
      unit: 'score' as const,
      n: s.overall.n,
      target: null,
      hint: '按抽样设计加权，n 为答卷数',
    },
    { label: '应答率', value: sample.length ? responded / sample.length : null, unit: 'rate' as const, n: sample.length, target: null, hint: 'n 为样本企业数' },
  ];
  if (q.units && names) {
    for (const u of q.units) {
      const f = s.byUnit.get(u);
      items.push({
        label: `${names.get(u)?.name ?? '处室'}满意度指数`,
        value: round(f?.index ?? null),
        unit: 'score',
        n: f?.n ?? 0,
        target: null,
        hint: '本处室监管企业的答卷',
      });
    }
  }
  return {
    status: 'ok' as const,
    title: '企业满意度调查',
    explain: `${s.title}：${s.state === 'open' ? '调查进行中，' : ''}按“市 × 行业 × 规模”分层抽样，结果按抽样设计加权（R7.3）。`,
    items,
  };
}
