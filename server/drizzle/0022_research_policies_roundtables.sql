CREATE TABLE "roundtable_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"roundtable_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"reply" text DEFAULT 'pending' NOT NULL,
	"attendee_name" text,
	"replied_by_name" text,
	"replied_at" timestamp with time zone,
	"invited_by_name" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roundtable_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"roundtable_id" uuid NOT NULL,
	"source" text NOT NULL,
	"enterprise_id" uuid,
	"enterprise_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"disposition" text DEFAULT 'pending' NOT NULL,
	"answer" text,
	"unit_id" uuid,
	"appeal_id" uuid,
	"created_by_name" text NOT NULL,
	"disposed_by_name" text,
	"disposed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roundtable_leaders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"roundtable_id" uuid NOT NULL,
	"leader_id" uuid NOT NULL,
	"leader_name" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"arranged_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roundtables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"organiser" text NOT NULL,
	"title" text NOT NULL,
	"topics" text NOT NULL,
	"meeting_date" date NOT NULL,
	"place" text NOT NULL,
	"collect_from" date NOT NULL,
	"collect_until" date NOT NULL,
	"unit_ids" uuid[] NOT NULL,
	"lead_unit_id" uuid NOT NULL,
	"state" text DEFAULT 'collecting' NOT NULL,
	"minutes" text,
	"findings" text,
	"follow_up" text,
	"minutes_by_name" text,
	"minutes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roundtables_period_ck" CHECK ("roundtables"."collect_from" <= "roundtables"."collect_until")
);
--> statement-breakpoint
CREATE TABLE "research_solutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"use_kind" text,
	"use_evidence" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "research_task_enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL,
	"sector" text NOT NULL,
	"size" text NOT NULL,
	"ownership" text NOT NULL,
	"struggling" boolean NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"visited_at" timestamp with time zone,
	"visit_note" text
);
--> statement-breakpoint
CREATE TABLE "research_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"title" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"leader_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"form" text NOT NULL,
	"inspection_ref" text,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"findings" text,
	"good_practice" text,
	"no_solution_reason" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "research_tasks_period_ck" CHECK ("research_tasks"."period_from" <= "research_tasks"."period_to")
);
--> statement-breakpoint
CREATE TABLE "policy_consultees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"enterprise_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"drafting_unit_id" uuid NOT NULL,
	"body" text NOT NULL,
	"research_task_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'drafting' NOT NULL,
	"consult_from" date,
	"consult_until" date,
	"criteria" jsonb,
	"round_closed_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"issued_ref" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"enterprise_id" uuid,
	"enterprise_name" text NOT NULL,
	"source" text NOT NULL,
	"content" text NOT NULL,
	"adopted" boolean,
	"reason" text,
	"decided_by_name" text,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roundtable_invitations" ADD CONSTRAINT "roundtable_invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_invitations" ADD CONSTRAINT "roundtable_invitations_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_invitations" ADD CONSTRAINT "roundtable_invitations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_items" ADD CONSTRAINT "roundtable_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_items" ADD CONSTRAINT "roundtable_items_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_items" ADD CONSTRAINT "roundtable_items_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_items" ADD CONSTRAINT "roundtable_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_items" ADD CONSTRAINT "roundtable_items_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_leaders" ADD CONSTRAINT "roundtable_leaders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_leaders" ADD CONSTRAINT "roundtable_leaders_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_leaders" ADD CONSTRAINT "roundtable_leaders_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtables" ADD CONSTRAINT "roundtables_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtables" ADD CONSTRAINT "roundtables_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtables" ADD CONSTRAINT "roundtables_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_solutions" ADD CONSTRAINT "research_solutions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_solutions" ADD CONSTRAINT "research_solutions_task_id_research_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."research_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_solutions" ADD CONSTRAINT "research_solutions_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_task_enterprises" ADD CONSTRAINT "research_task_enterprises_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_task_enterprises" ADD CONSTRAINT "research_task_enterprises_task_id_research_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."research_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_task_enterprises" ADD CONSTRAINT "research_task_enterprises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_tasks" ADD CONSTRAINT "research_tasks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_tasks" ADD CONSTRAINT "research_tasks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_tasks" ADD CONSTRAINT "research_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_consultees" ADD CONSTRAINT "policy_consultees_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_consultees" ADD CONSTRAINT "policy_consultees_draft_id_policy_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."policy_drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_consultees" ADD CONSTRAINT "policy_consultees_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_drafts" ADD CONSTRAINT "policy_drafts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_drafts" ADD CONSTRAINT "policy_drafts_drafting_unit_id_units_id_fk" FOREIGN KEY ("drafting_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_drafts" ADD CONSTRAINT "policy_drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_responses" ADD CONSTRAINT "policy_responses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_responses" ADD CONSTRAINT "policy_responses_draft_id_policy_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."policy_drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_responses" ADD CONSTRAINT "policy_responses_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "roundtable_invitations_uq" ON "roundtable_invitations" USING btree ("roundtable_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "roundtable_invitations_enterprise_idx" ON "roundtable_invitations" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "roundtable_items_meeting_idx" ON "roundtable_items" USING btree ("roundtable_id","created_at");--> statement-breakpoint
CREATE INDEX "roundtable_items_appeal_idx" ON "roundtable_items" USING btree ("appeal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roundtable_leaders_uq" ON "roundtable_leaders" USING btree ("roundtable_id","leader_id");--> statement-breakpoint
CREATE INDEX "roundtables_tenant_date_idx" ON "roundtables" USING btree ("tenant_id","meeting_date");--> statement-breakpoint
CREATE INDEX "research_solutions_task_idx" ON "research_solutions" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "research_task_enterprises_uq" ON "research_task_enterprises" USING btree ("task_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "research_task_enterprises_visited_idx" ON "research_task_enterprises" USING btree ("tenant_id","visited_at");--> statement-breakpoint
CREATE INDEX "research_tasks_tenant_idx" ON "research_tasks" USING btree ("tenant_id","period_from");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_consultees_uq" ON "policy_consultees" USING btree ("draft_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_consultees_enterprise_idx" ON "policy_consultees" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "policy_drafts_tenant_idx" ON "policy_drafts" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "policy_responses_draft_idx" ON "policy_responses" USING btree ("draft_id","created_at");