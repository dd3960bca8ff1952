/**
 * What a provider owes back after a control case and how it is paid off (issue 20 part 5): the
 * debt is the open vedtak less what was settled on the case, by set-off against later refusjon or
 * by payment; a changed vedtak claims only the difference.
 */
import { describe, expect, it } from "vitest";
import {
  caseDebt,
  checkPayment,
  type DueDebt,
  type Payout,
  planSetOff,
  receivableHistory,
  type ReceivableRow,
  refundDue,
  settledBy,
  type SettlementRow,
} from "~/domain/provider-receivables";
import { ore } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";

const d = (s: string) => s as IsoDate;
const vedtak = (over: Partial<ReceivableRow> = {}): ReceivableRow => ({
  id: "r1",
  caseId: "c1",
  eventSeq: 6,
  amountOre: ore(100_000),
  decidedOn: d("2025-04-15"),
  dueOn: d("2025-05-15"),
  status: "open",
  statusOn: d("2025-04-15"),
  ...over,
});
const paid = (amount: number, on: string, over: Partial<SettlementRow> = {}): SettlementRow => ({
  caseId: "c1",
  receivableId: "r1",
  kind: "innbetaling",
  amountOre: ore(amount),
  on: d(on),
  claimId: null,
  paymentReference: "KID 123",
  actor: "Z990002",
  registeredAt: `${on}T10:00:00.000Z`,
  ...over,
});

describe("a case's debt", () => {
  it("is the open vedtak's amount less what was settled; nothing before a vedtak", () => {
    expect(caseDebt([], [])).toMatchObject({ owedOre: 0, balanceOre: 0, overpaidOre: 0, open: null, firstDecidedOn: null });
    const debt = caseDebt([vedtak()], [paid(30_000, "2025-04-20"), paid(20_000, "2025-05-01", { kind: "motregning", claimId: "K-9" })]);
    expect(debt).toMatchObject({ owedOre: 100_000, settledOre: 50_000, balanceOre: 50_000, overpaidOre: 0, firstDecidedOn: "2025-04-15" });
  });

  it("a changed vedtak claims only the difference: what was paid under the old one counts against the new", () => {
    const old = vedtak({ status: "replaced", statusOn: d("2025-05-01") });
    const changed = vedtak({ id: "r2", eventSeq: 8, amountOre: ore(60_000), decidedOn: d("2025-05-01"), dueOn: d("2025-05-31") });
    const debt = caseDebt([old, changed], [paid(30_000, "2025-04-20")]);
    expect(debt).toMatchObject({ owedOre: 60_000, settledOre: 30_000, balanceOre: 30_000, overpaidOre: 0, firstDecidedOn: "2025-04-15" });
    expect(debt.open?.id).toBe("r2");
  });

  it("a changed vedtak below what was already paid, or a reversed one, leaves the provider overpaid, never owing", () => {
    const old = vedtak({ status: "replaced", statusOn: d("2025-05-01") });
    const lower = vedtak({ id: "r2", eventSeq: 8, amountOre: ore(20_000), decidedOn: d("2025-05-01") });
    expect(caseDebt([old, lower], [paid(30_000, "2025-04-20")])).toMatchObject({ balanceOre: 0, overpaidOre: 10_000 });
    const reversed = vedtak({ status: "cancelled", statusOn: d("2025-05-01") });
    expect(caseDebt([reversed], [paid(30_000, "2025-04-20")])).toMatchObject({ owedOre: 0, balanceOre: 0, overpaidOre: 30_000, open: null });
  });
});

describe("registering a payment", () => {
  const debt = caseDebt([vedtak()], [paid(30_000, "2025-04-20")]);
  const today = d("2025-05-02");

  it("takes part of the balance or all of it", () => {
    expect(checkPayment(debt, { amountOre: ore(10_000), paidOn: d("2025-05-01") }, today)).toEqual({ ok: true });
    expect(checkPayment(debt, { amountOre: ore(70_000), paidOn: today }, today)).toEqual({ ok: true });
  });

  it("refuses more than the balance, nothing, a date after today or before the vedtak", () => {
    expect(checkPayment(debt, { amountOre: ore(70_001), paidOn: today }, today)).toEqual({ ok: false, error: "amount-above-balance" });
    expect(checkPayment(debt, { amountOre: ore(0), paidOn: today }, today)).toEqual({ ok: false, error: "amount-not-positive" });
    expect(checkPayment(debt, { amountOre: ore(100), paidOn: d("2025-05-03") }, today)).toEqual({ ok: false, error: "date-future" });
    expect(checkPayment(debt, { amountOre: ore(100), paidOn: d("2025-04-14") }, today)).toEqual({ ok: false, error: "date-before-vedtak" });
  });

  it("refuses a payment when nothing is owed: paid in full, reversed, or no vedtak", () => {
    const full = caseDebt([vedtak()], [paid(100_000, "2025-04-20")]);
    expect(checkPayment(full, { amountOre: ore(1), paidOn: today }, today)).toEqual({ ok: false, error: "nothing-owed" });
    const reversed = caseDebt([vedtak({ status: "cancelled" })], []);
    expect(checkPayment(reversed, { amountOre: ore(1), paidOn: today }, today)).toEqual({ ok: false, error: "nothing-owed" });
    expect(checkPayment(caseDebt([], []), { amountOre: ore(1), paidOn: today }, today)).toEqual({ ok: false, error: "nothing-owed" });
  });
});

