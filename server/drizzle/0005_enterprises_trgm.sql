-- Keyword search on enterprise names: Chinese substring match with ILIKE '%…%', served by a
-- pg_trgm GIN index (capability 2).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "enterprises_name_trgm_idx" ON "enterprises" USING gin ("name" gin_trgm_ops);
