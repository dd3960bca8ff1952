ALTER TABLE "receivable_settlements" DROP CONSTRAINT "receivable_settlements_kind";--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "payout_account" varchar(11);--> statement-breakpoint
ALTER TABLE "receivable_settlements" ADD COLUMN "account_number" varchar(11);--> statement-breakpoint
CREATE UNIQUE INDEX "receivable_settlements_refund_uq" ON "receivable_settlements" USING btree ("case_id","payment_reference") WHERE "receivable_settlements"."kind" = 'tilbakebetaling';--> statement-breakpoint
ALTER TABLE "receivable_settlements" ADD CONSTRAINT "receivable_settlements_refund_account" CHECK (("receivable_settlements"."kind" = 'tilbakebetaling') = ("receivable_settlements"."account_number" is not null));--> statement-breakpoint
ALTER TABLE "receivable_settlements" ADD CONSTRAINT "receivable_settlements_kind" CHECK ("receivable_settlements"."kind" in ('motregning', 'innbetaling', 'tilbakebetaling'));