CREATE TABLE "staff_audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"staff_ident" varchar(64) NOT NULL,
	"unit" text NOT NULL,
	"action" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"person_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_case_state" (
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"assigned_to" varchar(64),
	"assigned_at" timestamp with time zone,
	"provisional_sent_at" timestamp with time zone,
	"provisional_expected_by" date,
	"proposed_status" text,
	"proposed_reason" text,
	"proposed_by" varchar(64),
	"proposed_at" timestamp with time zone,
	CONSTRAINT "staff_case_state_subject_kind_subject_id_pk" PRIMARY KEY("subject_kind","subject_id")
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"id_hash" varchar(64) PRIMARY KEY NOT NULL,
	"ident" varchar(64) NOT NULL,
	"name" text,
	"roles" jsonb NOT NULL,
	"unit" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "upload_id" uuid;--> statement-breakpoint
ALTER TABLE "staff_audit_log" ADD CONSTRAINT "staff_audit_log_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_audit_subject_idx" ON "staff_audit_log" USING btree ("subject_kind","subject_id","at");--> statement-breakpoint
CREATE INDEX "staff_audit_person_idx" ON "staff_audit_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "staff_sessions_ident_idx" ON "staff_sessions" USING btree ("ident");--> statement-breakpoint
CREATE INDEX "staff_sessions_expires_idx" ON "staff_sessions" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;