/**
 * A provider's receivables from control cases and how they are paid off (issue 20 part 5, ADR 0020
 * addendum 2): the debt per case with its history, a payment the controller registers, and set-off
 * (motregning) against the refusjon of the provider's later claims. The rules are pure
 * (app/domain/provider-receivables.ts); this file reads, locks and writes. Every settlement is one
 * append-only row (receivable_settlements) and one staff_audit_log row, in one transaction.
 */
import { createHash } from "node:crypto";
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { claims, controlCases, providerReceivables, providers, receivableSettlements, staffAuditLog } from "~/db/schema";
import {
  type CaseDebt,
  caseDebt,
  checkPayment,
  type DueDebt,
  type HistoryEntry,
  type Payout,
  type PaymentError,
  PAYOUT_RUN_IDENT,
  planSetOff,
  receivableHistory,
  type ReceivableRow,
  refundDue,
  settledBy,
  SET_OFF_JOB_IDENT,
  type SettlementRow,
} from "~/domain/provider-receivables";
import { parseKontonummer } from "~/kernel/kontonummer";
import { oreOf } from "~/kernel/money";
import type { IsoDate, Kontonummer, Ore, Orgnr } from "~/kernel/types";
import { valueAt } from "~/rules/parameter";
import { setOffSharePercent } from "~/rules/parameters/control-cases";
import { type Actor, CONTROL_SUBJECT, receivableColumns } from "./control-cases.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function receivableRows(db: Db, where: SQL): Promise<ReceivableRow[]> {
  const rows = await db.select(receivableColumns).from(providerReceivables).where(where).orderBy(asc(providerReceivables.eventSeq));
  return rows.map((r) => ({
    ...r,
    amountOre: r.amountOre as Ore,
    decidedOn: r.decidedOn as IsoDate,
    dueOn: r.dueOn as IsoDate,
    statusOn: r.statusOn as IsoDate,
    status: r.status as ReceivableRow["status"],
  }));
}

async function settlementRows(db: Db, where: SQL): Promise<SettlementRow[]> {
  const rows = await db
    .select({
      caseId: receivableSettlements.caseId,
      receivableId: receivableSettlements.receivableId,
      kind: receivableSettlements.kind,
      amountOre: receivableSettlements.amountOre,
      on: receivableSettlements.on,
      claimId: claims.claimId,
      paymentReference: receivableSettlements.paymentReference,
      accountNumber: receivableSettlements.accountNumber,
      actor: receivableSettlements.actor,
      createdAt: receivableSettlements.createdAt,
    })
    .from(receivableSettlements)
    .leftJoin(claims, eq(claims.id, receivableSettlements.claimRef))
    .where(where)
    .orderBy(asc(receivableSettlements.createdAt), asc(receivableSettlements.id));
  return rows.map(({ createdAt, ...r }) => ({ ...r, claimId: r.claimId ?? null, registeredAt: new Date(createdAt).toISOString() }));
}

export interface CaseDebtView extends CaseDebt {
  history: HistoryEntry[];
  /** How many settlements the case has: the payment form carries it, so a double submit registers once. */
  settlements: number;
}

/** The debt of one control case: balance, what was settled, and its history (amounts only: no resident's data). */
export async function loadCaseDebt(db: Db, caseId: string): Promise<CaseDebtView> {
  const receivables = await receivableRows(db, eq(providerReceivables.caseId, caseId));
  const settlements = await settlementRows(db, eq(receivableSettlements.caseId, caseId));
  return { ...caseDebt(receivables, settlements), history: receivableHistory(receivables, settlements), settlements: settlements.length };
}

/** What was paid or set off in the case by the end of `day`: a letter of that day states it. */
export async function caseSettledBy(db: Db, caseId: string, day: IsoDate): Promise<Ore> {
  return settledBy(await settlementRows(db, eq(receivableSettlements.caseId, caseId)), day);
}

