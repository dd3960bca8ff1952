ALTER TABLE "status_lookups" DROP CONSTRAINT IF EXISTS "status_lookups_person_id_persons_id_fk";
--> statement-breakpoint
ALTER TABLE "status_lookups" DROP CONSTRAINT IF EXISTS "status_lookups_orgnr_providers_orgnr_fk";
