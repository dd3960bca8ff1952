/**
 * The egenandel register's use cases: every change to the register — a provider's registration,
 * correction, payment or cancellation, a caseworker's registration of a reported egenandel, a
 * decided application abroad or frikort application, a recompute — goes load → plan → apply:
 * the writer (models/register-writer) loads the state under the persons' locks, the pure planner
 * (domain/register) decides, the writer applies it in the same transaction. One path, so every
 * source gets the same reservation rule, the same event row and the same idempotency.
 */
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { egenandeler } from "~/db/schema";
import { yearOf } from "~/kernel/dates";
import { validateFnr } from "~/kernel/fnr";
import {
  checkNewClaim,
  claimStatus,
  type NewClaim,
  type Outcome,
  type RefusalCode,
  type RegisterRequest,
  type RegisterSource,
  planRegisterChanges,
  type StoredClaim,
} from "~/domain/register";
import type { IsoDate, Ore, Orgnr, ServiceType } from "~/kernel/types";
import { overviewForPersonYear } from "~/models/person.server";
import { applyRegisterPlan, inWriterTransaction, loadRegisterState, planWrites, uuidv7, type WriterTx, writerTxOf } from "~/models/register-writer.server";
import { takForService } from "~/rules/parameters/tak-mapping";
import type { EgenandelRecord, RegisterEgenandel } from "~/schemas/provider-api";
import { sendNotice } from "./notify.server";

export type RegisterErrorCode = RefusalCode;

export class RegisterError extends Error {
  constructor(
    readonly code: RegisterErrorCode,
    readonly field?: string,
  ) {
    super(code);
  }
}

export type Row = typeof egenandeler.$inferSelect;

/** What a registration is identified by for idempotency: the same request again is a retry. */
export function registrationHash(parts: {
  claimId: string;
  person: string;
  serviceDate: string;
  serviceType: string;
  amountOre: number;
  providerName: string;
  paid: boolean;
  paidDate: string | null;
}): string {
  const canonical = [parts.claimId, parts.person, parts.serviceDate, parts.serviceType, parts.amountOre, parts.providerName, parts.paid, parts.paidDate];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** A provider's registration through the API, as a register request (or the refusal of its input). */
export function providerRegistration(orgnr: Orgnr, input: RegisterEgenandel, today: IsoDate): RegisterRequest | RegisterError {
  const paidDate = input.paid ? (input.paidDate ?? input.serviceDate) : null;
  const checked = validateFnr(input.fnr);
  const birthDate = checked.valid ? checked.birthDate : null;
  const claim: NewClaim = {
    orgnr,
    claimId: input.claimId,
    providerName: input.providerName,
    serviceDate: input.serviceDate,
    serviceType: input.serviceType,
    amountOre: input.amountOre,
    paid: input.paid,
    paidDate,
  };
  // The checks that need no database first: invalid input creates no person.
  const refusal = checkNewClaim(claim, birthDate, today);
  if (refusal) return new RegisterError(refusal.code, refusal.field);
  const hash = registrationHash({ ...input, person: input.fnr, paidDate });
  return { op: "register", source: { kind: "provider", orgnr }, person: { fnr: input.fnr, birthDate }, claim, hash };
}

/**
 * Applies requests in one transaction: load → plan → apply. A claim id registered concurrently by
 * another transaction fails the write with a unique violation; the whole is then run again (it sees
 * that claim the second time). Persons granted a frikort are told after the commit.
 */
export async function applyRegisterRequests(db: Db, requests: readonly RegisterRequest[], today: IsoDate): Promise<Outcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const plan = await inWriterTransaction(db, (t) => planAndApply(t, requests, today));
      for (const personId of plan.frikortGranted) sendNotice(personId, "frikort-granted");
      return plan.outcomes;
    } catch (err) {
      if (attempt >= 3 || (err as { code?: unknown })?.code !== "23505") throw err;
    }
  }
}