async function audit(db: Db, actor: Actor, action: string, caseIds: readonly string[]): Promise<void> {
  if (!caseIds.length) return;
  await db
    .insert(staffAuditLog)
    .values(caseIds.map((subjectId) => ({ staffIdent: actor.ident, unit: actor.unit, action, subjectKind: CONTROL_SUBJECT, subjectId, personId: null })));
}

export type PaymentResult = { ok: true } | { ok: false; error: PaymentError | "not-found" | "stale" };

/**
 * Registers a payment from the provider against a case's debt. The case row is locked (so a step and
 * a payment on the same case follow each other); `seen` is the number of settlements the controller's
 * form was made from: the same payment sent again by the same controller is answered as done, any
 * other settlement in between makes the form stale.
 */
export async function registerPayment(
  db: Db,
  actor: Actor,
  caseId: string,
  p: { amountOre: Ore; paidOn: IsoDate; reference: string | null; seen: number },
  today: IsoDate,
): Promise<PaymentResult> {
  if (!UUID.test(caseId)) return { ok: false, error: "not-found" };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx.select({ id: controlCases.id, providerOrgnr: controlCases.providerOrgnr }).from(controlCases).where(eq(controlCases.id, caseId)).for("update");
    if (!c) return { ok: false as const, error: "not-found" as const };
    const receivables = await receivableRows(tx, eq(providerReceivables.caseId, caseId));
    const settlements = await settlementRows(tx, eq(receivableSettlements.caseId, caseId));
    if (settlements.length !== p.seen) {
      const last = settlements[p.seen];
      if (
        settlements.length === p.seen + 1 &&
        last &&
        last.kind === "innbetaling" &&
        last.amountOre === p.amountOre &&
        last.on === p.paidOn &&
        last.paymentReference === p.reference &&
        last.actor === actor.ident
      )
        return { ok: true as const };
      return { ok: false as const, error: "stale" as const };
    }
    const debt = caseDebt(receivables, settlements);
    const checked = checkPayment(debt, { amountOre: p.amountOre, paidOn: p.paidOn }, today);
    if (!checked.ok) return checked;
    await tx.insert(receivableSettlements).values({
      receivableId: debt.open!.id,
      caseId,
      providerOrgnr: c.providerOrgnr,
      kind: "innbetaling",
      amountOre: p.amountOre,
      on: p.paidOn,
      claimRef: null,
      paymentReference: p.reference,
      actor: actor.ident,
    });
    await audit(tx, actor, "control.innbetaling", [caseId]);
    return { ok: true as const };
  });
}

export interface SetOffRun {
  /** Set-offs written, per case and claim. */
  setOffs: Array<{ caseId: string; claimId: string; amountOre: Ore }>;
  totalOre: Ore;
}

/**
 * Sets off the provider's due receivables against the refusjon of its claims received from each
 * receivable's due date up to today (app/domain/provider-receivables.ts `planSetOff`). The provider's
 * control cases with an open receivable are locked in id order, so two runs (or a run and a payment)
 * cannot settle the same balance twice; each set-off is a settlement row and an audit row on its
 * case. Running it again the same day finds nothing more to do.
 */
