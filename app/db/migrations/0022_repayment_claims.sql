CREATE TABLE "repayment_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"application_id" uuid,
	"decision_id" uuid,
	"case_id" uuid,
	"grant_id" uuid,
	"paid_ore" integer NOT NULL,
	"refund_ore" integer NOT NULL,
	"amount_ore" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"status_reason" text,
	"source_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repayment_claims_amount_pos" CHECK ("repayment_claims"."amount_ore" > 0)
);
--> statement-breakpoint
ALTER TABLE "repayment_claims" ADD CONSTRAINT "repayment_claims_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_claims" ADD CONSTRAINT "repayment_claims_application_id_abroad_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."abroad_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_claims" ADD CONSTRAINT "repayment_claims_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayment_claims" ADD CONSTRAINT "repayment_claims_grant_id_frikort_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."frikort_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "repayment_claims_source_uq" ON "repayment_claims" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "repayment_claims_person_idx" ON "repayment_claims" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "repayment_claims_application_idx" ON "repayment_claims" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "repayment_claims_case_idx" ON "repayment_claims" USING btree ("case_id");