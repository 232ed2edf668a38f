CREATE TABLE "leader_instructions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"leader_user_id" uuid NOT NULL,
	"leader_name" text NOT NULL,
	"text" text NOT NULL,
	"due_date" date,
	"state" text DEFAULT 'issued' NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by_name" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledge_note" text,
	"reported_by_name" text,
	"reported_at" timestamp with time zone,
	"report" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leader_instructions" ADD CONSTRAINT "leader_instructions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_instructions" ADD CONSTRAINT "leader_instructions_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_instructions" ADD CONSTRAINT "leader_instructions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_instructions" ADD CONSTRAINT "leader_instructions_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leader_instructions_appeal_idx" ON "leader_instructions" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "leader_instructions_unit_idx" ON "leader_instructions" USING btree ("tenant_id","unit_id","state");--> statement-breakpoint
CREATE INDEX "leader_instructions_leader_idx" ON "leader_instructions" USING btree ("tenant_id","leader_user_id","state");