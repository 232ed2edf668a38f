// R7.3 the annual satisfaction survey: the survey (questionnaire, sample design, strata), its
// sampled enterprises (each with the sha256 of its single-use link) and the answers.
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import type { ResponseMode, SurveyAnswers, SurveyQuestion, SurveyState } from '../../../shared/surveys.ts';
import { tenants, units, users } from './schema-core.ts';
import { enterprises } from './schema-enterprises.ts';

export type SurveySampleParams = { total: number; minimumPerStratum: number; seed: string; excludePrevious: boolean };
export type SurveyStratum = { key: string; cityCode: string; sector: string; size: string; population: number; sampleSize: number; weight: number };

/** One survey per tenant and year. */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    state: text('state').$type<SurveyState>().notNull().default('draft'),
    /** Units never see which enterprise said what (机关党委 can). */
    anonymous: boolean('anonymous').notNull().default(true),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    /** Last day to answer (Asia/Shanghai); the links expire at its end. */
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    sampleParams: jsonb('sample_params').$type<SurveySampleParams>(),
    strata: jsonb('strata').$type<SurveyStratum[]>().notNull().default([]),
    /** Enterprises left out as last year's respondents. */
    excludedCount: integer('excluded_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    openedAt: tstz('opened_at'),
    closedAt: tstz('closed_at'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('surveys_tenant_year_uq').on(t.tenantId, t.year)],
);

/** A sampled enterprise. The link's token exists only in the SMS and the portal notice; here its sha256. */
export const surveySample = pgTable(
  'survey_sample',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    stratum: text('stratum').notNull(),
    cityCode: text('city_code').notNull(),
    /** The supervising unit when the sample was drawn (results by unit). */
    unitId: uuid('unit_id').references(() => units.id),
    weight: doublePrecision('weight').notNull(),
    tokenHash: text('token_hash'),
    linkIssuedAt: tstz('link_issued_at'),
    reminderCount: integer('reminder_count').notNull().default(0),
    remindedAt: tstz('reminded_at'),
    respondedAt: tstz('responded_at'),
    responseMode: text('response_mode').$type<ResponseMode>(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_sample_uq').on(t.surveyId, t.enterpriseId),
    uniqueIndex('survey_sample_token_uq').on(t.tokenHash),
    index('survey_sample_pending_idx').on(t.surveyId).where(sql`responded_at IS NULL`),
    index('survey_sample_enterprise_idx').on(t.tenantId, t.enterpriseId),
  ],
);

/** One answer set per sampled enterprise. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => surveySample.id),
    mode: text('mode').$type<ResponseMode>().notNull(),
    answers: jsonb('answers').$type<SurveyAnswers>().notNull(),
    /** Face to face: the staff member who recorded it. */
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_responses_sample_uq').on(t.sampleId), index('survey_responses_survey_idx').on(t.surveyId)],
);
