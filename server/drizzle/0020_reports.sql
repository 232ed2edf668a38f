CREATE TABLE "appeal_figures_monthly" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"unit_id" uuid,
	"received" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"answered_on_spot" integer DEFAULT 0 NOT NULL,
	"contact_on_time" integer DEFAULT 0 NOT NULL,
	"contact_due" integer DEFAULT 0 NOT NULL,
	"opinion_on_time" integer DEFAULT 0 NOT NULL,
	"opinion_due" integer DEFAULT 0 NOT NULL,
	"resolution_on_time" integer DEFAULT 0 NOT NULL,
	"resolution_due" integer DEFAULT 0 NOT NULL,
	"solved" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"evaluated" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"trigger" text NOT NULL,
	"generated_by" uuid,
	"generated_by_name" text NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" jsonb NOT NULL,
	"docx" "bytea" NOT NULL,
	"xlsx" "bytea" NOT NULL,
	"docx_size" integer NOT NULL,
	"xlsx_size" integer NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeal_figures_tenants" ADD COLUMN "holes" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "appeal_figures_monthly" ADD CONSTRAINT "appeal_figures_monthly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_figures_monthly_tenant_month_idx" ON "appeal_figures_monthly" USING btree ("tenant_id","month");--> statement-breakpoint
CREATE INDEX "reports_tenant_period_idx" ON "reports" USING btree ("tenant_id","kind","period","generated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_scheduled_uq" ON "reports" USING btree ("tenant_id","kind","period") WHERE trigger = 'scheduled';