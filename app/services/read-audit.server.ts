/**
 * Audit of reads (issue 16, item 11): a provider reading one egenandel through the API and a
 * resident downloading one of their documents are written to the append-only `read_audit` table
 * before the data is handed out (if the audit cannot be written, nothing is read). The resident
 * sees the providers' reads on the overview page, beside the frikort status lookups.
 */
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { egenandeler, providers, readAudit } from "~/db/schema";

export type ReadPurpose = "egenandel-check" | "own-document";

/** A provider's read of one of its egenandeler (GET /api/v1/egenandeler/{claimId}). */
export async function logProviderRead(db: Db, opts: { egenandelId: string; orgnr: string; keyId: string; requestId: string }): Promise<void> {
  // The person comes from the egenandel itself, in the same statement.
  await db.execute(sql`
    insert into read_audit (person_id, actor_kind, actor_orgnr, actor_key_id, action, object_id, purpose, request_id)
    select person_id, 'provider', ${opts.orgnr}, ${opts.keyId}, 'egenandel.read', id, 'egenandel-check', ${opts.requestId}
    from egenandeler where id = ${opts.egenandelId}`);
}

/** A resident's download of one of their own documents. */
export async function logDocumentDownload(db: Db, opts: { personId: string; documentId: string; requestId: string }): Promise<void> {
  await db.insert(readAudit).values({
    personId: opts.personId,
    actorKind: "resident",
    actorPersonId: opts.personId,
    action: "document.download",
    objectId: opts.documentId,
    purpose: "own-document",
    requestId: opts.requestId,
  });
}

/** Providers' reads of the person's egenandeler from `year` (the service date's year), newest first. */
export async function listProviderReadsForYear(db: Db, personId: string, year: number, limit = 200) {
  return db
    .select({
      id: readAudit.id,
      at: readAudit.at,
      orgnr: readAudit.actorOrgnr,
      orgName: providers.name,
      purpose: readAudit.purpose,
      serviceDate: egenandeler.serviceDate,
      serviceType: egenandeler.serviceType,
    })
    .from(readAudit)
    .innerJoin(egenandeler, eq(egenandeler.id, readAudit.objectId))
    .leftJoin(providers, eq(providers.orgnr, readAudit.actorOrgnr))
    .where(
      and(
        eq(readAudit.personId, personId),
        eq(readAudit.action, "egenandel.read"),
        eq(egenandeler.personId, personId),
        gte(egenandeler.serviceDate, `${year}-01-01`),
        lt(egenandeler.serviceDate, `${year + 1}-01-01`),
      ),
    )
    .orderBy(desc(readAudit.at), desc(readAudit.id))
    .limit(limit);
}
