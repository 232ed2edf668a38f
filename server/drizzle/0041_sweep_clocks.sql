-- Issue 20: the SLA sweep reads only what can have changed. Each milestone's open clocks by stored
-- state and deadline (the deadlines just passed, those inside the due-soon horizon) instead of every
-- open appeal; for 督办 (R3.5) it skips the overdue appeals escalated for their cycle by a mark on the
-- appeal (filled here from the escalations already raised) instead of looking each one up.
-- IF NOT EXISTS: on a large database an operator may add the column and build the indexes beforehand
-- with CREATE INDEX CONCURRENTLY (docs/SCALING.md); they cover open appeals only (about a second in all at 1M).
ALTER TABLE "appeals" ADD COLUMN IF NOT EXISTS "overdue_escalated_cycle" integer;--> statement-breakpoint
UPDATE "appeals" a SET "overdue_escalated_cycle" = e.cycle FROM "appeal_escalations" e
  WHERE e.appeal_id = a.id AND e.reason = 'overdue' AND e.cycle = a.reopen_count AND a.closed_at IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "appeals_contact_clock_idx" ON "appeals" USING btree ("contact_state","contact_due_at") WHERE closed_at IS NULL AND contact_done_at IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "appeals_opinion_clock_idx" ON "appeals" USING btree ("opinion_state","opinion_due_at") WHERE closed_at IS NULL AND opinion_done_at IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "appeals_resolution_clock_idx" ON "appeals" USING btree ("resolution_state","resolution_due_at") WHERE closed_at IS NULL AND resolution_done_at IS NULL;
