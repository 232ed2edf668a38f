-- Issue 20: the words index with the tenant first, as 0039 did for titles (btree_gin, created there).
-- IF NOT EXISTS, as in 0039: on a large database an operator may build both indexes beforehand with
-- CREATE INDEX CONCURRENTLY (docs/SCALING.md), and the migration then only drops the old ones.
CREATE INDEX IF NOT EXISTS "appeals_tenant_search_idx" ON "appeals" USING gin ("tenant_id","search_vector");--> statement-breakpoint
DROP INDEX IF EXISTS "appeals_search_idx";
