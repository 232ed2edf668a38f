// Response schemas of supervision (server/src/modules/supervision/supervision.routes.ts), R7.2 / R7.4.
import { z } from 'zod';
import {
  INTERVIEW_ACTIONS,
  INTERVIEW_STATES,
  SUPERVISION_ACTIONS,
  SUPERVISION_CATEGORIES,
  SUPERVISION_OUTCOMES,
  SUPERVISION_STATES,
  SUPERVISION_TARGETS,
} from '../supervision.ts';

export const RectificationViewSchema = z.object({
  id: z.string(),
  description: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  doneByName: z.string().nullable(),
  version: z.number(),
  canComplete: z.boolean(),
});

export const SupervisionItemViewSchema = z.object({
  id: z.string(),
  year: z.number(),
  targetType: z.enum(SUPERVISION_TARGETS),
  targetTypeLabel: z.string(),
  targetId: z.string().nullable(),
  appealId: z.string().nullable(),
  targetLabel: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  category: z.enum(SUPERVISION_CATEGORIES),
  categoryLabel: z.string(),
  description: z.string(),
  state: z.enum(SUPERVISION_STATES),
  stateLabel: z.string(),
  explanationRequest: z.string().nullable(),
  explanationDue: z.string().nullable(),
  explanation: z.string().nullable(),
  explainedByName: z.string().nullable(),
  explainedAt: z.string().nullable(),
  outcome: z.enum(SUPERVISION_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  conclusion: z.string().nullable(),
  concludedByName: z.string().nullable(),
  concludedAt: z.string().nullable(),
  openedByName: z.string(),
  createdAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(SUPERVISION_ACTIONS)),
  notice: z
    .object({
      id: z.string(),
      number: z.string(),
      kind: z.enum(['criticism', 'commendation']),
      title: z.string(),
      body: z.string(),
      recipients: z.array(z.string()),
      issuedByName: z.string(),
      issuedAt: z.string(),
    })
    .nullable(),
  interview: z
    .object({
      id: z.string(),
      heldOn: z.string(),
      unitHeadName: z.string(),
      interviewerNames: z.string(),
      findings: z.string(),
      state: z.enum(INTERVIEW_STATES),
      stateLabel: z.string(),
      completedByName: z.string().nullable(),
      completedAt: z.string().nullable(),
      recordedByName: z.string(),
      version: z.number(),
      allowedActions: z.array(z.enum(INTERVIEW_ACTIONS)),
      rectifications: z.array(RectificationViewSchema),
    })
    .nullable(),
});
export type SupervisionItemView = z.infer<typeof SupervisionItemViewSchema>;

export const SupervisionListSchema = z.object({ items: z.array(SupervisionItemViewSchema), canOpen: z.boolean() });
export type SupervisionList = z.infer<typeof SupervisionListSchema>;
