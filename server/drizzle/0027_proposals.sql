CREATE TABLE "proposal_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"started_on" date NOT NULL,
	"reply_due" date NOT NULL,
	"reopen_reason" text,
	"reply_text" text,
	"replied_on" date,
	"replied_at" timestamp with time zone,
	"replied_by_name" text,
	"evaluation" text,
	"evaluation_note" text,
	"evaluated_at" timestamp with time zone,
	"evaluated_by_name" text,
	"due_soon_notified_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"session" text NOT NULL,
	"proposer_name" text NOT NULL,
	"delegation" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"assigned_on" date NOT NULL,
	"year" integer NOT NULL,
	"lead_unit_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"appeal_number" text NOT NULL,
	"state" text DEFAULT 'handling' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"reply_due" date NOT NULL,
	"registered_by" uuid,
	"registered_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_rounds" ADD CONSTRAINT "proposal_rounds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_rounds" ADD CONSTRAINT "proposal_rounds_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_rounds_uq" ON "proposal_rounds" USING btree ("proposal_id","round");--> statement-breakpoint
CREATE INDEX "proposal_rounds_tenant_idx" ON "proposal_rounds" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_number_uq" ON "proposals" USING btree ("tenant_id","kind","session","number");--> statement-breakpoint
CREATE INDEX "proposals_tenant_year_idx" ON "proposals" USING btree ("tenant_id","year","lead_unit_id");--> statement-breakpoint
CREATE INDEX "proposals_appeal_idx" ON "proposals" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "proposals_due_idx" ON "proposals" USING btree ("state","reply_due");