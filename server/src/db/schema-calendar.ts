// Working-day calendar tables (R6.2, R8.1). Notices are national (State Council), so they are
// stored without a tenant; tenant-local overrides (R8.1) are one row per tenant holding the whole
// list. calendar_revision is a single counter row bumped by every change, so each app instance can
// check with one primary-key read whether its in-memory calendars are still current.
import { bigint, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import type { CalendarOverride, Notice } from '../domain/calendar/index.ts';
import { tenants } from './schema-core.ts';

/** A holiday notice loaded at run time; supersedes the bundled notice of the same year. */
export const calendarNotices = pgTable('calendar_notices', {
  year: integer('year').primaryKey(),
  notice: jsonb('notice').$type<Notice>().notNull(),
  version: integer('version').notNull().default(1),
  loadedBy: uuid('loaded_by'),
  loadedByName: text('loaded_by_name').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/** R8.1: a tenant's local changes on top of the notices (whole list, versioned). */
export const calendarOverrides = pgTable('calendar_overrides', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  items: jsonb('items').$type<Required<CalendarOverride>[]>().notNull().default([]),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/** One row (id = 1): incremented in the same transaction as every notice or override change. */
export const calendarRevision = pgTable('calendar_revision', {
  id: integer('id').primaryKey(),
  revision: bigint('revision', { mode: 'number' }).notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});
