CREATE TABLE "appeal_topics_scope_daily" (
	"root_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sector" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "appeal_topics_scope_daily_root_id_kind_sector_day_key_pk" PRIMARY KEY("root_id","kind","sector","day","key")
);
--> statement-breakpoint
ALTER TABLE "appeal_words_tenants" ADD COLUMN "scope_built_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeal_topics_scope_daily" ADD CONSTRAINT "appeal_topics_scope_daily_root_id_tenants_id_fk" FOREIGN KEY ("root_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;