CREATE TABLE "claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_ref" uuid NOT NULL,
	"line_no" smallint NOT NULL,
	"person_id" uuid NOT NULL,
	"provider_orgnr" varchar(9) NOT NULL,
	"therapist_hpr" varchar(9) NOT NULL,
	"takst" varchar(8) NOT NULL,
	"service_date" date NOT NULL,
	"start_minute" smallint NOT NULL,
	"minutes" smallint NOT NULL,
	"group_size" smallint,
	"outcome" text NOT NULL,
	"controls" jsonb NOT NULL,
	"honorar_ore" integer NOT NULL,
	"refusjon_ore" integer NOT NULL,
	"egenandel_ore" integer NOT NULL,
	"egenandel_disposition" text NOT NULL,
	"egenandel_id" uuid,
	"patient_confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_orgnr" varchar(9) NOT NULL,
	"claim_id" text NOT NULL,
	"person_id" uuid NOT NULL,
	"therapist_hpr" varchar(9) NOT NULL,
	"therapist_name" text NOT NULL,
	"paid" boolean NOT NULL,
	"outcome" text NOT NULL,
	"refusjon_ore" integer NOT NULL,
	"request_hash" varchar(64) NOT NULL,
	"received_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "died_on" date;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_claim_ref_claims_id_fk" FOREIGN KEY ("claim_ref") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_egenandel_id_egenandeler_id_fk" FOREIGN KEY ("egenandel_id") REFERENCES "public"."egenandeler"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_provider_orgnr_providers_orgnr_fk" FOREIGN KEY ("provider_orgnr") REFERENCES "public"."providers"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_lines_claim_line_uq" ON "claim_lines" USING btree ("claim_ref","line_no");--> statement-breakpoint
CREATE INDEX "claim_lines_therapist_date_idx" ON "claim_lines" USING btree ("therapist_hpr","service_date");--> statement-breakpoint
CREATE INDEX "claim_lines_person_date_idx" ON "claim_lines" USING btree ("person_id","service_date");--> statement-breakpoint
CREATE INDEX "claim_lines_provider_date_idx" ON "claim_lines" USING btree ("provider_orgnr","service_date");--> statement-breakpoint
CREATE INDEX "claim_lines_egenandel_idx" ON "claim_lines" USING btree ("egenandel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_provider_claim_uq" ON "claims" USING btree ("provider_orgnr","claim_id");--> statement-breakpoint
CREATE INDEX "claims_person_idx" ON "claims" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "claims_outcome_idx" ON "claims" USING btree ("outcome","created_at");