// Response schemas of the enterprise registry (server/src/modules/enterprises/enterprises.routes.ts).
import { z } from 'zod';
import { ENTERPRISE_STATUSES, IMPORT_STATUSES, OWNERSHIPS, SECTORS, SIZES, SUB_SECTORS } from '../enterprises.ts';

/** A contact person; mobiles are masked (138****1234) unless revealed. */
export const ContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  post: z.string().nullable(),
  mobile: z.string().nullable(),
  landline: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const EnterpriseSchema = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  sector: z.enum(SECTORS),
  subSector: z.enum(SUB_SECTORS).nullable(),
  ownership: z.enum(OWNERSHIPS),
  size: z.enum(SIZES),
  struggling: z.boolean(),
  strugglingReason: z.string().nullable(),
  supervisingUnitId: z.string().nullable(),
  supervisingUnitName: z.string().nullable(),
  address: z.string().nullable(),
  status: z.enum(ENTERPRISE_STATUSES),
  tags: z.array(z.string()),
  contacts: z.array(ContactSchema),
  archived: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  canReveal: z.boolean(),
});
export type Enterprise = z.infer<typeof EnterpriseSchema>;

/** GET /api/enterprises/meta: the regions this tenant may pick, and what the caller may do. */
export const EnterpriseMetaSchema = z.object({
  regions: z.array(z.object({ code: z.string(), name: z.string(), counties: z.array(z.object({ code: z.string(), name: z.string() })) })),
  canImport: z.boolean(),
  canCreate: z.boolean(),
});
export type EnterpriseMeta = z.infer<typeof EnterpriseMetaSchema>;
export type RegionTree = EnterpriseMeta['regions'][number];

/** POST /api/enterprises/:id/reveal-contacts. */
export const RevealedContactsSchema = z.object({ contacts: z.array(ContactSchema) });
export type RevealedContacts = z.infer<typeof RevealedContactsSchema>;

export const RowErrorSchema = z.object({ row: z.number(), column: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowErrorSchema>;

export const RowChangeSchema = z.object({
  row: z.number(),
  uscc: z.string(),
  name: z.string(),
  archived: z.boolean(),
  fields: z.array(z.object({ column: z.string(), before: z.string(), after: z.string() })),
});
export type RowChange = z.infer<typeof RowChangeSchema>;

export const ImportSummarySchema = z
  .object({
    rows: z.number(),
    valid: z.number(),
    invalid: z.number(),
    newCount: z.number(),
    existing: z.number(),
    existingChanged: z.number(),
    inserted: z.number().optional(),
    updated: z.number().optional(),
    skipped: z.number().optional(),
    unchanged: z.number().optional(),
    sheet: z.string().optional(),
  })
  .partial();
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

/** An Excel import job: progress, the preview (rows with errors, enterprises that would change) and the outcome. */
export const ImportJobSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  onExisting: z.enum(['update', 'skip']).nullable(),
  message: z.string().nullable(),
  progress: z.number(),
  total: z.number(),
  summary: ImportSummarySchema,
  errors: z.array(RowErrorSchema),
  errorCount: z.number(),
  changes: z.array(RowChangeSchema),
  changeCount: z.number(),
  createdByName: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** GET /api/enterprise-imports: recent jobs without their preview. */
export const ImportJobListItemSchema = ImportJobSchema.pick({
  id: true,
  fileName: true,
  status: true,
  message: true,
  progress: true,
  total: true,
  summary: true,
  createdByName: true,
  createdAt: true,
  finishedAt: true,
});
export type ImportJobListItem = z.infer<typeof ImportJobListItemSchema>;
