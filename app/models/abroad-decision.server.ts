/**
 * Decisions on refund claims abroad and their payouts (issue 19 items 4 and 6). Decision rows are
 * immutable (a trigger refuses UPDATE and DELETE): a new decision is inserted with the next `seq`
 * and names the one it supersedes. The payout of an approved refund is a `payouts` row of kind
 * "abroad-refund" tied to the application and the decision.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { abroadApplications, abroadDecisionLines, abroadDecisions, payouts } from "~/db/schema";
import type { AbroadData, AccountAnswer, StatusEvent } from "~/domain/abroad-application";
import type { ComputedDecision } from "~/domain/abroad-decision";
import { payoutDue, repaymentDue } from "~/domain/abroad-decision";
import { yearOf } from "~/kernel/dates";
import type { IsoDate, Ore } from "~/kernel/types";
import { parseApplication, type AbroadApplication } from "./abroad-application.server";
import { sumOre, ZERO_ORE } from "~/kernel/money";
import { cancelOpenClaimsOfApplication, createRepaymentClaim } from "./repayment-claims.server";

export type AbroadDecisionRow = typeof abroadDecisions.$inferSelect;
export type AbroadDecisionLineRow = typeof abroadDecisionLines.$inferSelect;
export type AbroadDecisionWithLines = AbroadDecisionRow & { lines: AbroadDecisionLineRow[] };

/** Every decision of the application, oldest first, each with its lines. */
export async function listDecisions(db: Db, applicationId: string): Promise<AbroadDecisionWithLines[]> {
  const ds = await db.select().from(abroadDecisions).where(eq(abroadDecisions.applicationId, applicationId)).orderBy(asc(abroadDecisions.seq));
  if (!ds.length) return [];
  const lines = await db
    .select()
    .from(abroadDecisionLines)
    .where(
      inArray(
        abroadDecisionLines.decisionId,
        ds.map((d) => d.id),
      ),
    )
    .orderBy(asc(abroadDecisionLines.invoiceNo), asc(abroadDecisionLines.lineNo));
  return ds.map((d) => ({ ...d, lines: lines.filter((l) => l.decisionId === d.id) }));
}

export interface AbroadPayout {
  id: string;
  decisionId: string | null;
  amountOre: Ore;
  status: string;
  statusReason: string | null;
  paidOn: IsoDate | null;
}

/** The payouts of an application's refund, oldest first. */
export async function listAbroadPayouts(db: Db, applicationId: string): Promise<AbroadPayout[]> {
  return db
    .select({ id: payouts.id, decisionId: payouts.decisionId, amountOre: payouts.amountOre, status: payouts.status, statusReason: payouts.statusReason, paidOn: payouts.paidOn })
    .from(payouts)
    .where(and(eq(payouts.kind, "abroad-refund"), eq(payouts.applicationId, applicationId)))
    .orderBy(asc(payouts.createdAt), asc(payouts.id));
}

export interface RecordedDecision {
  app: AbroadApplication;
  decision: AbroadDecisionRow;
  previous: AbroadDecisionWithLines | null;
  payoutOre: Ore;
  /** What the resident owes back: the decision lowered a refund already paid (0 when nothing). */
  repaymentOre: Ore;
}

/**
 * Records a decision in one transaction: the decision and its lines (superseding the last one),
 * the application "decided" with a dated event, and the payout: a pending payout of an earlier
 * decision is cancelled ("superseded"), and what the new refund leaves to pay after what was
 * already paid goes to the account the resident gave (kontonummer, or IBAN + BIC). When the new
 * refund is below what was already paid, the difference is a claim for repayment (an open claim of
 * an earlier decision gives way to it, as a pending payout does), in the same transaction.
 */
