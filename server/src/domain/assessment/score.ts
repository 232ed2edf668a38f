// R8.1 the annual assessment score of a unit (or a city for the province). Pure: no database.
// Five components, each a rate in 0..1 (the survey index /100), weighted in points of 100 by the
// tenant's settings: 响应率, the three 2115 on-time rates (their average, over the ones that have a
// figure), 解决率, 满意率 and the survey. A component without a figure (nothing due, no answers) is
// left out and the others are scaled up to 100, so that a unit is not marked down for having had no
// appeals. Then points off per 通报 and per 约谈 and points added per commendation (R7.4).

export type AssessmentWeights = { response: number; onTime: number; resolution: number; satisfaction: number; survey: number };
export type AssessmentAdjust = { noticePenalty: number; interviewPenalty: number; commendationBonus: number };
export type AssessmentInputs = {
  responseRate: number | null;
  onTimeRates: (number | null)[];
  resolutionRate: number | null;
  satisfactionRate: number | null;
  /** 0..100 */
  surveyIndex: number | null;
  notices: number;
  interviews: number;
  commendations: number;
};

const avg = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

export function assessmentScore(x: AssessmentInputs, w: AssessmentWeights, adj: AssessmentAdjust) {
  const parts: { key: keyof AssessmentWeights; rate: number | null }[] = [
    { key: 'response', rate: x.responseRate },
    { key: 'onTime', rate: avg(x.onTimeRates) },
    { key: 'resolution', rate: x.resolutionRate },
    { key: 'satisfaction', rate: x.satisfactionRate },
    { key: 'survey', rate: x.surveyIndex === null ? null : x.surveyIndex / 100 },
  ];
  const present = parts.filter((p) => p.rate !== null && w[p.key] > 0);
  const wSum = present.reduce((s, p) => s + w[p.key], 0);
  const base = wSum > 0 ? (present.reduce((s, p) => s + w[p.key] * (p.rate as number), 0) * 100) / wSum : null;
  const adjustment = -x.notices * adj.noticePenalty - x.interviews * adj.interviewPenalty + x.commendations * adj.commendationBonus;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    base: base === null ? null : round(base),
    adjustment,
    score: base === null ? null : round(base + adjustment),
    components: parts.map((p) => ({ key: p.key, rate: p.rate, weight: w[p.key], counted: present.includes(p) })),
  };
}
