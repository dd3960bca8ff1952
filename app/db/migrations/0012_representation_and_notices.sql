CREATE TABLE "fullmakter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"giver_person_id" uuid NOT NULL,
	"holder_person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "fullmakter_not_self" CHECK ("fullmakter"."giver_person_id" <> "fullmakter"."holder_person_id")
);
--> statement-breakpoint
CREATE TABLE "notice_settings" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"email" text,
	"phone" varchar(16),
	"email_on" boolean DEFAULT false NOT NULL,
	"sms_on" boolean DEFAULT false NOT NULL,
	"lang" varchar(2) DEFAULT 'nb' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parental_responsibility" (
	"parent_person_id" uuid NOT NULL,
	"child_person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parental_responsibility_parent_person_id_child_person_id_pk" PRIMARY KEY("parent_person_id","child_person_id")
);
--> statement-breakpoint
CREATE TABLE "representation_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_person_id" uuid NOT NULL,
	"subject_person_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "citizen_sessions" ADD COLUMN "acting_for_person_id" uuid;--> statement-breakpoint
ALTER TABLE "fullmakter" ADD CONSTRAINT "fullmakter_giver_person_id_persons_id_fk" FOREIGN KEY ("giver_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fullmakter" ADD CONSTRAINT "fullmakter_holder_person_id_persons_id_fk" FOREIGN KEY ("holder_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_settings" ADD CONSTRAINT "notice_settings_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parental_responsibility" ADD CONSTRAINT "parental_responsibility_parent_person_id_persons_id_fk" FOREIGN KEY ("parent_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parental_responsibility" ADD CONSTRAINT "parental_responsibility_child_person_id_persons_id_fk" FOREIGN KEY ("child_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation_log" ADD CONSTRAINT "representation_log_actor_person_id_persons_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation_log" ADD CONSTRAINT "representation_log_subject_person_id_persons_id_fk" FOREIGN KEY ("subject_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fullmakter_live_pair_uq" ON "fullmakter" USING btree ("giver_person_id","holder_person_id") WHERE "fullmakter"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "fullmakter_holder_idx" ON "fullmakter" USING btree ("holder_person_id");--> statement-breakpoint
CREATE INDEX "parental_responsibility_child_idx" ON "parental_responsibility" USING btree ("child_person_id");--> statement-breakpoint
CREATE INDEX "representation_log_subject_idx" ON "representation_log" USING btree ("subject_person_id","at");--> statement-breakpoint
CREATE INDEX "representation_log_actor_idx" ON "representation_log" USING btree ("actor_person_id","at");--> statement-breakpoint
ALTER TABLE "citizen_sessions" ADD CONSTRAINT "citizen_sessions_acting_for_person_id_persons_id_fk" FOREIGN KEY ("acting_for_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;