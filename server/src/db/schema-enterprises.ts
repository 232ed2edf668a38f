// Enterprise registry (capability 2) and its Excel import jobs.
// Custom SQL (pg_trgm GIN index on name) lives in the custom migration `enterprises_trgm`.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz, bytea } from './columns.ts';
import type { EnterpriseSize, EnterpriseStatus, ImportStatus, Ownership, Sector, SubSector } from '../../../shared/enterprises.ts';
import { tenants, units, users } from './schema-core.ts';

export type EnterpriseContact = {
  /** Stable id so an edit can keep a stored mobile it only saw masked. */
  id: string;
  name: string;
  post: string | null;
  mobile: string | null;
  landline: string | null;
};

/**
 * One supervised enterprise as registered by one tenant. `tenant_id` is explicit: a city bureau's
 * enterprises lie in that city (tenant = cityOf(region)); the province's are those it supervises
 * directly (any Shandong region). One record per USCC per tenant.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    /** GB/T 2260 county-level code. */
    regionCode: text('region_code').notNull(),
    sector: text('sector').$type<Sector>().notNull(),
    subSector: text('sub_sector').$type<SubSector>(),
    ownership: text('ownership').$type<Ownership>().notNull(),
    size: text('size').$type<EnterpriseSize>().notNull(),
    struggling: boolean('struggling').notNull().default(false),
    strugglingReason: text('struggling_reason'),
    supervisingUnitId: uuid('supervising_unit_id').references(() => units.id),
    address: text('address'),
    status: text('status').$type<EnterpriseStatus>().notNull().default('operating'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    contacts: jsonb('contacts').$type<EnterpriseContact[]>().notNull().default([]),
    archived: boolean('archived').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_tenant_uscc_uq').on(t.tenantId, t.uscc),
    index('enterprises_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id),
    index('enterprises_tenant_unit_idx').on(t.tenantId, t.supervisingUnitId),
    index('enterprises_tenant_region_idx').on(t.tenantId, t.regionCode),
  ],
);

/**
 * Background import jobs (Excel → enterprises). The uploaded file, the parsed rows and the preview
 * live here so a job survives a page reload and any instance's worker can pick it up
 * (FOR UPDATE SKIP LOCKED).
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull().default('enterprises'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    fileName: text('file_name').notNull(),
    status: text('status').$type<ImportStatus>().notNull(),
    /** 'update' | 'skip' for rows whose USCC already exists; set when the user confirms. */
    onExisting: text('on_existing').$type<'update' | 'skip'>(),
    file: bytea('file'),
    /** Valid rows, normalized, ready for jsonb_to_recordset. Cleared when the job ends. */
    rows: jsonb('rows'),
    /** Bad rows: { row, column, message }[]. */
    errors: jsonb('errors').notNull().default([]),
    /** Existing USCCs with what an update would change. */
    changes: jsonb('changes').notNull().default([]),
    summary: jsonb('summary').notNull().default({}),
    /** File-level refusal or the import failure. */
    message: text('message'),
    progress: integer('progress').notNull().default(0),
    total: integer('total').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedAt: tstz('locked_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('import_jobs_status_idx').on(t.status, t.createdAt), index('import_jobs_tenant_idx').on(t.tenantId, t.createdAt.desc())],
);
