// R7.3 survey results weighted by the sample design. Pure: no database.
// Each answer counts with the post-stratified weight N_h / r_h (N_h: the stratum's population when
// the sample was drawn, r_h: respondents in the stratum so far), so that strata answering more do not
// pull the figures toward themselves and the weights of the respondents add up to the population of
// the strata that answered. Every figure carries n: the answers behind it.
import { RATING_MAX, type SurveyAnswers, type SurveyQuestion } from '../../../../shared/surveys.ts';

export type ResponseInput = { stratum: string; unitId: string | null; cityCode: string; answers: SurveyAnswers };

export type QuestionFigure = {
  key: string;
  kind: SurveyQuestion['kind'];
  /** Answers to this question. */
  n: number;
  /** rating: weighted mean 1..5. */
  mean?: number | null;
  /** rating: weighted share of 4 and 5 (满意、非常满意), 0..1. */
  satisfied?: number | null;
  /** single / multiple: weighted share per option, 0..1, with the count of answers choosing it. */
  options?: { share: number; n: number }[];
};

export type GroupFigure = {
  /** Respondents in the group. */
  n: number;
  /** Weighted satisfaction index 0..100 over every rating answer ((x−1)/(max−1)·100). */
  index: number | null;
  questions: QuestionFigure[];
};

export function weightsOf(responses: readonly ResponseInput[], population: ReadonlyMap<string, number>): number[] {
  const r = new Map<string, number>();
  for (const x of responses) r.set(x.stratum, (r.get(x.stratum) ?? 0) + 1);
  return responses.map((x) => (population.get(x.stratum) ?? 0) / r.get(x.stratum)!);
}

export function figureOf(questions: readonly SurveyQuestion[], responses: readonly ResponseInput[], weights: readonly number[]): GroupFigure {
  let idxW = 0;
  let idxSum = 0;
  const qs = questions.map((q): QuestionFigure => {
    let n = 0;
    let wSum = 0;
    let xSum = 0;
    let satW = 0;
    const opt = (q.options ?? []).map(() => ({ w: 0, n: 0 }));
    responses.forEach((r, i) => {
      const a = r.answers[q.key];
      if (a === undefined || a === null || a === '' || (Array.isArray(a) && a.length === 0)) return;
      const w = weights[i];
      n++;
      wSum += w;
      if (q.kind === 'rating' && typeof a === 'number') {
        xSum += w * a;
        if (a >= 4) satW += w;
        idxW += w;
        idxSum += (w * (a - 1) * 100) / (RATING_MAX - 1);
      } else if (q.kind === 'single' && typeof a === 'number' && opt[a]) {
        opt[a].w += w;
        opt[a].n++;
      } else if (q.kind === 'multiple' && Array.isArray(a)) {
        for (const o of a) {
          if (!opt[o]) continue;
          opt[o].w += w;
          opt[o].n++;
        }
      }
    });
    const f: QuestionFigure = { key: q.key, kind: q.kind, n };
    if (q.kind === 'rating') {
      f.mean = wSum > 0 ? xSum / wSum : null;
      f.satisfied = wSum > 0 ? satW / wSum : null;
    }
    if (q.kind === 'single' || q.kind === 'multiple') f.options = opt.map((o) => ({ share: wSum > 0 ? o.w / wSum : 0, n: o.n }));
    return f;
  });
  return { n: responses.length, index: idxW > 0 ? idxSum / idxW : null, questions: qs };
}

/** The figures overall and by a grouping key (unit, city, stratum); weights always from the whole survey. */
export function surveyFigures(questions: readonly SurveyQuestion[], responses: readonly ResponseInput[], population: ReadonlyMap<string, number>) {
  const weights = weightsOf(responses, population);
  const by = (keyOf: (r: ResponseInput) => string | null) => {
    const groups = new Map<string, number[]>();
    responses.forEach((r, i) => {
      const k = keyOf(r) ?? '';
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(i);
    });
    return [...groups]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, idx]) => ({
        key,
        ...figureOf(
          questions,
          idx.map((i) => responses[i]),
          idx.map((i) => weights[i]),
        ),
      }));
  };
  return {
    overall: figureOf(questions, responses, weights),
    byUnit: by((r) => r.unitId),
    byCity: by((r) => r.cityCode),
    byStratum: by((r) => r.stratum),
  };
}
