// Response schemas of contact points, field records and the year at a glance
// (server/src/modules/contacts/contacts.routes.ts; issue 14, R1.*, R4.*, R7.1).
import { z } from 'zod';
import { FIELD_KINDS, PACES, POINT_ACTIONS, POINT_KINDS, POINT_STATES, SERVICE_RATINGS, VISIT_FORMS } from '../contacts.ts';

export const ContactPointSchema = z.object({
  id: z.string(),
  kind: z.enum(POINT_KINDS),
  state: z.enum(POINT_STATES),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  leaderTitle: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  liaisonUserId: z.string().nullable(),
  liaisonName: z.string().nullable(),
  reason: z.string(),
  overlapAccepted: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  /** The day the next selection is to start (60 days before the end). */
  renewalFrom: z.string().nullable(),
  version: z.number(),
  allowedActions: z.array(z.enum(POINT_ACTIONS)),
});
export type ContactPoint = z.infer<typeof ContactPointSchema>;

export const ContactPointDetailSchema = ContactPointSchema.extend({
  overlaps: z.array(z.object({ id: z.string(), kind: z.enum(POINT_KINDS), holder: z.string(), state: z.enum(POINT_STATES) })),
  events: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      at: z.string(),
      actorName: z.string(),
      stateBefore: z.string().nullable(),
      stateAfter: z.string().nullable(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type ContactPointDetail = z.infer<typeof ContactPointDetailSchema>;

export const FollowUpSchema = z.object({
  id: z.string(),
  description: z.string(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string(),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FieldRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(FIELD_KINDS),
  pointId: z.string().nullable(),
  pointKind: z.enum(POINT_KINDS).nullable(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  visitedOn: z.string(),
  form: z.enum(VISIT_FORMS),
  leaders: z.array(z.object({ id: z.string(), name: z.string() })),
  staffNames: z.string(),
  policies: z.string(),
  difficulties: z.string(),
  suggestions: z.string(),
  findings: z.string(),
  reference: z.string().nullable(),
  serviceRating: z.enum(SERVICE_RATINGS).nullable(),
  serviceComment: z.string().nullable(),
  statement: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  version: z.number(),
  followUps: z.array(FollowUpSchema),
  appeals: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), state: z.string() })),
  files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), uploadedByName: z.string() })),
});
export type FieldRecord = z.infer<typeof FieldRecordSchema>;

const TotalsSchema = z.object({ points: z.number(), visits: z.number(), required: z.number(), done: z.number(), behind: z.number() });
export const YearViewSchema = z.object({
  year: z.number(),
  asOf: z.string(),
  required: z.object({ leader: z.number(), unit: z.number() }),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(POINT_KINDS),
      leaderId: z.string().nullable(),
      leaderName: z.string().nullable(),
      unitId: z.string(),
      unitName: z.string(),
      enterpriseId: z.string(),
      enterpriseName: z.string(),
      termStart: z.string(),
      termEnd: z.string(),
      visits: z.number(),
      required: z.number(),
      lastVisit: z.string().nullable(),
      pace: z.enum(PACES),
    }),
  ),
  byLeader: z.array(TotalsSchema.extend({ id: z.string(), name: z.string() })),
  byUnit: z.array(TotalsSchema.extend({ id: z.string(), name: z.string() })),
  totals: TotalsSchema,
  /** The province: each city's totals (never their records). */
  cities: z.array(TotalsSchema.extend({ tenantId: z.string(), name: z.string() })),
});
export type YearView = z.infer<typeof YearViewSchema>;
