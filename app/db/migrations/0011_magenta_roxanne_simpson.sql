ALTER TABLE "staff_case_state" ADD COLUMN "proposed_status" text;--> statement-breakpoint
ALTER TABLE "staff_case_state" ADD COLUMN "proposed_reason" text;--> statement-breakpoint
ALTER TABLE "staff_case_state" ADD COLUMN "proposed_by" varchar(64);--> statement-breakpoint
ALTER TABLE "staff_case_state" ADD COLUMN "proposed_at" timestamp with time zone;