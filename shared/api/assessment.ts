// Response schema of the R8.1 annual assessment (server/src/modules/assessment/assessment.routes.ts).
import { z } from 'zod';

const Ratio = z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number() });
const NotConnected = z.object({ status: z.literal('not_connected') });
/** A yearly quota: done against required, over n records (contact points; units for research). */
const Quota = z.discriminatedUnion('status', [
  NotConnected,
  z.object({ status: z.literal('ok'), done: z.number(), required: z.number(), n: z.number(), met: z.boolean() }),
]);

const AssessmentRowSchema = z.object({
  received: z.number(),
  closed: z.number(),
  responseRate: Ratio,
  contactOnTimeRate: Ratio,
  opinionOnTimeRate: Ratio,
  resolutionOnTimeRate: Ratio,
  resolutionRate: Ratio,
  satisfactionRate: Ratio,
  survey: z.object({ index: z.number().nullable(), n: z.number() }),
  /** The supervision items behind each count (ids, for the drill-down). */
  supervision: z.object({ items: z.array(z.string()), notices: z.array(z.string()), interviews: z.array(z.string()), commendations: z.array(z.string()) }),
  /** R1.4 / R1.8 visits of the contact points the unit carries (cities: not connected, their records stay theirs). */
  contactPointQuota: Quota,
  /** R2.4 research visits of the unit (cities: not connected). */
  researchQuota: Quota,
  score: z.number().nullable(),
  base: z.number().nullable(),
  adjustment: z.number(),
  components: z.array(z.object({ key: z.string(), rate: z.number().nullable(), weight: z.number(), counted: z.boolean() })),
});

export const AssessmentSchema = z.object({
  year: z.number(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  source: z.enum(['rollup', 'live']),
  weights: z.object({
    response: z.number(),
    onTime: z.number(),
    resolution: z.number(),
    satisfaction: z.number(),
    survey: z.number(),
    noticePenalty: z.number(),
    interviewPenalty: z.number(),
    commendationBonus: z.number(),
  }),
  survey: z.object({ surveyId: z.string(), title: z.string(), n: z.number(), sampled: z.number() }).nullable(),
  units: z.array(AssessmentRowSchema.extend({ unitId: z.string(), unitName: z.string() })),
  cities: z.array(AssessmentRowSchema.extend({ tenantId: z.string(), name: z.string() })).nullable(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;
export type AssessmentRow = z.infer<typeof AssessmentRowSchema>;

/** The figures of a unit's row that open the appeals behind them (issue 16 drill-down). */
export const ASSESSMENT_MEASURES = ['contact', 'opinion', 'resolution', 'resolved', 'evaluated'] as const;
export type AssessmentMeasure = (typeof ASSESSMENT_MEASURES)[number];

/** The appeals behind one figure of a unit's row: the denominator's appeals, `counted` the numerator's. */
export const AssessmentAppealsSchema = z.object({
  year: z.number(),
  unitId: z.string(),
  unitName: z.string(),
  measure: z.enum(ASSESSMENT_MEASURES),
  numerator: z.number(),
  denominator: z.number(),
  /** At most 500 shown; `denominator` is the full count. */
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      state: z.string(),
      receivedAt: z.string(),
      dueAt: z.string().nullable(),
      doneAt: z.string().nullable(),
      detail: z.string().nullable(),
      counted: z.boolean(),
    }),
  ),
});
export type AssessmentAppeals = z.infer<typeof AssessmentAppealsSchema>;
