CREATE TABLE "audit_archives" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_archives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid,
	"first_id" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"row_count" integer NOT NULL,
	"prev_hash" text NOT NULL,
	"head_hash" text NOT NULL,
	"file_sha256" text NOT NULL,
	"manifest" jsonb NOT NULL,
	"file" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_archives_tenant_idx" ON "audit_archives" USING btree ("tenant_id","last_id");--> statement-breakpoint
CREATE INDEX "audit_archives_time_idx" ON "audit_archives" USING btree ("tenant_id","from_at","to_at");