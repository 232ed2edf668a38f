// Audit log archives (issue 21, Cybersecurity Law Art. 21 / 等保 level 3): rows of audit_log older
// than the tenant's retention (auditRetentionDays, R8.1 setting, never below 180 days) are written,
// per tenant, to a gzipped JSON-lines file with a SHA-256 hash chain over its rows, linked to the
// tenant's previous archive. Archives are append-only like the log; archived rows leave audit_log only
// through the documented purge step (`zqt audit purge-archived`, the trigger in the custom migration).
import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz, bytea } from './columns.ts';

export const auditArchives = pgTable(
  'audit_archives',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** null: the rows of no tenant (sign-in failures of unknown usernames). */
    tenantId: uuid('tenant_id'),
    firstId: bigint('first_id', { mode: 'number' }).notNull(),
    lastId: bigint('last_id', { mode: 'number' }).notNull(),
    fromAt: tstz('from_at').notNull(),
    toAt: tstz('to_at').notNull(),
    /** Every archived row is older than this (now − retention at archiving); the purge step deletes only such rows of the range. */
    cutoff: tstz('cutoff').notNull(),
    rowCount: integer('row_count').notNull(),
    /** The chain's start: the previous archive's head (or the tenant's genesis value). */
    prevHash: text('prev_hash').notNull(),
    /** The hash after the last row. */
    headHash: text('head_hash').notNull(),
    /** SHA-256 of the file as stored. */
    fileSha256: text('file_sha256').notNull(),
    /** The manifest (everything above, the retention applied, the cut-off), also stored in the file's first line. */
    manifest: jsonb('manifest').notNull(),
    file: bytea('file').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_archives_tenant_idx').on(t.tenantId, t.lastId), index('audit_archives_time_idx').on(t.tenantId, t.fromAt, t.toAt)],
);
