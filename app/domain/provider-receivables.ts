/**
 * What a provider owes back after a control case, and how it is paid off (issue 20 part 5; ADR 0020,
 * addendum 2), pure.
 *
 * A case's debt is what its open vedtak says (`provider_receivables`, one row per vedtak; an appeal
 * that changes the vedtak replaces the row, one that reverses it cancels it) less everything
 * settled on the case — by set-off (motregning) against the refusjon of the provider's later claims,
 * or by a payment the controller registers. Settlements belong to the case, not to one vedtak, so a
 * changed vedtak claims only the difference: what was paid under the old one counts against the new,
 * and a lower (or reversed) vedtak can leave the provider overpaid, never owing twice. An overpayment
 * is paid back by the payout run (a `tilbakebetaling` settlement, addendum 5), which brings it to zero.
 */
import { minOre, oreOf, percentOf, subOre, sumOre, ZERO_ORE } from "../kernel/money";
import type { IsoDate, Ore } from "../kernel/types";

export type ReceivableStatus = "open" | "replaced" | "cancelled";
export type SettlementKind = "motregning" | "innbetaling" | "tilbakebetaling";

/** A receivable row of one case (provider_receivables). */
export interface ReceivableRow {
  id: string;
  caseId: string;
  eventSeq: number;
  amountOre: Ore;
  decidedOn: IsoDate;
  dueOn: IsoDate;
  status: ReceivableStatus;
  statusOn: IsoDate;
}

/** A settlement of one case (receivable_settlements), in the order it was written. */
export interface SettlementRow {
  caseId: string;
  receivableId: string;
  kind: SettlementKind;
  amountOre: Ore;
  on: IsoDate;
  /** motregning: the claim (its claimId as the provider sent it) whose refusjon was held back. */
  claimId: string | null;
  paymentReference: string | null;
  /** tilbakebetaling: the kontonummer it was paid to. */
  accountNumber?: string | null;
  actor: string;
  /** When it was registered (ISO timestamp), which orders it among the case's steps of the same day. */
  registeredAt: string;
}

/** What a settlement does to what the provider has paid: a set-off or a payment adds to it, a repayment to the provider takes from it. */
export function settledEffect(s: Pick<SettlementRow, "kind" | "amountOre">): number {
  return s.kind === "tilbakebetaling" ? -s.amountOre : s.amountOre;
}

export interface CaseDebt {
  /** The open vedtak's amount, 0 when there is none (before a vedtak, or reversed). */
  owedOre: Ore;
  /** Paid and set off (what the provider has paid towards the debt), before anything was paid back. */
  settledOre: Ore;
  /** What Helfo has paid back to the provider of an overpayment. */
  repaidOre: Ore;
  /** What is still owed: owed − settled, not below 0. */
  balanceOre: Ore;
  /** What was settled beyond what is owed now (a changed or reversed vedtak after payments), less what was paid back: owed back to the provider. */
  overpaidOre: Ore;
  open: ReceivableRow | null;
  /** The day of the case's first vedtak (a payment cannot be earlier), null without one. */
  firstDecidedOn: IsoDate | null;
}

/** The debt of one case from its receivables and settlements (rows of other cases are ignored by the caller). */
export function caseDebt(receivables: readonly ReceivableRow[], settlements: readonly SettlementRow[]): CaseDebt {
  const open = receivables.find((r) => r.status === "open") ?? null;
  const owedOre = open ? open.amountOre : ZERO_ORE;
  const settledOre = sumOre(settlements.filter((s) => s.kind !== "tilbakebetaling").map((s) => s.amountOre));
  const repaidOre = sumOre(settlements.filter((s) => s.kind === "tilbakebetaling").map((s) => s.amountOre));
  const net = subOre(settledOre, repaidOre);
  const firstDecidedOn = receivables.reduce<IsoDate | null>((d, r) => (d === null || r.decidedOn < d ? r.decidedOn : d), null);
  return {
    owedOre,
    settledOre,
    repaidOre,
    balanceOre: net >= owedOre ? ZERO_ORE : subOre(owedOre, net),
    overpaidOre: net > owedOre ? subOre(net, owedOre) : ZERO_ORE,
    open,
    firstDecidedOn,
  };
}

