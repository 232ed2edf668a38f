-- Calendar revisions come from a sequence: a number drawn by a transaction that rolls back is never
-- reused, so an in-process cache may hold data for an uncommitted revision without ever serving it
-- to another transaction (server/src/modules/calendar/tenant-calendar.ts).
CREATE SEQUENCE IF NOT EXISTS "calendar_revision_seq";
--> statement-breakpoint
SELECT setval('calendar_revision_seq', COALESCE((SELECT max("revision") FROM "calendar_revision"), 0) + 1, false);
