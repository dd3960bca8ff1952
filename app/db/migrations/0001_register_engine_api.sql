CREATE TABLE "egenandel_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"egenandel_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"provider_orgnr" varchar(9),
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frikort_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"tak" text NOT NULL,
	"total_before" integer,
	"total_after" integer NOT NULL,
	"frikort_from_before" date,
	"frikort_from_after" date,
	"cause" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "frikort_status" (
	"person_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"tak" text NOT NULL,
	"ceiling_ore" integer NOT NULL,
	"total_ore" integer NOT NULL,
	"over_ceiling_ore" integer NOT NULL,
	"frikort_from" date,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "frikort_status_person_id_year_tak_pk" PRIMARY KEY("person_id","year","tak")
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"tak" text NOT NULL,
	"amount_ore" integer NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"account_number" varchar(11),
	"paid_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_amount_pos" CHECK ("payouts"."amount_ore" > 0)
);
--> statement-breakpoint
CREATE TABLE "provider_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orgnr" varchar(9) NOT NULL,
	"key_hash" varchar(64) NOT NULL,
	"key_prefix" varchar(16) NOT NULL,
	"label" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "status_lookups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid,
	"orgnr" varchar(9) NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_date" date NOT NULL,
	"service_type" text NOT NULL,
	"result" text NOT NULL,
	"batch" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "egenandeler" ADD COLUMN "registration_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "payout_account" varchar(11);--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "reserved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "egenandel_events" ADD CONSTRAINT "egenandel_events_egenandel_id_egenandeler_id_fk" FOREIGN KEY ("egenandel_id") REFERENCES "public"."egenandeler"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "egenandel_events" ADD CONSTRAINT "egenandel_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frikort_changes" ADD CONSTRAINT "frikort_changes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "frikort_status" ADD CONSTRAINT "frikort_status_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_api_keys" ADD CONSTRAINT "provider_api_keys_orgnr_providers_orgnr_fk" FOREIGN KEY ("orgnr") REFERENCES "public"."providers"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_lookups" ADD CONSTRAINT "status_lookups_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_lookups" ADD CONSTRAINT "status_lookups_orgnr_providers_orgnr_fk" FOREIGN KEY ("orgnr") REFERENCES "public"."providers"("orgnr") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "egenandel_events_egenandel_idx" ON "egenandel_events" USING btree ("egenandel_id");--> statement-breakpoint
CREATE INDEX "frikort_changes_person_idx" ON "frikort_changes" USING btree ("person_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_messages_dedupe_uq" ON "inbox_messages" USING btree ("person_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "inbox_messages_person_idx" ON "inbox_messages" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_person_idx" ON "payouts" USING btree ("person_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_api_keys_hash_uq" ON "provider_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "status_lookups_person_idx" ON "status_lookups" USING btree ("person_id","asked_at");