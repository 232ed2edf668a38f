// Response schemas of policy consultation (server/src/modules/policies/policies.routes.ts, R2.5).
import { z } from 'zod';
import { POLICY_STATES, RESPONSE_SOURCES } from '../policies.ts';

export const PolicyResponseSchema = z.object({
  id: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string(),
  source: z.enum(RESPONSE_SOURCES),
  content: z.string(),
  adopted: z.boolean().nullable(),
  reason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});

const base = {
  id: z.string(),
  title: z.string(),
  draftingUnitId: z.string(),
  draftingUnitName: z.string(),
  state: z.enum(POLICY_STATES),
  consultFrom: z.string().nullable(),
  consultUntil: z.string().nullable(),
  version: z.number(),
};

export const PolicyBriefSchema = z.object({ ...base, consultees: z.number(), responses: z.number() });
export const PolicyListSchema = z.object({ items: z.array(PolicyBriefSchema) });
export type PolicyBrief = z.infer<typeof PolicyBriefSchema>;

export const PolicyViewSchema = z.object({
  ...base,
  body: z.string(),
  research: z.array(z.object({ id: z.string(), title: z.string(), state: z.string() })),
  criteria: z.object({ sectors: z.array(z.string()), regions: z.array(z.string()), sizes: z.array(z.string()) }).nullable(),
  consultees: z.array(z.object({ enterpriseId: z.string(), enterpriseName: z.string(), responded: z.boolean() })),
  responses: z.array(PolicyResponseSchema),
  roundClosedAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedRef: z.string().nullable(),
  createdByName: z.string(),
  allowedActions: z.array(z.string()),
  /** R2.5 what is missing before 出台. */
  issueProblems: z.array(z.string()),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;

/** 意见征集 on the portal: an open consultation the enterprise is asked in, with its own responses. */
export const PortalConsultationSchema = z.object({
  id: z.string(),
  title: z.string(),
  draftingUnitName: z.string(),
  body: z.string(),
  consultFrom: z.string(),
  consultUntil: z.string(),
  open: z.boolean(),
  myResponses: z.array(
    z.object({ id: z.string(), content: z.string(), adopted: z.boolean().nullable(), reason: z.string().nullable(), createdAt: z.string() }),
  ),
});
export type PortalConsultation = z.infer<typeof PortalConsultationSchema>;
export const PortalConsultationListSchema = z.object({ items: z.array(PortalConsultationSchema) });
