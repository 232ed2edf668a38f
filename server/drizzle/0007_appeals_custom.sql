-- Appeals (capability 4): substring search on titles with pg_trgm (Chinese keywords: ILIKE '%…%'),
-- and the timeline (appeal_events) is append-only like the audit log. The one change allowed is
-- moving the events with their appeal to another tenant (transfer to a city bureau, R3.2).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "appeals_title_trgm_idx" ON "appeals" USING gin ("title" gin_trgm_ops);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION appeal_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'tenant_id') = (to_jsonb(OLD) - 'tenant_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'appeal_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER appeal_events_append_only BEFORE UPDATE OR DELETE ON appeal_events
  FOR EACH ROW EXECUTE FUNCTION appeal_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER appeal_events_no_truncate BEFORE TRUNCATE ON appeal_events
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_events_refuse_change();
