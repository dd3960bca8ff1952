/** Reads of the resident's own register data for the portal. Every query is scoped by person. */
import { and, asc, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { inboxMessages, payouts, providers, statusLookups } from "~/db/schema";

export async function listPayoutsForYear(db: Db, personId: string, year: number) {
  return db
    .select({
      id: payouts.id,
      tak: payouts.tak,
      amountOre: payouts.amountOre,
      status: payouts.status,
      statusReason: payouts.statusReason,
      accountNumber: payouts.accountNumber,
      paidOn: payouts.paidOn,
      updatedAt: payouts.updatedAt,
    })
    .from(payouts)
    .where(and(eq(payouts.personId, personId), eq(payouts.year, year), eq(payouts.kind, "frikort-refund")))
    .orderBy(asc(payouts.createdAt));
}

/**
 * Provider lookups of the person's frikort for `year` (the year of the service asked about, as the
 * frikort is per year), newest first.
 */
export async function listStatusLookupsForYear(db: Db, personId: string, year: number, limit = 200) {
  return db
    .select({
      id: statusLookups.id,
      askedAt: statusLookups.askedAt,
      orgnr: statusLookups.orgnr,
      orgName: providers.name,
      serviceDate: statusLookups.serviceDate,
      serviceType: statusLookups.serviceType,
      result: statusLookups.result,
    })
    .from(statusLookups)
    .innerJoin(providers, eq(providers.orgnr, statusLookups.orgnr))
    .where(and(eq(statusLookups.personId, personId), gte(statusLookups.serviceDate, `${year}-01-01`), lt(statusLookups.serviceDate, `${year + 1}-01-01`)))
    .orderBy(desc(statusLookups.askedAt), desc(statusLookups.id))
    .limit(limit);
}

export async function listInbox(db: Db, personId: string) {
  return db
    .select({ id: inboxMessages.id, kind: inboxMessages.kind, payload: inboxMessages.payload, createdAt: inboxMessages.createdAt, readAt: inboxMessages.readAt })
    .from(inboxMessages)
    .where(eq(inboxMessages.personId, personId))
    .orderBy(desc(inboxMessages.createdAt))
    .limit(200);
}

export async function countUnread(db: Db, personId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.personId, personId), isNull(inboxMessages.readAt)));
  return r?.n ?? 0;
}

export async function markAllRead(db: Db, personId: string) {
  await db
    .update(inboxMessages)
    .set({ readAt: new Date() })
    .where(and(eq(inboxMessages.personId, personId), isNull(inboxMessages.readAt)));
}
