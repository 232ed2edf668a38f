CREATE TABLE "appeal_categories_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sector" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "appeal_categories_daily_tenant_id_day_sector_category_pk" PRIMARY KEY("tenant_id","day","sector","category")
);
--> statement-breakpoint
CREATE TABLE "appeal_words_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sector" text DEFAULT '' NOT NULL,
	"word" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "appeal_words_daily_tenant_id_day_sector_word_pk" PRIMARY KEY("tenant_id","day","sector","word")
);
--> statement-breakpoint
CREATE TABLE "appeal_words_tenants" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"cursor" bigint NOT NULL,
	"holes" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeal_categories_daily" ADD CONSTRAINT "appeal_categories_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_words_daily" ADD CONSTRAINT "appeal_words_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_words_tenants" ADD CONSTRAINT "appeal_words_tenants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;