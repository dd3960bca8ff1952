/**
 * The egenandel register as providers feed it: register, correct, mark paid, cancel. Every write is
 * one transaction that also recomputes the person-year through the engine, so the frikort, payouts
 * and the resident's inbox never lag behind the register.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { egenandelEvents, egenandeler } from "~/db/schema";
import { yearOf } from "~/domain/dates";
import { validateFnr } from "~/domain/fnr";
import { childExemptUntil } from "~/rules/parameters/exemptions";
import { isSupportedYear } from "~/rules/parameters/egenandelstak";
import { takForService } from "~/rules/parameters/tak-mapping";
import type { ServiceType } from "~/domain/types";
import { findOrCreatePersonByFnr } from "~/models/person.server";
import type { EgenandelRecord, RegisterEgenandel } from "~/schemas/provider-api";
import { lockPerson, lockPersonByFnr, overviewForPersonYear, recomputePersonYear } from "./engine.server";
import { sendNotice } from "./notify.server";

export type RegisterErrorCode =
  | "conflict"
  | "not-found"
  | "already-cancelled"
  | "exempt-child"
  | "date-in-future"
  | "date-unsupported"
  | "paid-before-service"
  | "reserved";

export class RegisterError extends Error {
  constructor(
    readonly code: RegisterErrorCode,
    readonly field?: string,
  ) {
    super(code);
  }
}

export type Row = typeof egenandeler.$inferSelect;

function canonicalHash(input: Omit<RegisterEgenandel, "paidDate"> & { paidDate: string | null }): string {
  const canonical = [input.claimId, input.fnr, input.serviceDate, input.serviceType, input.amountOre, input.providerName, input.paid, input.paidDate];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

export async function toRecord(tx: Db, row: Row, statusFromEngine?: string): Promise<EgenandelRecord> {
  let status = statusFromEngine;
  if (!status) {
    const overview = await overviewForPersonYear(tx, row.personId, yearOf(row.serviceDate));
    status = overview?.lines.find((l) => l.id === row.id)?.status ?? (row.cancelledAt ? "cancelled" : row.paid ? "counted" : "unpaid");
  }
  return recordOf(row, status);
}

/** The API's view of a stored egenandel, given its status from the engine. */
export function recordOf(row: Row, status: string): EgenandelRecord {
  return {
    id: row.id,
    claimId: row.claimId,
    serviceDate: row.serviceDate,
    serviceType: row.serviceType as ServiceType,
    amountOre: row.amountOre,
    providerName: row.providerName,
    paid: row.paid,
    paidDate: row.paidDate,
    cancelled: row.cancelledAt !== null,
    tak: takForService(row.serviceType as ServiceType, row.serviceDate),
    status: status as EgenandelRecord["status"],
  };
}

function snapshot(row: Row) {
  return { amountOre: row.amountOre, paid: row.paid, paidDate: row.paidDate, cancelled: row.cancelledAt !== null };
}

/**
 * The checks that need no database, and what the register derives from the input. Throws
 * RegisterError; shared by the single and the batched register so both refuse the same input.
 */
export function prepareRegistration(input: RegisterEgenandel, today: string): { paidDate: string | null; birthDate: string | null; hash: string } {
  if (input.serviceDate > today) throw new RegisterError("date-in-future", "serviceDate");
  if (!isSupportedYear(yearOf(input.serviceDate))) throw new RegisterError("date-unsupported", "serviceDate");
  const paidDate = input.paid ? (input.paidDate ?? input.serviceDate) : null;
  if (paidDate && paidDate < input.serviceDate) throw new RegisterError("paid-before-service", "paidDate");
  if (paidDate && paidDate > today) throw new RegisterError("date-in-future", "paidDate");
  const checked = validateFnr(input.fnr);
  const birthDate = checked.valid ? checked.birthDate : null;
  if (birthDate && input.serviceDate <= childExemptUntil(birthDate)) throw new RegisterError("exempt-child", "fnr");
  return { paidDate, birthDate, hash: canonicalHash({ ...input, paidDate }) };
}