describe("set-off (motregning) against later refusjon", () => {
  const debtA: DueDebt = { caseId: "A", receivableId: "rA", balanceOre: ore(50_000), dueOn: d("2025-05-15") };
  const payout = (claimId: string, receivedOn: string, refusjon: number, over: Partial<Payout> = {}): Payout => ({
    claimRef: `ref-${claimId}`,
    claimId,
    receivedOn: d(receivedOn),
    refusjonOre: ore(refusjon),
    alreadySetOffOre: ore(0),
    setOffCases: [],
    ...over,
  });
  const ctx = { today: d("2025-06-01"), sharePercent: 100 };

  it("holds back nothing before the debt is due", () => {
    expect(planSetOff([debtA], [payout("K1", "2025-05-10", 30_000)], { ...ctx, today: d("2025-05-14") })).toEqual([]);
  });

  it("takes the refusjon of claims received from the due date on, never of earlier ones, the oldest first", () => {
    const plan = planSetOff([debtA], [payout("K3", "2025-05-20", 30_000), payout("K0", "2025-05-14", 90_000), payout("K2", "2025-05-15", 30_000)], ctx);
    expect(plan.map((s) => [s.claimId, s.amountOre])).toEqual([
      ["K2", 30_000],
      ["K3", 20_000],
    ]);
  });

  it("settles part of a debt when the refusjon is less, and never more than the balance", () => {
    expect(planSetOff([debtA], [payout("K1", "2025-05-20", 12_345)], ctx)).toEqual([{ caseId: "A", receivableId: "rA", claimRef: "ref-K1", claimId: "K1", amountOre: 12_345 }]);
    expect(planSetOff([debtA], [payout("K1", "2025-05-20", 80_000)], ctx).map((s) => s.amountOre)).toEqual([50_000]);
  });

  it("a claim's refusjon left after one debt settles the next due debt, the oldest debt first", () => {
    const debtB: DueDebt = { caseId: "B", receivableId: "rB", balanceOre: ore(40_000), dueOn: d("2025-05-01") };
    const plan = planSetOff([debtA, debtB], [payout("K1", "2025-05-20", 60_000)], ctx);
    expect(plan.map((s) => [s.caseId, s.amountOre])).toEqual([
      ["B", 40_000],
      ["A", 20_000],
    ]);
  });

  it("takes only the share the parameter allows of each refusjon, less what earlier set-offs took, and a claim once per case", () => {
    expect(planSetOff([debtA], [payout("K1", "2025-05-20", 10_001)], { ...ctx, sharePercent: 50 }).map((s) => s.amountOre)).toEqual([5_000]);
    expect(planSetOff([debtA], [payout("K1", "2025-05-20", 10_000, { alreadySetOffOre: ore(7_000), setOffCases: ["B"] })], ctx).map((s) => s.amountOre)).toEqual([3_000]);
    expect(planSetOff([debtA], [payout("K1", "2025-05-20", 10_000, { alreadySetOffOre: ore(1_000), setOffCases: ["A"] })], ctx)).toEqual([]);
    expect(planSetOff([{ ...debtA, balanceOre: ore(0) }], [payout("K1", "2025-05-20", 10_000)], ctx)).toEqual([]);
  });
});

