CREATE TABLE "risk_days" (
	"provider_orgnr" varchar(9) NOT NULL,
	"therapist_hpr" varchar(9) NOT NULL,
	"service_date" date NOT NULL,
	"lines" integer NOT NULL,
	"minutes" integer NOT NULL,
	"first_start" smallint NOT NULL,
	"last_end" smallint NOT NULL,
	"early_late" integer NOT NULL,
	"off_day" boolean NOT NULL,
	"overlap" integer NOT NULL,
	"after_death" integer NOT NULL,
	"examinations_held" integer NOT NULL,
	CONSTRAINT "risk_days_provider_orgnr_therapist_hpr_service_date_pk" PRIMARY KEY("provider_orgnr","therapist_hpr","service_date")
);
--> statement-breakpoint
CREATE TABLE "risk_series" (
	"provider_orgnr" varchar(9) NOT NULL,
	"therapist_hpr" varchar(9) NOT NULL,
	"person_id" uuid NOT NULL,
	"lines" integer NOT NULL,
	"refusjon_ore" bigint NOT NULL,
	"first_date" date NOT NULL,
	"last_date" date NOT NULL,
	"before_lines" integer NOT NULL,
	"before_minutes" integer NOT NULL,
	"before_first" date,
	"before_last" date,
	"after_lines" integer NOT NULL,
	"after_minutes" integer NOT NULL,
	"after_first" date,
	"after_last" date,
	"takst_pattern" text[] NOT NULL,
	CONSTRAINT "risk_series_provider_orgnr_therapist_hpr_person_id_pk" PRIMARY KEY("provider_orgnr","therapist_hpr","person_id")
);
--> statement-breakpoint
CREATE TABLE "risk_subjects" (
	"provider_orgnr" varchar(9) NOT NULL,
	"therapist_hpr" varchar(9) NOT NULL,
	"therapist_name" text,
	"lines" integer NOT NULL,
	"patients" integer NOT NULL,
	"refusjon_ore" bigint NOT NULL,
	"metrics" jsonb NOT NULL,
	"takst_refusjon" jsonb NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_subjects_provider_orgnr_therapist_hpr_pk" PRIMARY KEY("provider_orgnr","therapist_hpr")
);
--> statement-breakpoint
CREATE TABLE "risk_takst" (
	"provider_orgnr" varchar(9) NOT NULL,
	"therapist_hpr" varchar(9) NOT NULL,
	"takst" varchar(8) NOT NULL,
	"lines" integer NOT NULL,
	"refusjon_ore" bigint NOT NULL,
	CONSTRAINT "risk_takst_provider_orgnr_therapist_hpr_takst_pk" PRIMARY KEY("provider_orgnr","therapist_hpr","takst")
);
