CREATE TABLE "egenandeler" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"provider_orgnr" varchar(9) NOT NULL,
	"claim_id" text NOT NULL,
	"provider_name" text NOT NULL,
	"service_date" date NOT NULL,
	"service_type" text NOT NULL,
	"amount_ore" integer NOT NULL,
	"paid" boolean DEFAULT true NOT NULL,
	"paid_date" date,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "egenandeler_amount_nonneg" CHECK ("egenandeler"."amount_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fnr" varchar(11) NOT NULL,
	"name" text,
	"birth_date" date,
	"yrkesskade_description" text,
	"yrkesskade_approved_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"orgnr" varchar(9) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "egenandeler" ADD CONSTRAINT "egenandeler_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "egenandeler" ADD CONSTRAINT "egenandeler_provider_orgnr_providers_orgnr_fk" FOREIGN KEY ("provider_orgnr") REFERENCES "public"."providers"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "egenandeler_provider_claim_uq" ON "egenandeler" USING btree ("provider_orgnr","claim_id");--> statement-breakpoint
CREATE INDEX "egenandeler_person_date_idx" ON "egenandeler" USING btree ("person_id","service_date");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_fnr_uq" ON "persons" USING btree ("fnr");