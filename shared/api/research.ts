// Response schemas of research (server/src/modules/research/research.routes.ts): R2.1–R2.4 tasks with
// their enterprises and R2.2 coverage, solutions with 成果运用, R7.1 closure, the R2.4 quota.
import { z } from 'zod';
import { OWNERSHIPS, SIZES } from '../enterprises.ts';
import { RESEARCH_FORMS, RESEARCH_STATES, RESEARCH_TOPICS, RESULT_USES, SOLUTION_STATUSES, VISIT_STATUSES } from '../research.ts';
import { SECTORS } from '../roles.ts';

export const CoverageSchema = z.object({
  chosen: z.number(),
  registry: z.number(),
  lines: z.array(
    z.object({
      dimension: z.enum(['sector', 'size', 'ownership', 'small_micro', 'struggling']),
      key: z.string(),
      label: z.string(),
      chosen: z.number(),
      chosenShare: z.number(),
      registry: z.number(),
      registryShare: z.number(),
    }),
  ),
  warnings: z.array(z.string()),
});
export type Coverage = z.infer<typeof CoverageSchema>;

const base = {
  id: z.string(),
  topic: z.enum(RESEARCH_TOPICS),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  form: z.enum(RESEARCH_FORMS),
  periodFrom: z.string(),
  periodTo: z.string(),
  state: z.enum(RESEARCH_STATES),
  version: z.number(),
};

export const ResearchBriefSchema = z.object({ ...base, enterprises: z.number(), visited: z.number(), solutions: z.number() });
export type ResearchBrief = z.infer<typeof ResearchBriefSchema>;
export const ResearchListSchema = z.object({ items: z.array(ResearchBriefSchema) });

export const SolutionSchema = z.object({
  id: z.string(),
  description: z.string(),
  ownerUnitId: z.string(),
  ownerUnitName: z.string(),
  dueDate: z.string(),
  status: z.enum(SOLUTION_STATUSES),
  useKind: z.enum(RESULT_USES).nullable(),
  useEvidence: z.string().nullable(),
  version: z.number(),
});

export const ResearchViewSchema = z.object({
  ...base,
  leaders: z.array(z.object({ id: z.string(), name: z.string() })),
  inspectionRef: z.string().nullable(),
  findings: z.string().nullable(),
  goodPractice: z.string().nullable(),
  noSolutionReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdByName: z.string(),
  enterprises: z.array(
    z.object({
      enterpriseId: z.string(),
      enterpriseName: z.string(),
      sector: z.enum(SECTORS),
      size: z.enum(SIZES),
      ownership: z.enum(OWNERSHIPS),
      struggling: z.boolean(),
      status: z.enum(VISIT_STATUSES),
      visitedAt: z.string().nullable(),
      visitNote: z.string().nullable(),
      /** R2.4 the visit's field record; null while planned or for a visit marked before field records. */
      fieldRecordId: z.string().nullable(),
    }),
  ),
  /** R2.4 the task's visits: its field records of kind `research`, newest first. */
  visits: z.array(
    z.object({
      id: z.string(),
      enterpriseId: z.string(),
      enterpriseName: z.string(),
      visitedOn: z.string(),
      findings: z.string(),
      createdByName: z.string(),
      followUps: z.number(),
      openFollowUps: z.number(),
    }),
  ),
  solutions: z.array(SolutionSchema),
  coverage: CoverageSchema,
  allowedActions: z.array(z.string()),
  /** R7.1 what still keeps the task from closing, by field. */
  closureProblems: z.record(z.string(), z.string()),
});
export type ResearchView = z.infer<typeof ResearchViewSchema>;

export const ResearchQuotaSchema = z.object({
  year: z.number(),
  required: z.number(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), visits: z.number(), required: z.number(), met: z.boolean() })),
});
export type ResearchQuota = z.infer<typeof ResearchQuotaSchema>;

/** R2.4 the task a visit's field record belongs to (the record page links back to it). */
export const ResearchOfRecordSchema = z.object({ task: z.object({ id: z.string(), title: z.string(), state: z.enum(RESEARCH_STATES) }).nullable() });
export type ResearchOfRecord = z.infer<typeof ResearchOfRecordSchema>;