export async function runSetOff(db: Db, actor: Actor, providerOrgnr: Orgnr, today: IsoDate): Promise<SetOffRun> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const open = await tx
      .select({ caseId: providerReceivables.caseId })
      .from(providerReceivables)
      .where(and(eq(providerReceivables.providerOrgnr, providerOrgnr), eq(providerReceivables.status, "open"), lte(providerReceivables.dueOn, today)));
    const caseIds = [...new Set(open.map((r) => r.caseId))].sort();
    if (!caseIds.length) return { setOffs: [], totalOre: oreOf(0) };
    await tx.select({ id: controlCases.id }).from(controlCases).where(inArray(controlCases.id, caseIds)).orderBy(asc(controlCases.id)).for("update");
    const receivables = await receivableRows(tx, inArray(providerReceivables.caseId, caseIds));
    const settlements = await settlementRows(tx, inArray(receivableSettlements.caseId, caseIds));
    const debts: DueDebt[] = caseIds.flatMap((caseId) => {
      const debt = caseDebt(
        receivables.filter((r) => r.caseId === caseId),
        settlements.filter((s) => s.caseId === caseId),
      );
      return debt.open ? [{ caseId, receivableId: debt.open.id, balanceOre: debt.balanceOre, dueOn: debt.open.dueOn }] : [];
    });
    const from = debts.reduce((d, x) => (x.dueOn < d ? x.dueOn : d), today);
    // the provider's claims with a refusjon since the first due date, with what set-offs (on any case) already took of each
    const taken = tx
      .select({
        claimRef: receivableSettlements.claimRef,
        amount: sql<string>`sum(${receivableSettlements.amountOre})`.as("amount"),
        cases: sql<string[]>`array_agg(${receivableSettlements.caseId}::text)`.as("cases"),
      })
      .from(receivableSettlements)
      .where(and(eq(receivableSettlements.providerOrgnr, providerOrgnr), eq(receivableSettlements.kind, "motregning")))
      .groupBy(receivableSettlements.claimRef)
      .as("taken");
    const rows = await tx
      .select({ claimRef: claims.id, claimId: claims.claimId, receivedOn: claims.receivedOn, refusjonOre: claims.refusjonOre, taken: taken.amount, cases: taken.cases })
      .from(claims)
      .leftJoin(taken, eq(taken.claimRef, claims.id))
      .where(and(eq(claims.providerOrgnr, providerOrgnr), gte(claims.receivedOn, from), lte(claims.receivedOn, today), sql`${claims.refusjonOre} > 0`))
      .orderBy(asc(claims.receivedOn), asc(claims.claimId));
    const payouts: Payout[] = rows.map((r) => ({
      claimRef: r.claimRef,
      claimId: r.claimId,
      receivedOn: r.receivedOn,
      refusjonOre: r.refusjonOre,
      alreadySetOffOre: oreOf(r.taken ?? 0),
      setOffCases: r.cases ?? [],
    }));
    const plan = planSetOff(debts, payouts, { today, sharePercent: valueAt(setOffSharePercent, today) });
    if (!plan.length) return { setOffs: [], totalOre: oreOf(0) };
    await tx.insert(receivableSettlements).values(
      plan.map((s) => ({
        receivableId: s.receivableId,
        caseId: s.caseId,
        providerOrgnr,
        kind: "motregning" as const,
        amountOre: s.amountOre,
        on: today,
        claimRef: s.claimRef,
        paymentReference: null,
        actor: actor.ident,
      })),
    );
    await audit(tx, actor, "control.motregning", [...new Set(plan.map((s) => s.caseId))]);
    return { setOffs: plan.map((s) => ({ caseId: s.caseId, claimId: s.claimId, amountOre: s.amountOre })), totalOre: oreOf(plan.reduce((sum, s) => sum + s.amountOre, 0)) };
  });
}

/** Who a set-off made by the daily run (app/jobs/set-off.server.ts) was registered by: Helfo's own job, not a person. */
export const SET_OFF_JOB_ACTOR: Actor = { ident: SET_OFF_JOB_IDENT, unit: "control" };

/**
 * The daily set-off: every provider with a receivable that has fallen due by today is set off against
 * its claims (runSetOff, one provider at a time, each in its own transaction under its cases' locks),
 * by Helfo's job rather than a controller. Running it again the same day finds nothing more to do.
 */
export async function runDueSetOffs(db: Db, today: IsoDate): Promise<{ providers: number; setOffs: number; totalOre: Ore }> {
  const due = await db
    .selectDistinct({ orgnr: providerReceivables.providerOrgnr })
    .from(providerReceivables)
    .where(and(eq(providerReceivables.status, "open"), lte(providerReceivables.dueOn, today)))
    .orderBy(asc(providerReceivables.providerOrgnr));
  let setOffs = 0;
  let total = 0;
  for (const { orgnr } of due) {
    const run = await runSetOff(db, SET_OFF_JOB_ACTOR, orgnr, today);
    setOffs += run.setOffs.length;
    total += run.totalOre;
  }
  return { providers: due.length, setOffs, totalOre: oreOf(total) };
}