export type PaymentError = "nothing-owed" | "amount-not-positive" | "amount-above-balance" | "date-future" | "date-before-vedtak";

/**
 * May a payment of `amountOre` made on `paidOn` be registered against the case's debt? Only while a
 * vedtak is open and something is owed; more than the balance is refused (an overpayment is not a
 * settlement: the controller registers what the debt takes and returns the rest); a payment cannot
 * be dated after today or before the case's first vedtak.
 */
export function checkPayment(debt: CaseDebt, p: { amountOre: Ore; paidOn: IsoDate }, today: IsoDate): { ok: true } | { ok: false; error: PaymentError } {
  if (!debt.open || debt.balanceOre <= 0) return { ok: false, error: "nothing-owed" };
  if (!Number.isInteger(p.amountOre) || p.amountOre <= 0) return { ok: false, error: "amount-not-positive" };
  if (p.amountOre > debt.balanceOre) return { ok: false, error: "amount-above-balance" };
  if (p.paidOn > today) return { ok: false, error: "date-future" };
  if (debt.firstDecidedOn && p.paidOn < debt.firstDecidedOn) return { ok: false, error: "date-before-vedtak" };
  return { ok: true };
}

/** A case's debt that set-off may reach: what is still owed on its open receivable, and from when it is due. */
export interface DueDebt {
  caseId: string;
  receivableId: string;
  balanceOre: Ore;
  dueOn: IsoDate;
}

/** A claim's refusjon to the provider, and what of it earlier set-offs already held back. */
export interface Payout {
  claimRef: string;
  claimId: string;
  receivedOn: IsoDate;
  refusjonOre: Ore;
  alreadySetOffOre: Ore;
  /** The cases it was already set off against (a claim is set off once per case). */
  setOffCases: readonly string[];
}

export interface SetOff {
  caseId: string;
  receivableId: string;
  claimRef: string;
  claimId: string;
  amountOre: Ore;
}

/**
 * Which refusjon payouts are held back against which debts (motregning). A debt is reached once it is
 * due (`dueOn` ≤ today), by the refusjon of claims received on or after its due date — payouts that
 * came later than the debt fell due, never earlier ones — up to `sharePercent` of each claim's
 * refusjon (floor, a dated parameter) less what earlier set-offs took of it. The oldest due debt is
 * settled first, from the oldest payout; a payout can settle part of a debt and the rest of it can
 * settle the next. Nothing is set off beyond a debt's balance.
 */
export function planSetOff(debts: readonly DueDebt[], payouts: readonly Payout[], ctx: { today: IsoDate; sharePercent: number }): SetOff[] {
  const share = Math.max(0, Math.min(100, ctx.sharePercent));
  const left = new Map(payouts.map((p) => [p.claimRef, subOre(percentOf(p.refusjonOre, share, "floor"), p.alreadySetOffOre)]));
  const ordered = [...payouts].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0));
  const due = debts
    .filter((d) => d.dueOn <= ctx.today && d.balanceOre > 0)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const out: SetOff[] = [];
  for (const d of due) {
    let remaining = d.balanceOre;
    for (const p of ordered) {
      if (remaining <= 0) break;
      if (p.receivedOn < d.dueOn || p.receivedOn > ctx.today || p.setOffCases.includes(d.caseId)) continue;
      const available = left.get(p.claimRef) ?? ZERO_ORE;
      if (available <= 0) continue;
      const amountOre = minOre(available, remaining);
      out.push({ caseId: d.caseId, receivableId: d.receivableId, claimRef: p.claimRef, claimId: p.claimId, amountOre });
      left.set(p.claimRef, subOre(available, amountOre));
      remaining = subOre(remaining, amountOre);
    }
  }
  return out;
}

export type HistoryKind = "vedtak" | "endret-vedtak" | "opphevet" | SettlementKind;

/** One line of a receivable's history: what happened, its effect on the debt and the balance after it (negative: overpaid). */
export interface HistoryEntry {
  on: IsoDate;
  kind: HistoryKind;
  /** The vedtak's amount, the settlement's amount, or (opphevet) what the reversed vedtak said. */
  amountOre: Ore;
  /** The change in what is owed: +amount for a first vedtak, the difference for a changed one, −amount for a settlement. */
  changeOre: number;
  balanceOre: number;
  claimId: string | null;
  paymentReference: string | null;
  /** tilbakebetaling: the kontonummer it was paid to. */
  accountNumber: string | null;
  actor: string | null;
  /** A settlement's registration time (ISO timestamp); null for a vedtak's entries. */
  registeredAt: string | null;
}

