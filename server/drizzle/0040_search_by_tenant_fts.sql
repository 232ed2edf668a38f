-- Issue 20: the words index with the tenant first, as 0039 did for titles (btree_gin, created there).
CREATE INDEX "appeals_tenant_search_idx" ON "appeals" USING gin ("tenant_id","search_vector");--> statement-breakpoint
DROP INDEX "appeals_search_idx";