export async function registerEgenandel(
  db: Db,
  orgnr: string,
  input: RegisterEgenandel,
  today: string,
): Promise<{ created: boolean; record: EgenandelRecord }> {
  const { paidDate, birthDate, hash } = prepareRegistration(input, today);

  const out = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // Lock the person before the insert (no lock upgrade, so no deadlock); one round trip when known.
    const person =
      (await lockPersonByFnr(tx, input.fnr)) ?? (await lockPerson(tx, (await findOrCreatePersonByFnr(tx, input.fnr, birthDate)).id));
    // Reserved against storage: nothing is stored (docs/decisions/0007-reservation.md).
    if (person.reservedAt) throw new RegisterError("reserved");
    // Insert the egenandel and its "registered" event in one round trip (the hot path of the API).
    const after = { amountOre: input.amountOre, paid: input.paid, paidDate, cancelled: false };
    const inserted = await tx.execute<{ id: string }>(sql`
      with e as (
        insert into ${egenandeler} (person_id, provider_orgnr, claim_id, provider_name, service_date, service_type, amount_ore, paid, paid_date, registration_hash)
        values (${person.id}, ${orgnr}, ${input.claimId}, ${input.providerName}, ${input.serviceDate}, ${input.serviceType}, ${input.amountOre}, ${input.paid}, ${paidDate}, ${hash})
        on conflict (provider_orgnr, claim_id) do nothing
        returning id, person_id
      ), ev as (
        insert into ${egenandelEvents} (egenandel_id, person_id, kind, provider_orgnr, after)
        select id, person_id, 'registered', ${orgnr}, ${JSON.stringify(after)}::jsonb from e
      )
      select id from e`);
    const newId = (inserted as unknown as { rows: Array<{ id: string }> }).rows[0]?.id;
    if (!newId) {
      const [existing] = await tx
        .select()
        .from(egenandeler)
        .where(and(eq(egenandeler.providerOrgnr, orgnr), eq(egenandeler.claimId, input.claimId)));
      if (!existing || existing.registrationHash !== hash) throw new RegisterError("conflict", "claimId");
      return { created: false, record: await toRecord(tx, existing) };
    }
    const row: Row = {
      id: newId,
      personId: person.id,
      providerOrgnr: orgnr,
      claimId: input.claimId,
      providerName: input.providerName,
      serviceDate: input.serviceDate,
      serviceType: input.serviceType,
      amountOre: input.amountOre,
      paid: input.paid,
      paidDate,
      cancelledAt: null,
      registrationHash: hash,
      createdAt: new Date(),
    };
    const result = await recomputePersonYear(tx, person.id, yearOf(row.serviceDate), `registered ${orgnr}/${input.claimId}`, person);
    const status = result.overview?.lines.find((l) => l.id === row.id)?.status;
    return { created: true, record: await toRecord(tx, row, status), notifyPerson: result.frikortGranted.length ? person.id : null };
  });
  // A new frikort: the inbox message was written in the transaction; the notice goes out after it.
  if ("notifyPerson" in out && out.notifyPerson) await sendNotice(out.notifyPerson, "frikort-granted");
  return { created: out.created, record: out.record };
}

async function findOwn(tx: Db, orgnr: string, claimId: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(egenandeler)
    .where(and(eq(egenandeler.providerOrgnr, orgnr), eq(egenandeler.claimId, claimId)))
    .for("update");
  if (!row) throw new RegisterError("not-found", "claimId");
  return row;
}

export async function getEgenandel(db: Db, orgnr: string, claimId: string): Promise<EgenandelRecord> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    return toRecord(tx, await findOwn(tx, orgnr, claimId));
  });
}

type Change =
  | { kind: "corrected"; amountOre: number; reason: string }
  | { kind: "paid"; paidDate: string }
  | { kind: "cancelled"; reason: string };

/**
 * Applies a provider's change to one of its own egenandeler. Repeating the same change is a no-op
 * (idempotent); changing a cancelled egenandel is refused.
 */
export async function changeEgenandel(db: Db, orgnr: string, claimId: string, change: Change, today: string): Promise<EgenandelRecord> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const row = await findOwn(tx, orgnr, claimId);
    if (row.cancelledAt) {
      if (change.kind === "cancelled") return toRecord(tx, row);
      throw new RegisterError("already-cancelled", "claimId");
    }
    let set: Partial<Row> | null = null;
    let reason: string | null = null;
    if (change.kind === "corrected") {
      if (row.amountOre !== change.amountOre) set = { amountOre: change.amountOre };
      reason = change.reason;
    } else if (change.kind === "paid") {
      if (change.paidDate < row.serviceDate) throw new RegisterError("paid-before-service", "paidDate");
      if (change.paidDate > today) throw new RegisterError("date-in-future", "paidDate");
      if (!row.paid || row.paidDate !== change.paidDate) set = { paid: true, paidDate: change.paidDate };
    } else {
      set = { cancelledAt: new Date() };
      reason = change.reason;
    }
    if (!set) return toRecord(tx, row);
    const [updated] = await tx.update(egenandeler).set(set).where(eq(egenandeler.id, row.id)).returning();
    await tx.insert(egenandelEvents).values({
      egenandelId: row.id,
      personId: row.personId,
      kind: change.kind,
      providerOrgnr: orgnr,
      before: snapshot(row),
      after: snapshot(updated!),
      reason,
    });
    const result = await recomputePersonYear(tx, row.personId, yearOf(row.serviceDate), `${change.kind} ${orgnr}/${claimId}${reason ? `: ${reason}` : ""}`);
    return toRecord(tx, updated!, result.overview?.lines.find((l) => l.id === row.id)?.status);
  });
}
