-- Issue 21: archived audit rows may leave audit_log through one documented step only
-- (`zqt audit purge-archived`, docs/OPERATIONS.md): in a transaction that sets
-- zqt.audit_purge = 'archived', a DELETE of a row that an archive holds (same tenant, id within the
-- archive's range, older than the archive's cut-off). Every other UPDATE, DELETE or TRUNCATE stays refused,
-- and the app role holds no DELETE grant on the table at all (db/roles.ts) — so only the owner can
-- run the step, and only for rows already in a verifiable archive.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW'
     AND current_setting('zqt.audit_purge', true) = 'archived'
     AND EXISTS (
       SELECT 1 FROM audit_archives a
       WHERE a.tenant_id IS NOT DISTINCT FROM OLD.tenant_id
         AND OLD.id BETWEEN a.first_id AND a.last_id
         AND OLD.at < a.cutoff
     ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- The archives themselves are append-only, whoever asks.
CREATE OR REPLACE FUNCTION audit_archives_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_archives is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_archives_no_update_delete BEFORE UPDATE OR DELETE ON audit_archives
  FOR EACH ROW EXECUTE FUNCTION audit_archives_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_archives_no_truncate BEFORE TRUNCATE ON audit_archives
  FOR EACH STATEMENT EXECUTE FUNCTION audit_archives_refuse_change();
