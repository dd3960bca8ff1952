CREATE TABLE "abroad_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"document_id" uuid,
	"field" text NOT NULL,
	"value" text NOT NULL,
	"previous" text,
	"reason" text NOT NULL,
	"staff_ident" varchar(64) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "abroad_page_images" (
	"document_id" uuid NOT NULL,
	"page" smallint NOT NULL,
	"size" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"png" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "abroad_page_images_document_id_page_size_pk" PRIMARY KEY("document_id","page","size")
);
--> statement-breakpoint
ALTER TABLE "abroad_corrections" ADD CONSTRAINT "abroad_corrections_application_id_abroad_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."abroad_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abroad_page_images" ADD CONSTRAINT "abroad_page_images_document_id_abroad_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."abroad_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "abroad_corrections_application_idx" ON "abroad_corrections" USING btree ("application_id","id");--> statement-breakpoint
-- Hand-written: a correction is history; UPDATE and DELETE are refused (as for staff_audit_log).
CREATE FUNCTION abroad_corrections_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'abroad_corrections is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER abroad_corrections_no_update_delete BEFORE UPDATE OR DELETE ON abroad_corrections FOR EACH ROW EXECUTE FUNCTION abroad_corrections_immutable();
