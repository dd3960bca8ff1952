/**
 * The frikort engine's plan for one person-year (pure): given the year's overview, what the engine
 * stored for it before, and its payouts, which statuses, audit rows, inbox messages and payouts
 * change. The register's planner (register.ts) calls it for every person-year a change touches.
 */
import { sumOre } from "../kernel/money";
import type { Ore } from "../kernel/types";
import { decideOpenPayout } from "./payouts";
import type { YearOverview } from "./overview";

/** What the engine stored for one tak of a person-year (the part that decides what changes). */
export interface StoredStatus {
  tak: string;
  ceilingOre: Ore;
  totalOre: Ore;
  overCeilingOre: Ore;
  frikortFrom: string | null;
}

/** A paid, pending or withheld payout of a person-year. */
export interface StoredPayout {
  id: string;
  tak: string;
  amountOre: Ore;
  status: string;
  statusReason: string | null;
  accountNumber: string | null;
  iban?: string | null;
  bic?: string | null;
}

/**
 * The writes one recompute of a person-year needs, decided in TypeScript from what is stored now.
 * Every writer of the register plans with this function (through planRegisterChanges).
 */
export interface PersonYearPlan {
  overview: YearOverview;
  frikortGranted: Array<{ tak: string; from: string }>;
  statusUpserts: Array<{ tak: string; ceilingOre: Ore; totalOre: Ore; overCeilingOre: Ore; frikortFrom: string | null }>;
  changes: Array<{ tak: string; totalBefore: number | null; totalAfter: number; frikortFromBefore: string | null; frikortFromAfter: string | null }>;
  payoutInserts: Array<{ tak: string; amountOre: Ore; status: string; statusReason: string | null } & PayoutAccount>;
  /** Open payouts to change (a cancelled one keeps its amount and account). */
  payoutUpdates: Array<{ id: string; amountOre: Ore; status: string; statusReason: string | null } & PayoutAccount>;
}

/** Where a refund is paid: a Norwegian kontonummer, or an account abroad (IBAN + BIC); all null when none is on file. */
export interface PayoutAccount {
  accountNumber: string | null;
  iban: string | null;
  bic: string | null;
}

export interface PlanPerson {
  birthDate: string | null;
  payoutAccount: string | null;
  /** An account abroad (issue 22 item 10), used when there is no kontonummer. */
  foreignAccount?: { iban: string; bic: string } | null;
  reserved: boolean;
}

function accountOf(person: PlanPerson): PayoutAccount {
  if (person.payoutAccount !== null) return { accountNumber: person.payoutAccount, iban: null, bic: null };
  if (person.foreignAccount) return { accountNumber: null, iban: person.foreignAccount.iban, bic: person.foreignAccount.bic };
  return { accountNumber: null, iban: null, bic: null };
}

/** Whether planning this person-year needs its payouts (only when something is or was owed back). */
export function needsPayouts(overview: YearOverview, before: StoredStatus[]): boolean {
  const prev = new Map(before.map((b) => [b.tak, b]));
  return overview.taks.some((t) => t.overCeilingOre > 0 || (prev.get(t.tak)?.overCeilingOre ?? 0) > 0);
}

export function planPersonYear(person: PlanPerson, year: number, overview: YearOverview, before: StoredStatus[], existingPayouts: StoredPayout[]): PersonYearPlan {
  const prevByTak = new Map(before.map((b) => [b.tak, b]));
  const plan: PersonYearPlan = { overview, frikortGranted: [], statusUpserts: [], changes: [], payoutInserts: [], payoutUpdates: [] };
  for (const tak of overview.taks) {
    const prev = prevByTak.get(tak.tak);
    const changed =
      !prev || prev.totalOre !== tak.registeredOre || prev.frikortFrom !== tak.frikortFrom || prev.ceilingOre !== tak.ceilingOre || prev.overCeilingOre !== tak.overCeilingOre;
    // The audit trail records every change to the frikort date or to what is owed back; a total that
    // moves below the ceiling is traceable from the egenandel events and needs no row of its own.
    const material = !prev || prev.frikortFrom !== tak.frikortFrom || prev.overCeilingOre !== tak.overCeilingOre || prev.ceilingOre !== tak.ceilingOre;
    if (changed) {
      plan.statusUpserts.push({ tak: tak.tak, ceilingOre: tak.ceilingOre, totalOre: tak.registeredOre, overCeilingOre: tak.overCeilingOre, frikortFrom: tak.frikortFrom });
      if (material) {
        plan.changes.push({
          tak: tak.tak,
          totalBefore: prev?.totalOre ?? null,
          totalAfter: tak.registeredOre,
          frikortFromBefore: prev?.frikortFrom ?? null,
          frikortFromAfter: tak.frikortFrom,
        });
      }
      if (tak.frikortFrom && !prev?.frikortFrom) plan.frikortGranted.push({ tak: tak.tak, from: tak.frikortFrom });
    }
    // Payouts can only change when something is (or was) owed back.
    if (tak.overCeilingOre > 0 || (prev?.overCeilingOre ?? 0) > 0)
      planPayout(
        plan,
        person,
        year,
        tak.tak,
        tak.overCeilingOre,
        existingPayouts.filter((p) => p.tak === tak.tak),
      );
  }
  return plan;
}

function planPayout(plan: PersonYearPlan, person: PlanPerson, year: number, tak: string, owedOre: Ore, existing: StoredPayout[]) {
  const paidOre = sumOre(existing.filter((p) => p.status === "paid").map((p) => p.amountOre));
  const open = existing.find((p) => p.status === "pending" || p.status === "withheld");
  const account = accountOf(person);
  const decision = decideOpenPayout({ year, owedOre, paidOre, hasAccount: account.accountNumber !== null || account.iban !== null, reserved: person.reserved });
  if (!decision) {
    if (open)
      plan.payoutUpdates.push({
        id: open.id,
        amountOre: open.amountOre,
        status: "cancelled",
        statusReason: "correction",
        accountNumber: open.accountNumber,
        iban: open.iban ?? null,
        bic: open.bic ?? null,
      });
    return;
  }
  if (open) {
    if (open.amountOre !== decision.amountOre || open.status !== decision.status || open.statusReason !== decision.reason) {
      plan.payoutUpdates.push({ id: open.id, amountOre: decision.amountOre, status: decision.status, statusReason: decision.reason, ...account });
    }
    return;
  }
  plan.payoutInserts.push({ tak, amountOre: decision.amountOre, status: decision.status, statusReason: decision.reason, ...account });
}
