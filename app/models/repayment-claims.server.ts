/**
 * Claims for repayment (issue 19): a refund that was paid and later lowered by a superseding
 * decision abroad, or taken away with a revoked frikort grant (ADR 0017). Written inside the
 * decision's own transaction; one claim per decision or revocation (`source_key`), so a retry
 * changes nothing. An open claim gives way to the next decision, like a payout not yet sent.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { repaymentClaims } from "~/db/schema";
import { sumOre } from "~/kernel/money";
import type { Ore } from "~/kernel/types";

export type RepaymentClaimRow = typeof repaymentClaims.$inferSelect;

export interface NewRepaymentClaim {
  personId: string;
  kind: "abroad-refund" | "frikort-grant";
  applicationId?: string | null;
  decisionId?: string | null;
  caseId?: string | null;
  grantId?: string | null;
  paidOre: Ore;
  refundOre: Ore;
  amountOre: Ore;
  sourceKey: string;
}

/** Creates the claim once per source key (a retry finds the one it made). Amounts must be whole øre above zero. */
export async function createRepaymentClaim(tx: Db, c: NewRepaymentClaim): Promise<RepaymentClaimRow> {
  if (!Number.isInteger(c.amountOre) || c.amountOre <= 0) throw new Error("a claim for repayment is a positive whole number of øre");
  const [row] = await tx
    .insert(repaymentClaims)
    .values({ ...c, status: "open" })
    .onConflictDoNothing({ target: repaymentClaims.sourceKey })
    .returning();
  if (row) return row;
  const [existing] = await tx.select().from(repaymentClaims).where(eq(repaymentClaims.sourceKey, c.sourceKey));
  return existing!;
}

/** Cancels the open claims matching `where` (a later decision replaces them); returns what they claimed. */
async function cancelOpen(tx: Db, column: typeof repaymentClaims.applicationId | typeof repaymentClaims.grantId, id: string, reason: string, now: Date) {
  const rows = await tx
    .update(repaymentClaims)
    .set({ status: "cancelled", statusReason: reason, updatedAt: now })
    .where(and(eq(column, id), eq(repaymentClaims.status, "open")))
    .returning({ amountOre: repaymentClaims.amountOre });
  return rows.reduce((s, r) => s + r.amountOre, 0);
}

export const cancelOpenClaimsOfApplication = (tx: Db, applicationId: string, reason: string, now: Date) =>
  cancelOpen(tx, repaymentClaims.applicationId, applicationId, reason, now);
export const cancelOpenClaimsOfGrant = (tx: Db, grantId: string, reason: string, now: Date) => cancelOpen(tx, repaymentClaims.grantId, grantId, reason, now);

/** The claims of an application abroad, oldest first. */
export async function claimsOfApplication(db: Db, applicationId: string): Promise<RepaymentClaimRow[]> {
  return db.select().from(repaymentClaims).where(eq(repaymentClaims.applicationId, applicationId)).orderBy(asc(repaymentClaims.createdAt), asc(repaymentClaims.id));
}

/** The claims of a case (a frikort application whose grant was revoked), oldest first. */
export async function claimsOfCase(db: Db, caseId: string): Promise<RepaymentClaimRow[]> {
  return db.select().from(repaymentClaims).where(eq(repaymentClaims.caseId, caseId)).orderBy(asc(repaymentClaims.createdAt), asc(repaymentClaims.id));
}

/** The open claims among `rows` and their sum: what the resident owes now. */
export function openClaimsOf(rows: readonly RepaymentClaimRow[]): { claims: RepaymentClaimRow[]; totalOre: Ore } {
  const claims = rows.filter((r) => r.status === "open");
  return { claims, totalOre: sumOre(claims.map((r) => r.amountOre)) };
}
