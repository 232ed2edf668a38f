CREATE TABLE "contact_point_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_point_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"type" text NOT NULL,
	"state_before" text,
	"state_after" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_point_visits" (
	"point_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"tenant_id" uuid NOT NULL,
	"visits" integer DEFAULT 0 NOT NULL,
	"last_visit" date,
	CONSTRAINT "contact_point_visits_point_id_year_pk" PRIMARY KEY("point_id","year")
);
--> statement-breakpoint
CREATE TABLE "contact_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"leader_id" uuid,
	"unit_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"liaison_user_id" uuid,
	"state" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"overlap_accepted" text,
	"confirmed_at" timestamp with time zone,
	"term_start" date,
	"term_end" date,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_record_appeals" (
	"record_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	CONSTRAINT "field_record_appeals_record_id_appeal_id_pk" PRIMARY KEY("record_id","appeal_id")
);
--> statement-breakpoint
CREATE TABLE "field_record_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"point_id" uuid,
	"enterprise_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"form" text NOT NULL,
	"leader_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"staff_names" text DEFAULT '' NOT NULL,
	"policies" text DEFAULT '' NOT NULL,
	"difficulties" text DEFAULT '' NOT NULL,
	"suggestions" text DEFAULT '' NOT NULL,
	"findings" text NOT NULL,
	"reference" text,
	"service_rating" text,
	"service_comment" text,
	"statement" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_point_events" ADD CONSTRAINT "contact_point_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_point_events" ADD CONSTRAINT "contact_point_events_point_id_contact_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."contact_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_point_visits" ADD CONSTRAINT "contact_point_visits_point_id_contact_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."contact_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_point_visits" ADD CONSTRAINT "contact_point_visits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_liaison_user_id_users_id_fk" FOREIGN KEY ("liaison_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_points" ADD CONSTRAINT "contact_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_follow_ups" ADD CONSTRAINT "field_follow_ups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_follow_ups" ADD CONSTRAINT "field_follow_ups_record_id_field_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."field_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_follow_ups" ADD CONSTRAINT "field_follow_ups_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_record_appeals" ADD CONSTRAINT "field_record_appeals_record_id_field_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."field_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_record_appeals" ADD CONSTRAINT "field_record_appeals_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_record_appeals" ADD CONSTRAINT "field_record_appeals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_record_files" ADD CONSTRAINT "field_record_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_record_files" ADD CONSTRAINT "field_record_files_record_id_field_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."field_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_record_files" ADD CONSTRAINT "field_record_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_records" ADD CONSTRAINT "field_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_records" ADD CONSTRAINT "field_records_point_id_contact_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."contact_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_records" ADD CONSTRAINT "field_records_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_records" ADD CONSTRAINT "field_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_records" ADD CONSTRAINT "field_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_point_events_point_idx" ON "contact_point_events" USING btree ("point_id","id");--> statement-breakpoint
CREATE INDEX "contact_points_tenant_state_idx" ON "contact_points" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "contact_points_leader_idx" ON "contact_points" USING btree ("tenant_id","leader_id");--> statement-breakpoint
CREATE INDEX "contact_points_unit_idx" ON "contact_points" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "contact_points_enterprise_idx" ON "contact_points" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "field_follow_ups_record_idx" ON "field_follow_ups" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "field_follow_ups_open_idx" ON "field_follow_ups" USING btree ("tenant_id","due_on") WHERE done_at IS NULL;--> statement-breakpoint
CREATE INDEX "field_record_appeals_appeal_idx" ON "field_record_appeals" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "field_record_files_record_idx" ON "field_record_files" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "field_records_point_idx" ON "field_records" USING btree ("point_id","visited_on") WHERE point_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "field_records_tenant_day_idx" ON "field_records" USING btree ("tenant_id","visited_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "field_records_enterprise_idx" ON "field_records" USING btree ("tenant_id","enterprise_id");