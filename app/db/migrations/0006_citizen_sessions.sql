CREATE TABLE "citizen_sessions" (
	"id_hash" varchar(64) PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
ALTER TABLE "citizen_sessions" ADD CONSTRAINT "citizen_sessions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizen_sessions_person_idx" ON "citizen_sessions" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "citizen_sessions_expires_idx" ON "citizen_sessions" USING btree ("expires_at");