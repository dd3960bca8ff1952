CREATE TABLE "exchange_rate_imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"trigger" text NOT NULL,
	"requested_from" date NOT NULL,
	"requested_to" date NOT NULL,
	"status" text NOT NULL,
	"covered_through" date,
	"observations" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"currency" varchar(3) NOT NULL,
	"rate_date" date NOT NULL,
	"value" text NOT NULL,
	"unit_mult" smallint NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_currency_rate_date_pk" PRIMARY KEY("currency","rate_date"),
	CONSTRAINT "exchange_rates_value_decimal" CHECK ("exchange_rates"."value" ~ '^[0-9]+(\.[0-9]+)?$' and "exchange_rates"."value" !~ '^0+(\.0+)?$'),
	CONSTRAINT "exchange_rates_unit_mult" CHECK ("exchange_rates"."unit_mult" between 0 and 6),
	CONSTRAINT "exchange_rates_currency" CHECK ("exchange_rates"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE INDEX "exchange_rate_imports_ok_idx" ON "exchange_rate_imports" USING btree ("status","requested_from");