/**
 * The frikort engine's imperative shell: after any change to a person's egenandeler in a year,
 * recompute that person-year from the register (never incrementally, so it cannot drift), store
 * the result per tak, record what changed and why, reconcile payouts, and tell the resident when
 * a frikort is granted. Always runs inside the transaction that made the change.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { frikortChanges, frikortStatus, inboxMessages, payouts, persons } from "~/db/schema";
import { computeYearOverview, type YearOverview } from "~/domain/overview";
import { decideOpenPayout } from "~/domain/payouts";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";
import { listEgenandelerForYear } from "~/models/person.server";
import { notify } from "./notify.server";

export interface RecomputeResult {
  overview: YearOverview | null;
  frikortGranted: Array<{ tak: string; from: string }>;
}

export interface LockedPerson {
  id: string;
  birthDate: string | null;
  payoutAccount: string | null;
  reservedAt: Date | null;
}

/**
 * Locks the person's row for the rest of the transaction, so that changes to one person are
 * serialised. FOR NO KEY UPDATE does not conflict with the KEY SHARE lock a foreign-key check takes
 * when an egenandel is inserted for the person, so concurrent registrations cannot deadlock.
 */
export async function lockPerson(tx: Db, personId: string): Promise<LockedPerson> {
  const [p] = await tx
    .select({ id: persons.id, birthDate: persons.birthDate, payoutAccount: persons.payoutAccount, reservedAt: persons.reservedAt })
    .from(persons)
    .where(eq(persons.id, personId))
    .for("no key update");
  if (!p) throw new Error("person not found");
  return p;
}

export async function lockPersonByFnr(tx: Db, fnr: string): Promise<LockedPerson | null> {
  const [p] = await tx
    .select({ id: persons.id, birthDate: persons.birthDate, payoutAccount: persons.payoutAccount, reservedAt: persons.reservedAt })
    .from(persons)
    .where(eq(persons.fnr, fnr))
    .for("no key update");
  return p ?? null;
}

/** Read-only: the person's year as the engine sees it now (no writes). */
export async function overviewForPersonYear(db: Db, personId: string, year: number): Promise<YearOverview | null> {
  if (!isSupportedYear(year)) return null;
  const [p] = await db.select({ birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId));
  if (!p) return null;
  return computeYearOverview({ year, birthDate: p.birthDate, rows: await listEgenandelerForYear(db, personId, year) });
}

/** What the engine stored for one tak of a person-year (the part that decides what changes). */
export interface StoredStatus {
  tak: string;
  ceilingOre: number;
  totalOre: number;
  overCeilingOre: number;
  frikortFrom: string | null;
}

/** A paid, pending or withheld payout of a person-year. */
export interface StoredPayout {
  id: string;
  tak: string;
  amountOre: number;
  status: string;
  statusReason: string | null;
  accountNumber: string | null;
}

/**
 * The writes one recompute of a person-year needs, decided in TypeScript from what is stored now.
 * The single path (recomputePersonYear) and the batched register (register-batch.server.ts) both
 * plan with this function and only differ in how they send the writes to the database.
 */
export interface PersonYearPlan {
  overview: YearOverview;
  frikortGranted: Array<{ tak: string; from: string }>;
  statusUpserts: Array<{ tak: string; ceilingOre: number; totalOre: number; overCeilingOre: number; frikortFrom: string | null }>;
  changes: Array<{ tak: string; totalBefore: number | null; totalAfter: number; frikortFromBefore: string | null; frikortFromAfter: string | null }>;
  payoutInserts: Array<{ tak: string; amountOre: number; status: string; statusReason: string | null; accountNumber: string | null }>;
  /** Open payouts to change (a cancelled one keeps its amount and account). */
  payoutUpdates: Array<{ id: string; amountOre: number; status: string; statusReason: string | null; accountNumber: string | null }>;
}

export interface PlanPerson {
  birthDate: string | null;
  payoutAccount: string | null;
  reserved: boolean;
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
      !prev ||
      prev.totalOre !== tak.registeredOre ||
      prev.frikortFrom !== tak.frikortFrom ||
      prev.ceilingOre !== tak.ceilingOre ||
      prev.overCeilingOre !== tak.overCeilingOre;
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
    if (tak.overCeilingOre > 0 || (prev?.overCeilingOre ?? 0) > 0) planPayout(plan, person, year, tak.tak, tak.overCeilingOre, existingPayouts.filter((p) => p.tak === tak.tak));
  }
  return plan;
}

