CREATE TABLE "abroad_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "abroad_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"upload_id" uuid,
	"status" text NOT NULL,
	"failure_reason" text,
	"result" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "abroad_applications" ADD CONSTRAINT "abroad_applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abroad_documents" ADD CONSTRAINT "abroad_documents_application_id_abroad_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."abroad_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abroad_documents" ADD CONSTRAINT "abroad_documents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abroad_documents" ADD CONSTRAINT "abroad_documents_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "abroad_applications_person_idx" ON "abroad_applications" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "abroad_documents_application_idx" ON "abroad_documents" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "abroad_documents_person_idx" ON "abroad_documents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "abroad_documents_status_idx" ON "abroad_documents" USING btree ("status","updated_at");