CREATE TABLE "risk_patterns" (
	"provider_orgnr" varchar(9) NOT NULL,
	"therapist_hpr" varchar(9) NOT NULL,
	"takst_pattern" text[] NOT NULL,
	"patients" integer NOT NULL,
	CONSTRAINT "risk_patterns_provider_orgnr_therapist_hpr_takst_pattern_pk" PRIMARY KEY("provider_orgnr","therapist_hpr","takst_pattern")
);
--> statement-breakpoint
ALTER TABLE "risk_subjects" ADD COLUMN "frikort_ratio_sum" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
CREATE INDEX "risk_series_provider_person" ON "risk_series" USING btree ("provider_orgnr","person_id");