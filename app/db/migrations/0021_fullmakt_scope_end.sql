ALTER TABLE "fullmakter" ADD COLUMN "scopes" text[] DEFAULT '{innsyn,melde,frikort,utland,konto}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "fullmakter" ADD COLUMN "valid_until" date;