/** The same, inside a transaction the caller holds (a case decision); the caller tells about new frikort. */
export async function applyRegisterRequestsInTx(tx: Db, requests: readonly RegisterRequest[], today: IsoDate) {
  return planAndApply(writerTxOf(tx), requests, today);
}

async function planAndApply(t: WriterTx, requests: readonly RegisterRequest[], today: IsoDate) {
  const state = await loadRegisterState(t, requests);
  const plan = planRegisterChanges(state, requests, { today, newId: () => uuidv7() });
  if (planWrites(plan)) await applyRegisterPlan(t, plan, { commit: true });
  return plan;
}

/** The API's view of a stored egenandel, given its status from the engine. */
export function recordOfClaim(c: StoredClaim, status: string): EgenandelRecord {
  return {
    id: c.id,
    claimId: c.claimId,
    serviceDate: c.serviceDate,
    serviceType: c.serviceType,
    amountOre: c.amountOre,
    providerName: c.providerName,
    paid: c.paid,
    paidDate: c.paidDate,
    cancelled: c.cancelled,
    tak: takForService(c.serviceType, c.serviceDate),
    status: status as EgenandelRecord["status"],
  };
}

/** A planner's answer to one provider request, as the API's result or error. */
export function providerAnswer(o: Outcome): { created: boolean; record: EgenandelRecord } {
  if (!o.ok) throw new RegisterError(o.refusal.code, o.refusal.field);
  if ("recomputed" in o) throw new Error("not a claim outcome");
  return { created: o.created, record: recordOfClaim(o.claim, o.status) };
}

export async function registerEgenandel(db: Db, orgnr: Orgnr, input: RegisterEgenandel, today: IsoDate): Promise<{ created: boolean; record: EgenandelRecord }> {
  const req = providerRegistration(orgnr, input, today);
  if (req instanceof RegisterError) throw req;
  const [o] = await applyRegisterRequests(db, [req], today);
  return providerAnswer(o!);
}

type Change = { kind: "corrected"; amountOre: Ore; reason: string } | { kind: "paid"; paidDate: IsoDate } | { kind: "cancelled"; reason: string };

/**
 * Applies a provider's change to one of its own egenandeler. Repeating the same change is a no-op
 * (idempotent); changing a cancelled egenandel is refused.
 */
export async function changeEgenandel(db: Db, orgnr: Orgnr, claimId: string, change: Change, today: IsoDate): Promise<EgenandelRecord> {
  const source: RegisterSource = { kind: "provider", orgnr };
  const key = { orgnr, claimId };
  const req: RegisterRequest =
    change.kind === "corrected"
      ? { op: "correct", source, key, amountOre: change.amountOre, reason: change.reason }
      : change.kind === "paid"
        ? { op: "pay", source, key, paidDate: change.paidDate }
        : { op: "cancel", source, key, reason: change.reason };
  const [o] = await applyRegisterRequests(db, [req], today);
  return providerAnswer(o!).record;
}

/** A provider's read of one of its own egenandeler, with its status as the engine sees it now. */
export async function getEgenandel(db: Db, orgnr: Orgnr, claimId: string): Promise<EgenandelRecord> {
  const [row] = await db
    .select()
    .from(egenandeler)
    .where(and(eq(egenandeler.providerOrgnr, orgnr), eq(egenandeler.claimId, claimId)));
  if (!row) throw new RegisterError("not-found", "claimId");
  const overview = await overviewForPersonYear(db, row.personId, yearOf(row.serviceDate));
  const claim: StoredClaim = {
    id: row.id,
    personId: row.personId,
    orgnr: row.providerOrgnr,
    claimId: row.claimId,
    providerName: row.providerName,
    serviceDate: row.serviceDate,
    serviceType: row.serviceType as ServiceType,
    amountOre: row.amountOre,
    paid: row.paid,
    paidDate: row.paidDate,
    cancelled: row.cancelledAt !== null,
    hash: row.registrationHash,
  };
  return recordOfClaim(claim, claimStatus(overview, claim));
}