/** What a provider owes from control cases, per case, for the provider API (GET /api/v1/krav): open balances and overpayments, with their history. */
export async function providerDebts(db: Db, providerOrgnr: Orgnr) {
  const receivables = await receivableRows(db, eq(providerReceivables.providerOrgnr, providerOrgnr));
  const settlements = await settlementRows(db, eq(receivableSettlements.providerOrgnr, providerOrgnr));
  const caseIds = [...new Set(receivables.map((r) => r.caseId))];
  if (!caseIds.length) return [];
  const refs = await db.select({ id: controlCases.id, reference: controlCases.reference }).from(controlCases).where(inArray(controlCases.id, caseIds));
  const referenceOf = new Map(refs.map((r) => [r.id, r.reference]));
  return caseIds
    .map((caseId) => {
      const rs = receivables.filter((r) => r.caseId === caseId);
      const ss = settlements.filter((s) => s.caseId === caseId);
      return { caseId, reference: referenceOf.get(caseId) ?? "", debt: caseDebt(rs, ss), history: receivableHistory(rs, ss) };
    })
    .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Paying an overpayment back to the provider (ADR 0020 addendum 5)

/** Who a repayment made by the payout run was registered by: Helfo's own run, not a person. */
export const PAYOUT_RUN_ACTOR: Actor = { ident: PAYOUT_RUN_IDENT, unit: "control" };

/** One repayment to a provider, as the payout run puts it in the bank file. */
export interface ProviderRefund {
  caseId: string;
  reference: string;
  providerName: string;
  account: Kontonummer;
  amountOre: Ore;
  /** The transfer's end-to-end id (also the settlement's payment reference). */
  endToEndId: string;
}

/**
 * Registers, inside the payout run's transaction, a repayment (`tilbakebetaling` settlement) of every
 * overpaid control case whose provider has a kontonummer on file, and returns the transfers for the
 * bank file. The cases are locked in id order (as set-off and payments lock them), the debt computed
 * again under the lock, and each repayment's end-to-end id made from the case and its number of
 * settlements: a second run finds nothing overpaid, and a repayment computed twice from the same state
 * is refused by the table's unique index — the same overpayment is never paid twice.
 */
export async function takeProviderRefunds(tx: Db, paidOn: IsoDate): Promise<ProviderRefund[]> {
  const candidates = (await overpaidCases(tx)).filter((c) => c.hasAccount);
  if (!candidates.length) return [];
  const ids = candidates.map((c) => c.id);
  const locked = await tx
    .select({ id: controlCases.id, reference: controlCases.reference, providerOrgnr: controlCases.providerOrgnr, providerName: providers.name, account: providers.payoutAccount })
    .from(controlCases)
    .innerJoin(providers, eq(providers.orgnr, controlCases.providerOrgnr))
    .where(inArray(controlCases.id, ids))
    .orderBy(asc(controlCases.id))
    .for("update", { of: controlCases });
  const receivables = await receivableRows(tx, inArray(providerReceivables.caseId, ids));
  const settlements = await settlementRows(tx, inArray(receivableSettlements.caseId, ids));
  const out: ProviderRefund[] = [];
  for (const c of locked) {
    const rs = receivables.filter((r) => r.caseId === c.id);
    const ss = settlements.filter((s) => s.caseId === c.id);
    const account = c.account ? parseKontonummer(c.account) : null;
    const amountOre = refundDue(caseDebt(rs, ss), account);
    const latest = rs.at(-1);
    if (amountOre <= 0 || !account || !latest) continue;
    const endToEndId = refundKey(c.id, ss.length);
    await tx.insert(receivableSettlements).values({
      receivableId: (rs.find((r) => r.status === "open") ?? latest).id,
      caseId: c.id,
      providerOrgnr: c.providerOrgnr,
      kind: "tilbakebetaling",
      amountOre,
      on: paidOn,
      claimRef: null,
      paymentReference: endToEndId,
      accountNumber: account,
      actor: PAYOUT_RUN_ACTOR.ident,
    });
    out.push({ caseId: c.id, reference: c.reference, providerName: c.providerName, account, amountOre, endToEndId });
  }
  await audit(
    tx,
    PAYOUT_RUN_ACTOR,
    "control.tilbakebetaling",
    out.map((r) => r.caseId),
  );
  return out;
}

/**
 * The control cases whose settlements (net of what was paid back) exceed what their open vedtak claims
 * now: what each is overpaid, and whether its provider has a kontonummer on file. In SQL, so the payout
 * page and the run need not read every case's history; the run computes the amount again under the lock.
 */
async function overpaidCases(db: Db): Promise<Array<{ id: string; overpaidOre: number; hasAccount: boolean }>> {
  const owed = sql<number>`coalesce((select r.amount_ore from ${providerReceivables} r where r.case_id = ${controlCases.id} and r.status = 'open'), 0)`;
  const net = sql<number>`(select coalesce(sum(case when s.kind = 'tilbakebetaling' then -s.amount_ore else s.amount_ore end), 0) from ${receivableSettlements} s where s.case_id = ${controlCases.id})`;
  const rows = await db
    .select({ id: controlCases.id, overpaidOre: sql<number>`(${net} - ${owed})::int`, hasAccount: sql<boolean>`${providers.payoutAccount} is not null` })
    .from(controlCases)
    .innerJoin(providers, eq(providers.orgnr, controlCases.providerOrgnr))
    .where(sql`${net} > ${owed}`)
    .orderBy(asc(controlCases.id));
  return rows.map((r) => ({ id: r.id, overpaidOre: Number(r.overpaidOre), hasAccount: Boolean(r.hasAccount) }));
}

/** What the next payout run pays back to providers (the console's payout page): how many cases and the sum, and how many wait for an account. */
export async function pendingProviderRefunds(db: Db): Promise<{ count: number; totalOre: Ore; waitingForAccount: number }> {
  const rows = await overpaidCases(db);
  const paying = rows.filter((r) => r.hasAccount);
  return { count: paying.length, totalOre: oreOf(paying.reduce((sum, r) => sum + r.overpaidOre, 0)), waitingForAccount: rows.length - paying.length };
}

/** A repayment's end-to-end id (at most 35 characters in pain.001): the case and how many settlements it had. */
function refundKey(caseId: string, settlementCount: number): string {
  return `TB${createHash("sha256").update(`${caseId}:${settlementCount}`).digest("hex").slice(0, 30).toUpperCase()}`;
}

export type AccountResult = { ok: true } | { ok: false; error: "not-found" | "account-invalid" };

/**
 * Records the kontonummer the provider gave for what Helfo pays back to it (the case's provider), from
 * the case page; audit-logged on the case. Helfo's own register of the provider's account (the direct
 * settlement agreement) is not in this system: this is where it comes from here.
 */
export async function setProviderPayoutAccount(db: Db, actor: Actor, caseId: string, input: string): Promise<AccountResult> {
  if (!UUID.test(caseId)) return { ok: false, error: "not-found" };
  const account = parseKontonummer(input);
  if (!account) return { ok: false, error: "account-invalid" };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx.select({ providerOrgnr: controlCases.providerOrgnr }).from(controlCases).where(eq(controlCases.id, caseId));
    if (!c) return { ok: false as const, error: "not-found" as const };
    await tx.update(providers).set({ payoutAccount: account }).where(eq(providers.orgnr, c.providerOrgnr));
    await audit(tx, actor, "control.provider-account", [caseId]);
    return { ok: true as const };
  });
}

/** The provider's kontonummer for repayments (null when none is on file). */
export async function providerPayoutAccount(db: Db, providerOrgnr: Orgnr): Promise<Kontonummer | null> {
  const [p] = await db.select({ account: providers.payoutAccount }).from(providers).where(eq(providers.orgnr, providerOrgnr));
  return p?.account ? parseKontonummer(p.account) : null;
}
