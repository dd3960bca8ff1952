-- Hand-written (drizzle-kit cannot express triggers): read_audit is append-only.
-- UPDATE, DELETE and TRUNCATE are refused for every role, the table's owner (the application) too;
-- only dropping the trigger, a schema change that goes through a reviewed migration, lifts it.
CREATE FUNCTION read_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'read_audit is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER read_audit_no_update_delete BEFORE UPDATE OR DELETE ON read_audit FOR EACH ROW EXECUTE FUNCTION read_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER read_audit_no_truncate BEFORE TRUNCATE ON read_audit FOR EACH STATEMENT EXECUTE FUNCTION read_audit_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON read_audit FROM PUBLIC;
