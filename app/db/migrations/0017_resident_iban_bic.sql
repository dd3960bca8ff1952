ALTER TABLE "persons" ADD COLUMN "payout_iban" varchar(34);--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "payout_bic" varchar(11);