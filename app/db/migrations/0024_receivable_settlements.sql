CREATE TABLE "receivable_settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receivable_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"provider_orgnr" varchar(9) NOT NULL,
	"kind" text NOT NULL,
	"amount_ore" integer NOT NULL,
	"on" date NOT NULL,
	"claim_ref" uuid,
	"payment_reference" text,
	"actor" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receivable_settlements_amount_pos" CHECK ("receivable_settlements"."amount_ore" > 0),
	CONSTRAINT "receivable_settlements_kind" CHECK ("receivable_settlements"."kind" in ('motregning', 'innbetaling')),
	CONSTRAINT "receivable_settlements_source" CHECK (("receivable_settlements"."kind" = 'motregning') = ("receivable_settlements"."claim_ref" is not null))
);
--> statement-breakpoint
ALTER TABLE "receivable_settlements" ADD CONSTRAINT "receivable_settlements_receivable_id_provider_receivables_id_fk" FOREIGN KEY ("receivable_id") REFERENCES "public"."provider_receivables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receivable_settlements" ADD CONSTRAINT "receivable_settlements_case_id_control_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."control_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receivable_settlements" ADD CONSTRAINT "receivable_settlements_claim_ref_claims_id_fk" FOREIGN KEY ("claim_ref") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "receivable_settlements_case_idx" ON "receivable_settlements" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "receivable_settlements_provider_idx" ON "receivable_settlements" USING btree ("provider_orgnr");--> statement-breakpoint
CREATE UNIQUE INDEX "receivable_settlements_case_claim_uq" ON "receivable_settlements" USING btree ("case_id","claim_ref");--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express triggers): settlements of a receivable are append-only,
-- like a control case's events (the function is 0013's).
CREATE TRIGGER receivable_settlements_no_update_delete BEFORE UPDATE OR DELETE ON receivable_settlements
  FOR EACH ROW EXECUTE FUNCTION control_case_append_only();
--> statement-breakpoint
CREATE TRIGGER receivable_settlements_no_truncate BEFORE TRUNCATE ON receivable_settlements
  FOR EACH STATEMENT EXECUTE FUNCTION control_case_append_only();