export async function recordDecision(
  db: Db,
  v: { applicationId: string; computed: ComputedDecision; note: string | null; decidedBy: string; approvedBy: string | null; decidedOn: IsoDate; now: Date },
): Promise<RecordedDecision | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx.select().from(abroadApplications).where(eq(abroadApplications.id, v.applicationId)).for("update");
    if (!row) return null;
    const app = parseApplication(row);
    if (app.status === "draft") return null;
    const before = await listDecisions(tx, app.id);
    const previous = before.at(-1) ?? null;
    const [decision] = await tx
      .insert(abroadDecisions)
      .values({
        applicationId: app.id,
        personId: app.personId,
        seq: (previous?.seq ?? 0) + 1,
        outcome: v.computed.outcome,
        refundOre: v.computed.refundOre,
        egenandelOre: v.computed.egenandelOre,
        note: v.note,
        decidedBy: v.decidedBy,
        approvedBy: v.approvedBy,
        supersedes: previous?.id ?? null,
        decidedOn: v.decidedOn,
      })
      .returning();
    if (v.computed.lines.length) {
      await tx.insert(abroadDecisionLines).values(
        v.computed.lines.map((l) => ({
          decisionId: decision!.id,
          invoiceNo: l.invoiceNo,
          lineNo: l.lineNo,
          documentId: l.documentId,
          outcome: l.outcome,
          treatmentDate: l.treatmentDate,
          description: l.description.slice(0, 200),
          currency: l.currency.slice(0, 3),
          claimedAmount: l.claimedAmount,
          approvedAmount: l.approvedAmount,
          refundOre: l.refundOre,
          egenandelOre: l.egenandelOre,
          reasons: l.reasons,
        })),
      );
    }
    // the payout: what was paid stays paid; a payout not yet sent gives way to the new decision
    const existing = await tx
      .select({ id: payouts.id, status: payouts.status, amountOre: payouts.amountOre })
      .from(payouts)
      .where(and(eq(payouts.kind, "abroad-refund"), eq(payouts.applicationId, app.id)))
      .for("update");
    const paidOre = sumOre(existing.filter((p) => p.status === "paid").map((p) => p.amountOre));
    const pending = existing.filter((p) => p.status === "pending").map((p) => p.id);
    if (pending.length) await tx.update(payouts).set({ status: "cancelled", statusReason: "superseded", updatedAt: v.now }).where(inArray(payouts.id, pending));
    await cancelOpenClaimsOfApplication(tx, app.id, "superseded", v.now);
    const due = payoutDue(v.computed.refundOre, paidOre);
    const owed = repaymentDue(v.computed.refundOre, paidOre);
    if (owed > 0) {
      await createRepaymentClaim(tx, {
        personId: app.personId,
        kind: "abroad-refund",
        applicationId: app.id,
        decisionId: decision!.id,
        paidOre,
        refundOre: v.computed.refundOre,
        amountOre: owed,
        sourceKey: `abroad-decision:${decision!.id}`,
      });
    }
    const account: AccountAnswer | undefined = app.data.sent?.account ?? app.data.account;
    if (due > 0 && account) {
      await tx.insert(payouts).values({
        personId: app.personId,
        year: yearOf(v.decidedOn),
        tak: "abroad",
        kind: "abroad-refund",
        applicationId: app.id,
        decisionId: decision!.id,
        amountOre: due,
        status: "pending",
        accountNumber: account.kind === "no" ? account.kontonummer : null,
        iban: account.kind === "foreign" ? account.iban : null,
        bic: account.kind === "foreign" ? account.bic : null,
      });
    }
    const event: StatusEvent = { status: "decided", at: v.now.toISOString() };
    const data: AbroadData = { ...app.data, events: [...(app.data.events ?? []), event] };
    const [u] = await tx.update(abroadApplications).set({ status: "decided", data, updatedAt: v.now }).where(eq(abroadApplications.id, app.id)).returning();
    return { app: parseApplication(u!), decision: decision!, previous, payoutOre: due > 0 && account ? due : ZERO_ORE, repaymentOre: owed };
  });
}

/** The abroad payouts a payout run pays: their applications, to move them to "paid". */
export async function markApplicationsPaid(tx: Db, applicationIds: readonly string[], at: Date): Promise<AbroadApplication[]> {
  const out: AbroadApplication[] = [];
  for (const id of [...new Set(applicationIds)]) {
    const [row] = await tx.select().from(abroadApplications).where(eq(abroadApplications.id, id)).for("update");
    if (!row) continue;
    const app = parseApplication(row);
    // only a decided application becomes "paid" (one under appeal keeps its status; the payout shows as paid)
    if (app.status !== "decided") continue;
    const event: StatusEvent = { status: "paid", at: at.toISOString() };
    const [u] = await tx
      .update(abroadApplications)
      .set({ status: "paid", data: { ...app.data, events: [...(app.data.events ?? []), event] }, updatedAt: at })
      .where(eq(abroadApplications.id, id))
      .returning();
    out.push(parseApplication(u!));
  }
  return out;
}

/** How many decisions an application has (a cheap check for the queue and tests). */
export async function decisionCount(db: Db, applicationId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(abroadDecisions)
    .where(eq(abroadDecisions.applicationId, applicationId));
  return r?.n ?? 0;
}
