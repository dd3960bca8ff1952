CREATE TABLE "provider_receivables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_orgnr" varchar(9) NOT NULL,
	"case_id" uuid NOT NULL,
	"event_seq" integer NOT NULL,
	"amount_ore" integer NOT NULL,
	"decided_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"status_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_receivables_amount_pos" CHECK ("provider_receivables"."amount_ore" > 0),
	CONSTRAINT "provider_receivables_status" CHECK ("provider_receivables"."status" in ('open', 'replaced', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "provider_receivables" ADD CONSTRAINT "provider_receivables_provider_orgnr_providers_orgnr_fk" FOREIGN KEY ("provider_orgnr") REFERENCES "public"."providers"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_receivables" ADD CONSTRAINT "provider_receivables_case_id_control_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."control_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "provider_receivables_case_event_uq" ON "provider_receivables" USING btree ("case_id","event_seq");--> statement-breakpoint
CREATE INDEX "provider_receivables_provider_idx" ON "provider_receivables" USING btree ("provider_orgnr","status");