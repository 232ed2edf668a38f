-- The message thread of an appeal (issue 7) is append-only like the timeline: no UPDATE, DELETE or
-- TRUNCATE. The one change allowed is moving the messages with their appeal to another tenant
-- (transfer to a city bureau, R3.2).
CREATE OR REPLACE FUNCTION appeal_messages_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'tenant_id') = (to_jsonb(OLD) - 'tenant_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'appeal_messages is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER appeal_messages_append_only BEFORE UPDATE OR DELETE ON appeal_messages
  FOR EACH ROW EXECUTE FUNCTION appeal_messages_refuse_change();
--> statement-breakpoint
CREATE TRIGGER appeal_messages_no_truncate BEFORE TRUNCATE ON appeal_messages
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_messages_refuse_change();
