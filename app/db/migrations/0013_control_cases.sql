CREATE TABLE "control_case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" varchar(64) NOT NULL,
	"data" jsonb NOT NULL,
	"state_after" jsonb NOT NULL,
	"file_id" uuid
);
--> statement-breakpoint
CREATE TABLE "control_case_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "control_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" varchar(20) NOT NULL,
	"provider_orgnr" varchar(9) NOT NULL,
	"therapist_hpr" varchar(9),
	"signal" varchar(64) NOT NULL,
	"opened_by" varchar(64) NOT NULL,
	"opened_on" date NOT NULL,
	"state_tag" text NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_audit_log" ALTER COLUMN "person_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "control_case_events" ADD CONSTRAINT "control_case_events_case_id_control_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."control_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_case_events" ADD CONSTRAINT "control_case_events_file_id_control_case_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."control_case_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_case_files" ADD CONSTRAINT "control_case_files_case_id_control_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."control_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_cases" ADD CONSTRAINT "control_cases_provider_orgnr_providers_orgnr_fk" FOREIGN KEY ("provider_orgnr") REFERENCES "public"."providers"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "control_case_events_seq_uq" ON "control_case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "control_cases_reference_uq" ON "control_cases" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "control_cases_provider_idx" ON "control_cases" USING btree ("provider_orgnr");--> statement-breakpoint
CREATE INDEX "control_cases_state_idx" ON "control_cases" USING btree ("state_tag","updated_at");--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_id_uq" UNIQUE("id");--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express triggers): a control case's events and files are append-only.
CREATE OR REPLACE FUNCTION control_case_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER control_case_events_no_update_delete BEFORE UPDATE OR DELETE ON control_case_events
  FOR EACH ROW EXECUTE FUNCTION control_case_append_only();
--> statement-breakpoint
CREATE TRIGGER control_case_events_no_truncate BEFORE TRUNCATE ON control_case_events
  FOR EACH STATEMENT EXECUTE FUNCTION control_case_append_only();
--> statement-breakpoint
CREATE TRIGGER control_case_files_no_update_delete BEFORE UPDATE OR DELETE ON control_case_files
  FOR EACH ROW EXECUTE FUNCTION control_case_append_only();
--> statement-breakpoint
CREATE TRIGGER control_case_files_no_truncate BEFORE TRUNCATE ON control_case_files
  FOR EACH STATEMENT EXECUTE FUNCTION control_case_append_only();
