CREATE TABLE "appeal_attachment_data" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"name" text NOT NULL,
	"ext" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"unit_id" uuid,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appeal_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "appeal_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appeal_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"unit_id" uuid,
	"unit_name" text,
	"state_before" text,
	"state_after" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"workdays" integer,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"needs_coordinator" boolean DEFAULT false NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"head_by" uuid,
	"head_by_name" text,
	"head_at" timestamp with time zone,
	"head_comment" text,
	"coordinator_by" uuid,
	"coordinator_by_name" text,
	"coordinator_at" timestamp with time zone,
	"coordinator_comment" text,
	"effect" jsonb
);
--> statement-breakpoint
CREATE TABLE "appeal_units" (
	"appeal_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"part" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"submitted_text" text,
	"submitted_at" timestamp with time zone,
	"submitted_by_name" text,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeal_units_appeal_id_unit_id_pk" PRIMARY KEY("appeal_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"origin_tenant_id" uuid,
	"number" text NOT NULL,
	"enterprise_id" uuid,
	"enterprise_name" text NOT NULL,
	"enterprise_uscc" text,
	"sector" text,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"backdate_reason" text,
	"external_ref" text,
	"luliban_ref" text,
	"is_major" boolean DEFAULT false NOT NULL,
	"is_safety_hazard" boolean DEFAULT false NOT NULL,
	"is_confidential" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"lead_unit_id" uuid,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"cycle_started_at" timestamp with time zone NOT NULL,
	"contact_due_at" timestamp with time zone,
	"contact_done_at" timestamp with time zone,
	"contact_state" text DEFAULT 'pending' NOT NULL,
	"opinion_due_at" timestamp with time zone,
	"opinion_done_at" timestamp with time zone,
	"opinion_state" text DEFAULT 'pending' NOT NULL,
	"resolution_due_at" timestamp with time zone,
	"resolution_done_at" timestamp with time zone,
	"resolution_state" text DEFAULT 'pending' NOT NULL,
	"next_due_at" timestamp with time zone,
	"deadline_error" jsonb,
	"extended_workdays" integer DEFAULT 0 NOT NULL,
	"paused_at" timestamp with time zone,
	"pause" jsonb,
	"opinion_text" text,
	"result_kind" text,
	"result_text" text,
	"reply_text" text,
	"replied_at" timestamp with time zone,
	"evaluation" text,
	"evaluation_comment" text,
	"evaluated_at" timestamp with time zone,
	"urge_count" integer DEFAULT 0 NOT NULL,
	"last_urged_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"search_vector" "tsvector",
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer DEFAULT 0 NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_user_id_key_pk" PRIMARY KEY("tenant_id","user_id","key")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sector" text,
	"category" text,
	"unit_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeal_attachment_data" ADD CONSTRAINT "appeal_attachment_data_attachment_id_appeal_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."appeal_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_attachments" ADD CONSTRAINT "appeal_attachments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_attachments" ADD CONSTRAINT "appeal_attachments_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_counters" ADD CONSTRAINT "appeal_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_events" ADD CONSTRAINT "appeal_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_events" ADD CONSTRAINT "appeal_events_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_requests" ADD CONSTRAINT "appeal_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_requests" ADD CONSTRAINT "appeal_requests_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_units" ADD CONSTRAINT "appeal_units_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_units" ADD CONSTRAINT "appeal_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_units" ADD CONSTRAINT "appeal_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_origin_tenant_id_tenants_id_fk" FOREIGN KEY ("origin_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_attachments_appeal_idx" ON "appeal_attachments" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "appeal_events_appeal_idx" ON "appeal_events" USING btree ("appeal_id","id");--> statement-breakpoint
CREATE INDEX "appeal_events_tenant_at_idx" ON "appeal_events" USING btree ("tenant_id","at");--> statement-breakpoint
CREATE INDEX "appeal_requests_appeal_idx" ON "appeal_requests" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "appeal_requests_pending_idx" ON "appeal_requests" USING btree ("tenant_id","status") WHERE status IN ('pending', 'pending_coordinator');--> statement-breakpoint
CREATE INDEX "appeal_units_unit_idx" ON "appeal_units" USING btree ("tenant_id","unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_tenant_number_uq" ON "appeals" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "appeals_open_unit_due_idx" ON "appeals" USING btree ("tenant_id","lead_unit_id","next_due_at","id") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "appeals_tenant_received_idx" ON "appeals" USING btree ("tenant_id","received_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "appeals_queue_idx" ON "appeals" USING btree ("tenant_id","received_at") WHERE state IN ('received', 'returned');--> statement-breakpoint
CREATE INDEX "appeals_sweep_idx" ON "appeals" USING btree ("next_due_at") WHERE closed_at IS NULL AND next_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "appeals_replied_idx" ON "appeals" USING btree ("tenant_id","replied_at") WHERE state = 'replied';--> statement-breakpoint
CREATE INDEX "appeals_enterprise_idx" ON "appeals" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "appeals_origin_idx" ON "appeals" USING btree ("origin_tenant_id") WHERE origin_tenant_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "appeals_search_idx" ON "appeals" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_rules_uq" ON "routing_rules" USING btree ("tenant_id",coalesce("sector", ''),coalesce("category", ''));