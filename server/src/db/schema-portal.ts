// Enterprise portal (issue 7): self-registration requests of enterprise accounts, checked and
// approved or rejected by intake. Approved requests become users with role 'enterprise'
// (users.enterprise_id links the account to the registry).
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { tenants, users } from './schema-core.ts';

export type RegistrationStatus = 'pending' | 'approved' | 'rejected';

export const enterpriseRegistrations = pgTable(
  'enterprise_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    uscc: text('uscc').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    contactName: text('contact_name').notNull(),
    mobile: text('mobile').notNull(),
    username: text('username').notNull(),
    /** argon2id hash of the password chosen at registration; cleared when the request is decided. */
    passwordHash: text('password_hash'),
    status: text('status').$type<RegistrationStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    enterpriseId: uuid('enterprise_id'),
    userId: uuid('user_id').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tstz('decided_at'),
    ip: text('ip'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('enterprise_registrations_tenant_status_idx').on(t.tenantId, t.status, t.createdAt)],
);
