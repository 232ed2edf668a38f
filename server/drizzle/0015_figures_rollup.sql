CREATE TABLE "appeal_figures_daily" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
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
CREATE TABLE "appeal_figures_tenants" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"cursor" bigint NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeal_figures_daily" ADD CONSTRAINT "appeal_figures_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_figures_tenants" ADD CONSTRAINT "appeal_figures_tenants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_figures_daily_tenant_day_idx" ON "appeal_figures_daily" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "appeals_lead_received_idx" ON "appeals" USING btree ("tenant_id","lead_unit_id","received_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "appeals_tenant_closed_idx" ON "appeals" USING btree ("tenant_id","closed_at") WHERE closed_at IS NOT NULL;