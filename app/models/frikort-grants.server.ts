/**
 * Frikort granted by a caseworker on a reserved resident's application (docs/decisions/0017-frikort-grants.md):
 * the stored grant, its refund, and the reads of it beside the engine's `frikort_status`.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { frikortGrants, payouts } from "~/db/schema";
import type { ApplicationGrant } from "~/domain/frikort-application";
import type { IsoDate, Ore } from "~/kernel/types";
import { addOre, ZERO_ORE } from "~/kernel/money";
import { repaymentDue } from "~/domain/abroad-decision";
import { cancelOpenClaimsOfGrant, createRepaymentClaim } from "./repayment-claims.server";

export type GrantRow = typeof frikortGrants.$inferSelect;

/**
 * Stores the grants of one approved application, each with its refund (a payout of the ordinary
 * payout run). Idempotent per case and tak: a grant already standing is kept as it is; one revoked
 * earlier (the case was rejected after an appeal, then approved again) stands again with a new refund.
 */
export async function storeGrants(
  tx: Db,
  v: { personId: string; caseId: string; year: number; grants: ApplicationGrant[]; grantedBy: string; account: string | null },
): Promise<GrantRow[]> {
  const out: GrantRow[] = [];
  for (const g of v.grants) {
    const [existing] = await tx
      .select()
      .from(frikortGrants)
      .where(and(eq(frikortGrants.caseId, v.caseId), eq(frikortGrants.tak, g.tak)))
      .for("update");
    if (existing && !existing.revokedAt) {
      out.push(existing);
      continue;
    }
    // Granted again after a revocation whose paid refund was claimed back: the claim is dropped and
    // the refund already paid stands for the grant (the same receipts give the same refund), so it
    // is not paid twice; what the new grant gives beyond it is not paid here (see ADR 0017).
    const claimed = existing ? await cancelOpenClaimsOfGrant(tx, existing.id, "granted-again", new Date()) : 0;
    let payoutId: string | null = claimed > 0 ? existing!.payoutId : null;
    if (g.payout && claimed === 0) {
      const [p] = await tx
        .insert(payouts)
        .values({
          personId: v.personId,
          year: v.year,
          tak: g.tak,
          amountOre: g.payout.amountOre,
          status: g.payout.status,
          statusReason: g.payout.reason,
          accountNumber: v.account,
        })
        .returning({ id: payouts.id });
      payoutId = p!.id;
    }
    const values = {
      validFrom: g.validFrom,
      ceilingOre: g.ceilingOre,
      totalOre: g.totalOre,
      overCeilingOre: g.overCeilingOre,
      payoutId,
      grantedBy: v.grantedBy,
      grantedAt: new Date(),
      revokedAt: null,
    };
    const [row] = existing
      ? await tx.update(frikortGrants).set(values).where(eq(frikortGrants.id, existing.id)).returning()
      : await tx
          .insert(frikortGrants)
          .values({ personId: v.personId, caseId: v.caseId, year: v.year, tak: g.tak, ...values })
          .returning();
    out.push(row!);
  }
  return out;
}

/**
 * Revokes the case's standing grants (a later rejection): their refunds not yet paid are cancelled,
 * and a refund already paid becomes a claim for repayment of what was paid (the grant now gives
 * nothing). In the caller's transaction; a grant is revoked once, and its claim is keyed by the
 * revocation, so a retry makes no second claim. Returns how many grants and what is owed back.
 */
export async function revokeGrants(tx: Db, caseId: string, now = new Date()): Promise<{ revoked: number; repaymentOre: Ore }> {
  const revoked = await tx
    .update(frikortGrants)
    .set({ revokedAt: now })
    .where(and(eq(frikortGrants.caseId, caseId), isNull(frikortGrants.revokedAt)))
    .returning({ id: frikortGrants.id, personId: frikortGrants.personId, payoutId: frikortGrants.payoutId });
  const ids = revoked.flatMap((r) => (r.payoutId ? [r.payoutId] : []));
  if (ids.length)
    await tx
      .update(payouts)
      .set({ status: "cancelled", statusReason: "correction", updatedAt: now })
      .where(and(inArray(payouts.id, ids), inArray(payouts.status, ["pending", "withheld"])));
  const paid = ids.length
    ? await tx
        .select({ id: payouts.id, amountOre: payouts.amountOre })
        .from(payouts)
        .where(and(inArray(payouts.id, ids), eq(payouts.status, "paid")))
    : [];
  let repaymentOre: Ore = ZERO_ORE;
  for (const g of revoked) {
    const p = paid.find((x) => x.id === g.payoutId);
    if (!p) continue;
    await cancelOpenClaimsOfGrant(tx, g.id, "superseded", now);
    const amountOre = repaymentDue(ZERO_ORE, p.amountOre);
    if (amountOre <= 0) continue;
    await createRepaymentClaim(tx, {
      personId: g.personId,
      kind: "frikort-grant",
      caseId,
      grantId: g.id,
      paidOre: p.amountOre,
      refundOre: ZERO_ORE,
      amountOre,
      sourceKey: `frikort-grant:${g.id}:${now.toISOString()}`,
    });
    repaymentOre = addOre(repaymentOre, amountOre);
  }
  return { revoked: revoked.length, repaymentOre };
}

/** The standing grants of a person-year, earliest first. */
export async function grantsFor(db: Db, personId: string, year: number): Promise<GrantRow[]> {
  return db
    .select()
    .from(frikortGrants)
    .where(and(eq(frikortGrants.personId, personId), eq(frikortGrants.year, year), isNull(frikortGrants.revokedAt)))
    .orderBy(frikortGrants.validFrom);
}

/** The earliest standing grant date per tak of a person-year. */
export async function grantedFromByTak(db: Db, personId: string, year: number): Promise<Map<string, IsoDate>> {
  const rows = await db
    .select({ tak: frikortGrants.tak, from: sql<IsoDate>`min(${frikortGrants.validFrom})::text` })
    .from(frikortGrants)
    .where(and(eq(frikortGrants.personId, personId), eq(frikortGrants.year, year), isNull(frikortGrants.revokedAt)))
    .groupBy(frikortGrants.tak);
  return new Map(rows.map((r) => [r.tak, r.from]));
}