function planPayout(plan: PersonYearPlan, person: PlanPerson, year: number, tak: string, owedOre: number, existing: StoredPayout[]) {
  const paidOre = existing.filter((p) => p.status === "paid").reduce((s, p) => s + p.amountOre, 0);
  const open = existing.find((p) => p.status === "pending" || p.status === "withheld");
  const decision = decideOpenPayout({ year, owedOre, paidOre, hasAccount: person.payoutAccount !== null, reserved: person.reserved });
  if (!decision) {
    if (open) plan.payoutUpdates.push({ id: open.id, amountOre: open.amountOre, status: "cancelled", statusReason: "correction", accountNumber: open.accountNumber });
    return;
  }
  if (open) {
    if (open.amountOre !== decision.amountOre || open.status !== decision.status || open.statusReason !== decision.reason) {
      plan.payoutUpdates.push({ id: open.id, amountOre: decision.amountOre, status: decision.status, statusReason: decision.reason, accountNumber: person.payoutAccount });
    }
    return;
  }
  plan.payoutInserts.push({ tak, amountOre: decision.amountOre, status: decision.status, statusReason: decision.reason, accountNumber: person.payoutAccount });
}

/** Recomputes one person-year. Pass the person when the caller holds its lock already. */
export async function recomputePersonYear(tx: Db, personId: string, year: number, cause: string, locked?: LockedPerson): Promise<RecomputeResult> {
  if (!isSupportedYear(year)) return { overview: null, frikortGranted: [] };
  const person = locked ?? (await lockPerson(tx, personId));
  const rows = await listEgenandelerForYear(tx, personId, year);
  const overview = computeYearOverview({ year, birthDate: person.birthDate, rows });
  const before = await tx
    .select({ tak: frikortStatus.tak, ceilingOre: frikortStatus.ceilingOre, totalOre: frikortStatus.totalOre, overCeilingOre: frikortStatus.overCeilingOre, frikortFrom: frikortStatus.frikortFrom })
    .from(frikortStatus)
    .where(and(eq(frikortStatus.personId, personId), eq(frikortStatus.year, year)));
  const existingPayouts = needsPayouts(overview, before)
    ? await tx
        .select({ id: payouts.id, tak: payouts.tak, amountOre: payouts.amountOre, status: payouts.status, statusReason: payouts.statusReason, accountNumber: payouts.accountNumber })
        .from(payouts)
        .where(and(eq(payouts.personId, personId), eq(payouts.year, year), inArray(payouts.status, ["paid", "pending", "withheld"])))
    : [];
  const plan = planPersonYear(
    { birthDate: person.birthDate, payoutAccount: person.payoutAccount, reserved: person.reservedAt !== null },
    year,
    overview,
    before,
    existingPayouts,
  );
  const now = new Date();
  for (const s of plan.statusUpserts) {
    const values = { personId, year, ...s, computedAt: now };
    await tx
      .insert(frikortStatus)
      .values(values)
      .onConflictDoUpdate({ target: [frikortStatus.personId, frikortStatus.year, frikortStatus.tak], set: values });
  }
  for (const c of plan.changes) await tx.insert(frikortChanges).values({ personId, year, ...c, cause });
  for (const g of plan.frikortGranted) {
    await tx
      .insert(inboxMessages)
      .values({ personId, kind: "frikort-granted", payload: { year, tak: g.tak, from: g.from }, dedupeKey: `frikort-granted:${year}:${g.tak}` })
      .onConflictDoNothing();
  }
  for (const u of plan.payoutUpdates) {
    const { id, ...set } = u;
    await tx.update(payouts).set({ ...set, updatedAt: now }).where(eq(payouts.id, id));
  }
  if (plan.payoutInserts.length) await tx.insert(payouts).values(plan.payoutInserts.map((p) => ({ personId, year, ...p })));
  return { overview, frikortGranted: plan.frikortGranted };
}

/**
 * The payout run: every pending payout is paid to the account on file (in production this is where
 * the payment file to the bank would be made). Returns how many were paid. Idempotent.
 */
export async function runPayouts(db: Db, paidOn: string): Promise<number> {
  const rows = await db
    .update(payouts)
    .set({ status: "paid", paidOn, updatedAt: new Date() })
    .where(and(eq(payouts.status, "pending"), sql`${payouts.accountNumber} is not null`))
    .returning({ id: payouts.id, personId: payouts.personId, amountOre: payouts.amountOre, year: payouts.year });
  for (const r of rows) {
    await notify(db, r.personId, "payout-paid", { year: r.year, amountOre: r.amountOre, paidOn }, `payout-paid:${r.id}`);
  }
  return rows.length;
}
