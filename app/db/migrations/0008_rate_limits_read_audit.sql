CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "read_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_id" uuid NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_orgnr" varchar(9),
	"actor_key_id" uuid,
	"actor_person_id" uuid,
	"action" text NOT NULL,
	"object_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"request_id" text
);
--> statement-breakpoint
CREATE INDEX "read_audit_person_idx" ON "read_audit" USING btree ("person_id","at");