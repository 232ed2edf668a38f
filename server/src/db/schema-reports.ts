// Reports (issue 16): the monthly report (月报) and the annual report (年报) of a tenant, generated on
// demand or by the scheduler (on the 1st for the month before, in January for the year before), stored
// with both files so the page lists them and leaders download them (downloads are audited).
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz, bytea } from './columns.ts';
import { tenants, users } from './schema-core.ts';

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** 'monthly' (period 'YYYY-MM') or 'annual' (period 'YYYY'). */
    kind: text('kind').$type<'monthly' | 'annual'>().notNull(),
    period: text('period').notNull(),
    /** 'scheduled' (the scheduler, once per tenant and period) or 'manual' (a user, any number of times). */
    trigger: text('trigger').$type<'scheduled' | 'manual'>().notNull(),
    generatedBy: uuid('generated_by').references(() => users.id),
    generatedByName: text('generated_by_name').notNull(),
    generatedAt: tstz('generated_at').notNull().defaultNow(),
    /** The report's main figures (what the list shows), as they were when it was generated. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    docx: bytea('docx').notNull(),
    xlsx: bytea('xlsx').notNull(),
    docxSize: integer('docx_size').notNull(),
    xlsxSize: integer('xlsx_size').notNull(),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [
    index('reports_tenant_period_idx').on(t.tenantId, t.kind, t.period, t.generatedAt),
    // The scheduler's report of a period exists once, whichever instance made it.
    uniqueIndex('reports_scheduled_uq').on(t.tenantId, t.kind, t.period).where(sql`trigger = 'scheduled'`),
  ],
);