describe("the history of a case's debt", () => {
  it("shows each vedtak, settlement and reversal with the change and the balance after it; a changed vedtak as the difference", () => {
    const old = vedtak({ status: "replaced", statusOn: d("2025-05-01") });
    const changed = vedtak({ id: "r2", eventSeq: 8, amountOre: ore(60_000), decidedOn: d("2025-05-01"), status: "cancelled", statusOn: d("2025-06-10") });
    const history = receivableHistory(
      [changed, old],
      [paid(30_000, "2025-04-20"), paid(10_000, "2025-05-01", { receivableId: "r2", kind: "motregning", claimId: "K-7", paymentReference: null })],
    );
    expect(history.map((h) => [h.on, h.kind, h.amountOre, h.changeOre, h.balanceOre])).toEqual([
      ["2025-04-15", "vedtak", 100_000, 100_000, 100_000],
      ["2025-04-20", "innbetaling", 30_000, -30_000, 70_000],
      ["2025-05-01", "endret-vedtak", 60_000, -40_000, 30_000],
      ["2025-05-01", "motregning", 10_000, -10_000, 20_000],
      ["2025-06-10", "opphevet", 60_000, -60_000, -40_000],
    ]);
    expect(history[3]).toMatchObject({ claimId: "K-7", actor: "Z990002" });
  });
});

describe("what a letter says was settled", () => {
  it("counts the settlements dated on or before the letter's day, not later ones", () => {
    const rows = [paid(1_000, "2025-04-20"), paid(2_000, "2025-05-01"), paid(4_000, "2025-05-02")];
    expect(settledBy(rows, d("2025-05-01"))).toBe(3_000);
    expect(settledBy(rows, d("2025-04-19"))).toBe(0);
  });
});

describe("an overpayment paid back to the provider (tilbakebetaling)", () => {
  const reversed = vedtak({ status: "cancelled", statusOn: d("2025-05-01") });
  const refund = (amount: number, on: string) => paid(amount, on, { kind: "tilbakebetaling", paymentReference: "TBABC", accountNumber: "12345678903", actor: "helfo-utbetaling" });

  it("is due in full once the provider has an account, and nothing while it owes or is square", () => {
    const over = caseDebt([reversed], [paid(30_000, "2025-04-20")]);
    expect(refundDue(over, "12345678903")).toBe(30_000);
    expect(refundDue(over, null)).toBe(0);
    expect(refundDue(caseDebt([vedtak()], [paid(30_000, "2025-04-20")]), "12345678903")).toBe(0);
    expect(refundDue(caseDebt([vedtak()], [paid(100_000, "2025-04-20")]), "12345678903")).toBe(0);
  });

  it("once paid back, the case is square: nothing is overpaid or owed, and nothing is due again", () => {
    const debt = caseDebt([reversed], [paid(30_000, "2025-04-20"), refund(30_000, "2025-06-02")]);
    expect(debt).toMatchObject({ owedOre: 0, settledOre: 30_000, repaidOre: 30_000, balanceOre: 0, overpaidOre: 0 });
    expect(refundDue(debt, "12345678903")).toBe(0);
    // a changed vedtak below what was paid: only the difference is paid back; a later higher vedtak is owed again in full
    const old = vedtak({ status: "replaced", statusOn: d("2025-05-01") });
    const lower = vedtak({ id: "r2", eventSeq: 8, amountOre: ore(20_000), decidedOn: d("2025-05-01") });
    expect(caseDebt([old, lower], [paid(30_000, "2025-04-20"), refund(10_000, "2025-06-02")])).toMatchObject({ balanceOre: 0, overpaidOre: 0, repaidOre: 10_000 });
    const higher = vedtak({ id: "r3", eventSeq: 10, amountOre: ore(50_000), decidedOn: d("2025-07-01") });
    expect(caseDebt([old, vedtak({ ...lower, status: "replaced" }), higher], [paid(30_000, "2025-04-20"), refund(10_000, "2025-06-02")])).toMatchObject({
      balanceOre: 30_000,
      overpaidOre: 0,
    });
  });

  it("shows in the history as a rise back to zero after the reversal, and a letter's settled amount is net of it", () => {
    const history = receivableHistory([reversed], [paid(30_000, "2025-04-20"), refund(30_000, "2025-05-01")]);
    expect(history.map((h) => [h.on, h.kind, h.changeOre, h.balanceOre])).toEqual([
      ["2025-04-15", "vedtak", 100_000, 100_000],
      ["2025-04-20", "innbetaling", -30_000, 70_000],
      ["2025-05-01", "opphevet", -100_000, -30_000],
      ["2025-05-01", "tilbakebetaling", 30_000, 0],
    ]);
    expect(history.at(-1)).toMatchObject({ accountNumber: "12345678903", actor: "helfo-utbetaling" });
    expect(settledBy([paid(30_000, "2025-04-20"), refund(30_000, "2025-05-01")], d("2025-04-30"))).toBe(30_000);
    expect(settledBy([paid(30_000, "2025-04-20"), refund(30_000, "2025-05-01")], d("2025-05-01"))).toBe(0);
  });
});
