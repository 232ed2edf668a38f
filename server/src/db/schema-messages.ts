// Enterprise portal (issue 7): the message thread of an appeal between the enterprise and the
// handling side. Append-only (a trigger in the custom migration refuses UPDATE/DELETE/TRUNCATE, except
// moving the thread with its appeal to another tenant on a transfer to a city bureau, R3.2).
// Names are snapshots taken when the message was written: a staff message shows its unit's name to
// the enterprise, never the civil servant's (author_name is for staff eyes only).
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { tenants, units, users } from './schema-core.ts';
import { appeals } from './schema-appeals.ts';
import { MESSAGE_MAX_CHARS, MESSAGE_SIDES, type MessageSide } from '../../../shared/portal.ts';

export { MESSAGE_MAX_CHARS, MESSAGE_SIDES, type MessageSide };

export const appealMessages = pgTable(
  'appeal_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorSide: text('author_side').$type<MessageSide>().notNull(),
    /** The author's display name when writing (shown to staff; never to the enterprise for staff messages). */
    authorName: text('author_name').notNull(),
    /** Staff messages: the author's unit and its name when writing (what the enterprise sees). */
    authorUnitId: uuid('author_unit_id').references(() => units.id),
    authorUnitName: text('author_unit_name'),
    body: text('body').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('appeal_messages_appeal_idx').on(t.appealId, t.createdAt),
    check('appeal_messages_side_ck', sql`${t.authorSide} IN ('enterprise', 'staff')`),
    check('appeal_messages_body_ck', sql`char_length(${t.body}) BETWEEN 1 AND 2000`),
  ],
);
