// The request body of a field record (R1.8, R4.1–R4.3, R2.4 research; R7.1 findings and follow-ups),
// shared by two modules' routes: contacts' POST /api/field-records and research's visit route (R2.4),
// which creates the record through contacts/index.ts. HTTP-side, so here rather than in a module index.
import { z } from 'zod';
import { APPEAL_CATEGORIES } from '../../../shared/appeals.ts';
import { FIELD_KINDS, SERVICE_RATINGS, VISIT_FORMS } from '../../../shared/contacts.ts';
import { isIsoDate } from '../domain/calendar/index.ts';
import { id, optionalText, phone, text } from './schemas.ts';

export const isoDate = z.string().refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');

/** What any field record carries: when, how, who went, what was heard and found, what follows (R7.1), appeals raised. */
export const recordCommonFields = {
  visitedOn: isoDate,
  form: z.enum(VISIT_FORMS, '走访形式不正确'),
  leaderIds: z.array(id).max(10).optional(),
  staffNames: text(200, 0).optional(),
  policies: text(2000, 0).optional(),
  difficulties: text(2000, 0).optional(),
  suggestions: text(2000, 0).optional(),
  findings: text(4000, 0),
  followUps: z.array(z.strictObject({ description: text(500), ownerUserId: id, dueOn: isoDate })).max(20, '后续措施最多20项'),
  appeals: z
    .array(
      z.strictObject({
        category: z.enum(APPEAL_CATEGORIES, '诉求类别不正确'),
        title: text(200),
        content: text(5000),
        contactName: text(50),
        contactPhone: phone,
        ownBusiness: z.boolean().optional(),
      }),
    )
    .max(10, '一次最多转入10件诉求')
    .optional(),
};

export const recordBody = z.strictObject({
  kind: z.enum(FIELD_KINDS, '记录类型不正确'),
  pointId: id.nullable().optional(),
  enterpriseId: id.nullable().optional(),
  unitId: id.nullable().optional(),
  ...recordCommonFields,
  reference: optionalText(100),
  serviceRating: z.enum(SERVICE_RATINGS, '评价不正确').nullable().optional(),
  serviceComment: optionalText(1000),
  statement: optionalText(4000),
});
