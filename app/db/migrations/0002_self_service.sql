CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reference" varchar(20) NOT NULL,
	"idempotency_key" varchar(64) NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"data" jsonb NOT NULL,
	"egenandel_id" uuid,
	"upload_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frikort_proofs" (
	"code" varchar(16) PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"tak" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_egenandel_id_egenandeler_id_fk" FOREIGN KEY ("egenandel_id") REFERENCES "public"."egenandeler"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frikort_proofs" ADD CONSTRAINT "frikort_proofs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_reference_uq" ON "cases" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_idempotency_uq" ON "cases" USING btree ("person_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "cases_person_idx" ON "cases" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("kind","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "frikort_proofs_person_uq" ON "frikort_proofs" USING btree ("person_id","year","tak");--> statement-breakpoint
CREATE INDEX "uploads_person_idx" ON "uploads" USING btree ("person_id");