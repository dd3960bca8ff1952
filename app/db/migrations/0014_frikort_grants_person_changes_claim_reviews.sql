CREATE TABLE "claim_line_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"line_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"staff_ident" varchar(64) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frikort_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"tak" text NOT NULL,
	"valid_from" date NOT NULL,
	"ceiling_ore" integer NOT NULL,
	"total_ore" integer NOT NULL,
	"over_ceiling_ore" integer NOT NULL,
	"payout_id" uuid,
	"granted_by" varchar(140) NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "person_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"field" text NOT NULL,
	"before" text,
	"after" text,
	"reason" text NOT NULL,
	"staff_ident" varchar(64) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claim_line_reviews" ADD CONSTRAINT "claim_line_reviews_line_id_claim_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."claim_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frikort_grants" ADD CONSTRAINT "frikort_grants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frikort_grants" ADD CONSTRAINT "frikort_grants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frikort_grants" ADD CONSTRAINT "frikort_grants_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_changes" ADD CONSTRAINT "person_changes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "claim_line_reviews_line_uq" ON "claim_line_reviews" USING btree ("line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "frikort_grants_case_tak_uq" ON "frikort_grants" USING btree ("case_id","tak");--> statement-breakpoint
CREATE INDEX "frikort_grants_person_idx" ON "frikort_grants" USING btree ("person_id","year","tak");--> statement-breakpoint
CREATE INDEX "person_changes_person_idx" ON "person_changes" USING btree ("person_id","at");