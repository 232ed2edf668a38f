-- Hot topics of the province with its cities (issue 19): the province-wide buckets are summed by an
-- index-only scan when the primary key also carries n (drizzle-kit cannot declare INCLUDE). Same name,
-- same key columns as 0037 declared; the table is empty when this runs.
ALTER TABLE "appeal_topics_scope_daily" DROP CONSTRAINT "appeal_topics_scope_daily_root_id_kind_sector_day_key_pk";
--> statement-breakpoint
ALTER TABLE "appeal_topics_scope_daily" ADD CONSTRAINT "appeal_topics_scope_daily_root_id_kind_sector_day_key_pk" PRIMARY KEY ("root_id", "kind", "sector", "day", "key") INCLUDE ("n");
