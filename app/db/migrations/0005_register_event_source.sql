ALTER TABLE "egenandel_events" ADD COLUMN "source" text DEFAULT 'provider' NOT NULL;--> statement-breakpoint
ALTER TABLE "egenandel_events" ADD COLUMN "source_ref" text;