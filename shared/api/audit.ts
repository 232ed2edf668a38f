// Response schemas of /api/audit (server/src/modules/audit/audit.routes.ts).
import { z } from 'zod';

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The log scopes the auditor may read: its own tenant first, then (province) each city and the rows of no tenant. */
export const AuditScopesSchema = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['province', 'city', 'none']) })) });
export type AuditScopes = z.infer<typeof AuditScopesSchema>;

/** Issue 21: the archive search — archived rows (with their archive) and each archive file's verification. */
export const AuditArchiveSearchSchema = z.object({
  items: z.array(AuditEntrySchema.extend({ archiveId: z.number() })),
  total: z.number(),
  archives: z.array(z.object({ id: z.number(), ok: z.boolean(), problems: z.array(z.string()) })),
  /** More archives overlap the range than one search opens: narrow the time range. */
  truncated: z.boolean(),
});
export type AuditArchiveSearch = z.infer<typeof AuditArchiveSearchSchema>;

/** Issue 21: the archives of a scope (without their files). */
export const AuditArchiveListSchema = z.object({
  retentionDays: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      firstId: z.number(),
      lastId: z.number(),
      fromAt: z.string(),
      toAt: z.string(),
      rowCount: z.number(),
      headHash: z.string(),
      fileSha256: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type AuditArchiveList = z.infer<typeof AuditArchiveListSchema>;