/**
 * The history of one case's debt, oldest first, with the running balance: each vedtak (a changed one
 * shows the difference to the one it replaced), each settlement, and a reversal. On one day a vedtak
 * comes before the settlements, and a reversal after them.
 */
export function receivableHistory(receivables: readonly ReceivableRow[], settlements: readonly SettlementRow[]): HistoryEntry[] {
  type Item = { on: IsoDate; rank: number; order: number; apply: (owed: Ore) => { owed: Ore; entry: Omit<HistoryEntry, "balanceOre"> } };
  const items: Item[] = [];
  const byVedtak = [...receivables].sort((a, b) => a.eventSeq - b.eventSeq);
  byVedtak.forEach((r, i) => {
    items.push({
      on: r.decidedOn,
      rank: 0,
      order: r.eventSeq,
      apply: (owed) => ({
        owed: r.amountOre,
        entry: {
          on: r.decidedOn,
          kind: i === 0 ? "vedtak" : "endret-vedtak",
          amountOre: r.amountOre,
          changeOre: r.amountOre - owed,
          claimId: null,
          paymentReference: null,
          accountNumber: null,
          actor: null,
          registeredAt: null,
        },
      }),
    });
    if (r.status === "cancelled") {
      items.push({
        on: r.statusOn,
        rank: 2,
        order: r.eventSeq,
        apply: (owed) => ({
          owed: ZERO_ORE,
          entry: {
            on: r.statusOn,
            kind: "opphevet",
            amountOre: r.amountOre,
            changeOre: -owed,
            claimId: null,
            paymentReference: null,
            accountNumber: null,
            actor: null,
            registeredAt: null,
          },
        }),
      });
    }
  });
  let settled = 0;
  settlements.forEach((s, i) => {
    items.push({
      on: s.on,
      // a repayment comes after the day's vedtak, settlements and reversal that made the overpayment
      rank: s.kind === "tilbakebetaling" ? 3 : 1,
      order: i,
      apply: (owed) => {
        settled += settledEffect(s);
        return {
          owed,
          entry: {
            on: s.on,
            kind: s.kind,
            amountOre: s.amountOre,
            changeOre: -settledEffect(s),
            claimId: s.claimId,
            paymentReference: s.paymentReference,
            accountNumber: s.accountNumber ?? null,
            actor: s.actor,
            registeredAt: s.registeredAt,
          },
        };
      },
    });
  });
  items.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.rank - b.rank || a.order - b.order));
  let owed = ZERO_ORE;
  return items.map((it) => {
    const r = it.apply(owed);
    owed = r.owed;
    return { ...r.entry, balanceOre: owed - settled };
  });
}

/** What was paid or set off in a case by the end of `day`, less what was paid back by then (a letter of that day states it). */
export function settledBy(settlements: readonly Pick<SettlementRow, "amountOre" | "on" | "kind">[], day: IsoDate): Ore {
  return oreOf(
    Math.max(
      0,
      settlements.filter((s) => s.on <= day).reduce((sum, s) => sum + settledEffect(s), 0),
    ),
  );
}

/**
 * What the payout run pays back to the provider on one case: the whole overpayment, once there is an
 * account to pay it to; nothing while the provider owes or is square. The repayment's end-to-end id is
 * made from the case and the number of its settlements so far (`refundKey`), so the same overpayment
 * computed twice (a second run, a retried file) gets the same id and the table refuses the second row.
 */
export function refundDue(debt: Pick<CaseDebt, "overpaidOre">, account: string | null): Ore {
  return account && debt.overpaidOre > 0 ? debt.overpaidOre : ZERO_ORE;
}

/** The ident Helfo's payout run registers a repayment by (a job, not a person; the console says so in words). */
export const PAYOUT_RUN_IDENT = "helfo-utbetaling";

/** The ident a set-off made by Helfo's daily run is registered by (a job, not a person; the console says so in words). */
export const SET_OFF_JOB_IDENT = "helfo-motregning";
