CREATE TABLE "abroad_decision_lines" (
	"decision_id" uuid NOT NULL,
	"invoice_no" smallint NOT NULL,
	"line_no" smallint NOT NULL,
	"document_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"treatment_date" date,
	"description" text NOT NULL,
	"currency" varchar(3) NOT NULL,
	"claimed_amount" text NOT NULL,
	"approved_amount" text NOT NULL,
	"refund_ore" integer NOT NULL,
	"egenandel_ore" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "abroad_decision_lines_decision_id_invoice_no_line_no_pk" PRIMARY KEY("decision_id","invoice_no","line_no")
);
--> statement-breakpoint
CREATE TABLE "abroad_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"outcome" text NOT NULL,
	"refund_ore" integer NOT NULL,
	"egenandel_ore" integer NOT NULL,
	"note" text,
	"decided_by" varchar(64) NOT NULL,
	"approved_by" varchar(64),
	"supersedes" uuid,
	"decided_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "abroad_decisions_refund_nonneg" CHECK ("abroad_decisions"."refund_ore" >= 0)
);
--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "kind" text DEFAULT 'frikort-refund' NOT NULL;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "application_id" uuid;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "decision_id" uuid;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "iban" varchar(34);--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "bic" varchar(11);--> statement-breakpoint
ALTER TABLE "staff_case_state" ADD COLUMN "proposed_payload" jsonb;--> statement-breakpoint
ALTER TABLE "abroad_decision_lines" ADD CONSTRAINT "abroad_decision_lines_decision_id_abroad_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."abroad_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abroad_decisions" ADD CONSTRAINT "abroad_decisions_application_id_abroad_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."abroad_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abroad_decisions" ADD CONSTRAINT "abroad_decisions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "abroad_decisions_seq_uq" ON "abroad_decisions" USING btree ("application_id","seq");--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_application_id_abroad_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."abroad_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written (drizzle-kit cannot express triggers): a decision on a refund claim abroad is
-- immutable. A new decision is a new row that supersedes the old; UPDATE and DELETE are refused.
CREATE FUNCTION abroad_decisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: a new decision supersedes the old one', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER abroad_decisions_no_update_delete BEFORE UPDATE OR DELETE ON abroad_decisions FOR EACH ROW EXECUTE FUNCTION abroad_decisions_immutable();
--> statement-breakpoint
CREATE TRIGGER abroad_decision_lines_no_update_delete BEFORE UPDATE OR DELETE ON abroad_decision_lines FOR EACH ROW EXECUTE FUNCTION abroad_decisions_immutable();
