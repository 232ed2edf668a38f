// Appeals rules added by issue 22: lead units per channel (R3.4), the handling units' rows of the
// monthly report on provincial leaders' transfers (R6.5). Column additions to existing appeals
// tables (鲁力办 deadline R6.6, withdrawn attachments) stay in schema-appeals.ts.
import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { appeals } from './schema-appeals.ts';
import { tenants, units, users } from './schema-core.ts';

/** R3.4: per tenant, a channel's lead unit (省长信箱, 企业家诉求专区, 接诉即办, 直通省长号码 and any channel). */
export const channelLeadUnits = pgTable(
  'channel_lead_units',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    channel: text('channel').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    note: text('note').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.channel] })],
);

/**
 * R6.5: a handling unit's row (办理情况) of the monthly report on provincial leaders' transfers, one per
 * appeal and month, written and confirmed by the lead unit from the 20th; 办公室 compiles them.
 */
export const leaderReportRows = pgTable(
  'leader_report_rows',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** 'YYYY-MM' */
    month: text('month').notNull(),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    progress: text('progress').notNull().default(''),
    confirmedAt: tstz('confirmed_at'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedByName: text('confirmed_by_name'),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.month, t.appealId] }), index('leader_report_rows_unit_idx').on(t.tenantId, t.month, t.unitId)],
);
