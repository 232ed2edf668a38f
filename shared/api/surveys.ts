// Response schemas of the R7.3 satisfaction survey (server/src/modules/surveys/surveys.routes.ts).
import { z } from 'zod';
import { QUESTION_KINDS, RESPONSE_MODES, SURVEY_ACTIONS, SURVEY_LINK_STATES, SURVEY_STATES } from '../surveys.ts';

export const SurveyQuestionSchema = z.object({
  key: z.string(),
  kind: z.enum(QUESTION_KINDS),
  text: z.string(),
  options: z.array(z.string()).optional(),
  required: z.boolean(),
});

const answerValue = z.union([z.number(), z.array(z.number()), z.string()]);

export const SurveyStratumViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  cityName: z.string(),
  sectorLabel: z.string(),
  sizeLabel: z.string(),
  population: z.number(),
  sampleSize: z.number(),
  weight: z.number(),
  responded: z.number(),
  faceToFace: z.number(),
  responseRate: z.number().nullable(),
});

export const SurveyViewSchema = z.object({
  id: z.string(),
  year: z.number(),
  title: z.string(),
  state: z.enum(SURVEY_STATES),
  stateLabel: z.string(),
  anonymous: z.boolean(),
  questions: z.array(SurveyQuestionSchema),
  closesOn: z.string(),
  sampleParams: z.object({ total: z.number(), minimumPerStratum: z.number(), seed: z.string(), excludePrevious: z.boolean() }).nullable(),
  excludedCount: z.number(),
  population: z.number(),
  sampled: z.number(),
  responded: z.number(),
  responseRate: z.number().nullable(),
  strata: z.array(SurveyStratumViewSchema),
  createdByName: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
  allowedActions: z.array(z.enum(SURVEY_ACTIONS)),
});
export type SurveyView = z.infer<typeof SurveyViewSchema>;

export const SurveyListSchema = z.object({ items: z.array(SurveyViewSchema), canCreate: z.boolean() });
export type SurveyList = z.infer<typeof SurveyListSchema>;

export const SurveySampleListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      enterpriseId: z.string(),
      enterpriseName: z.string(),
      stratum: z.string(),
      stratumLabel: z.string(),
      unitName: z.string().nullable(),
      hasMobile: z.boolean(),
      weight: z.number(),
      linkIssuedAt: z.string().nullable(),
      reminderCount: z.number(),
      respondedAt: z.string().nullable(),
      responseMode: z.enum(RESPONSE_MODES).nullable(),
      responseModeLabel: z.string().nullable(),
    }),
  ),
});
export type SurveySampleList = z.infer<typeof SurveySampleListSchema>;

const QuestionFigureSchema = z.object({
  key: z.string(),
  kind: z.enum(QUESTION_KINDS),
  n: z.number(),
  mean: z.number().nullable().optional(),
  satisfied: z.number().nullable().optional(),
  options: z.array(z.object({ share: z.number(), n: z.number() })).optional(),
});
const GroupFigureSchema = z.object({ n: z.number(), index: z.number().nullable(), questions: z.array(QuestionFigureSchema) });
const NamedGroupSchema = GroupFigureSchema.extend({ key: z.string(), name: z.string() });

export const SurveyResultsSchema = z.object({
  surveyId: z.string(),
  title: z.string(),
  year: z.number(),
  anonymous: z.boolean(),
  questions: z.array(SurveyQuestionSchema),
  overall: GroupFigureSchema,
  byUnit: z.array(NamedGroupSchema),
  byCity: z.array(NamedGroupSchema),
  byStratum: z.array(NamedGroupSchema),
  /** Who said what: only 机关党委 (and leaders when the survey is not anonymous); null otherwise. */
  responses: z
    .array(
      z.object({
        id: z.string(),
        enterpriseName: z.string(),
        stratumLabel: z.string(),
        unitName: z.string().nullable(),
        mode: z.string(),
        modeLabel: z.string(),
        recordedByName: z.string().nullable(),
        createdAt: z.string(),
        answers: z.record(z.string(), answerValue),
      }),
    )
    .nullable(),
});
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;

export const PublicSurveySchema = z.object({
  state: z.enum(SURVEY_LINK_STATES),
  title: z.string(),
  year: z.number(),
  closesOn: z.string(),
  questions: z.array(SurveyQuestionSchema),
});
export type PublicSurvey = z.infer<typeof PublicSurveySchema>;
export const PublicSurveyDoneSchema = z.object({ state: z.literal('used'), title: z.string() });
