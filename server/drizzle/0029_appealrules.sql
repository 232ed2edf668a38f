CREATE TABLE "channel_lead_units" (
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_lead_units_tenant_id_channel_pk" PRIMARY KEY("tenant_id","channel")
);
--> statement-breakpoint
CREATE TABLE "leader_report_rows" (
	"tenant_id" uuid NOT NULL,
	"month" text NOT NULL,
	"appeal_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"progress" text DEFAULT '' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leader_report_rows_tenant_id_month_appeal_id_pk" PRIMARY KEY("tenant_id","month","appeal_id")
);
--> statement-breakpoint
ALTER TABLE "appeal_attachments" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeal_attachments" ADD COLUMN "withdrawn_by_name" text;--> statement-breakpoint
ALTER TABLE "appeal_attachments" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "luliban_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channel_lead_units" ADD CONSTRAINT "channel_lead_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_lead_units" ADD CONSTRAINT "channel_lead_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_lead_units" ADD CONSTRAINT "channel_lead_units_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_report_rows" ADD CONSTRAINT "leader_report_rows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_report_rows" ADD CONSTRAINT "leader_report_rows_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_report_rows" ADD CONSTRAINT "leader_report_rows_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_report_rows" ADD CONSTRAINT "leader_report_rows_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leader_report_rows_unit_idx" ON "leader_report_rows" USING btree ("tenant_id","month","unit_id");--> statement-breakpoint
CREATE INDEX "appeals_deadline_missing_idx" ON "appeals" USING btree ("tenant_id") WHERE deadline_error IS NOT NULL AND closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "appeals_luliban_idx" ON "appeals" USING btree ("tenant_id","luliban_due_at") WHERE luliban_ref IS NOT NULL;