/**
 * The caseworker's register actions of issue 20: a date of death set by staff with a reason
 * (audit-logged, and read by the claims' "patient alive" control), and the review of a claim line
 * held for control (approved: paid, and the egenandel registered through the one writer; rejected:
 * nothing paid or registered).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { claimLineReviews, claimLines, claims, egenandelEvents, egenandeler, personChanges, persons, providers, staffAuditLog } from "~/db/schema";
import { checkDeathDate } from "~/domain/staff-register";
import { generateFnr } from "~/kernel/fnr";
import type { Claim } from "~/schemas/claims";
import { submitClaims } from "~/services/claims.server";
import { listHeldLines, loadPersonRecord, personIdByFnr, reviewHeldLine, setDateOfDeath } from "~/services/staff-register.server";
import { openTestDatabase } from "../support/db";
import { insertPerson, TEST_ORG } from "../support/fixtures";
import type { IsoDate } from "~/kernel/types";
import type { Fnr } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

const TODAY: IsoDate = "2025-03-20";
const OTHER_ORG = orgnrOf("923609016");
const STAFF = { ident: "Z990001", unit: "casework" as const };
let database: Database;
let cleanup: () => Promise<void>;
let individ = 500;
let seq = 0;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db
    .insert(providers)
    .values([TEST_ORG, { orgnr: OTHER_ORG, name: "Annen klinikk AS" }])
    .onConflictDoNothing();
});
afterAll(async () => {
  await cleanup?.();
});

async function person(opts: { reserved?: boolean } = {}) {
  const birthDate: IsoDate = "1970-07-07";
  while (!generateFnr(birthDate, individ % 500)) individ++;
  return insertPerson(database, { birthDate, individ: individ++ % 500, name: "Test Pasient", rows: [], reserved: opts.reserved });
}

function claim(fnr: Fnr, lines: Claim["lines"]): Claim {
  return { claimId: `kontroll-${++seq}`, fnr, therapist: { hprNumber: `92${String(seq).padStart(5, "0")}`, name: "Fysio Terapeut" }, paid: true, lines };
}

/** A fifth examination this year is held for control (claim.examination-count). */
async function heldLine(fnr: Fnr) {
  const exams = (["2025-01-06", "2025-01-27", "2025-02-10", "2025-02-24"] as IsoDate[]).map((date) => ({ takst: "A1a", date, startTime: "10:00", minutes: 30, groupSize: null }));
  await submitClaims(database.db, OTHER_ORG, [claim(fnr, exams)], TODAY);
  const c = claim(fnr, [{ takst: "A1a", date: "2025-03-17", startTime: "10:00", minutes: 30, groupSize: null }]);
  const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [c], TODAY);
  if (a!.status === 409) throw new Error("conflict");
  expect(a!.result.outcome).toBe("til-kontroll");
  const [row] = await database.db.select({ id: claims.id }).from(claims).where(eq(claims.claimId, c.claimId));
  const [line] = await database.db.select().from(claimLines).where(eq(claimLines.claimRef, row!.id));
  return { claimRef: row!.id, line: line!, claimId: c.claimId };
}

describe("date of death set by staff", () => {
  it("checks the date and asks for a reason (named cases)", () => {
    const ctx = { today: "2025-03-20" as IsoDate, birthDate: "1970-07-07" as IsoDate };
    expect(checkDeathDate({ diedOn: "2025-03-01", reason: "Melding fra Folkeregisteret" }, ctx)).toEqual({ ok: true, diedOn: "2025-03-01", reason: "Melding fra Folkeregisteret" });
    expect(checkDeathDate({ diedOn: "", reason: "Feilregistrert" }, ctx)).toEqual({ ok: true, diedOn: null, reason: "Feilregistrert" });
    expect(checkDeathDate({ diedOn: "2025-03-21", reason: "x" }, ctx)).toEqual({ ok: false, errors: { diedOn: "future" } });
    expect(checkDeathDate({ diedOn: "1969-01-01", reason: "x" }, ctx)).toEqual({ ok: false, errors: { diedOn: "before-birth" } });
    expect(checkDeathDate({ diedOn: "2025-02-30", reason: "" }, ctx)).toEqual({ ok: false, errors: { diedOn: "date", reason: "reason" } });
  });

  it("is stored with who, when and why, audit-logged, and a claim for treatment after it is then rejected", async () => {
    const p = await person();
    expect(await personIdByFnr(database.db, p.fnr)).toBe(p.id);
    expect(await personIdByFnr(database.db, "12345678901")).toBeNull();
    const before = await loadPersonRecord(database.db, STAFF, p.id);
    expect(before).toMatchObject({ name: "Test Pasient", diedOn: null, changes: [] });

    expect(await setDateOfDeath(database.db, STAFF, p.id, "2025-03-01", "Melding fra Folkeregisteret")).toEqual({ changed: true });
    expect(await setDateOfDeath(database.db, STAFF, p.id, "2025-03-01", "Igjen")).toEqual({ changed: false });
    const [me] = await database.db.select({ diedOn: persons.diedOn }).from(persons).where(eq(persons.id, p.id));
    expect(me!.diedOn).toBe("2025-03-01");
    expect((await database.db.select().from(personChanges).where(eq(personChanges.personId, p.id))).map((c) => [c.field, c.before, c.after, c.reason, c.staffIdent])).toEqual([
      ["died_on", null, "2025-03-01", "Melding fra Folkeregisteret", "Z990001"],
    ]);
    const log = await database.db.select({ action: staffAuditLog.action, kind: staffAuditLog.subjectKind }).from(staffAuditLog).where(eq(staffAuditLog.personId, p.id));
    expect(log).toEqual([
      { action: "person.view", kind: "person" },
      { action: "person.died-on", kind: "person" },
    ]);

    const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [claim(p.fnr, [{ takst: "A2c", date: "2025-03-04", startTime: "07:30", minutes: 40, groupSize: null }])], TODAY);
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.outcome).toBe("avvist");
    expect(a!.result.lines[0]!.controls.find((c) => c.rule === "claim.patient-alive")).toMatchObject({ result: "avvist", reason: "patient-dead" });
  });
});

describe("claim lines held for control", () => {
  it("approving one pays the provider and registers the egenandel through the one writer (source claim), once", async () => {
    const p = await person();
    const { line, claimRef, claimId } = await heldLine(p.fnr);
    expect(line).toMatchObject({ outcome: "til-kontroll", egenandelDisposition: "held", refusjonOre: 0, egenandelId: null });
    const held = await listHeldLines(database.db, STAFF);
    expect(held.some((h) => h.id === line.id)).toBe(true);

    expect(await reviewHeldLine(database.db, STAFF, line.id, "godkjent", "Journal viser undersøkelse etter ny skade", TODAY)).toEqual({
      ok: true,
      outcome: "godkjent",
      disposition: "registered",
    });
    const [after] = await database.db.select().from(claimLines).where(eq(claimLines.id, line.id));
    expect(after).toMatchObject({ outcome: "godkjent", egenandelDisposition: "registered", refusjonOre: line.honorarOre - line.egenandelOre, egenandelOre: line.egenandelOre });
    const [e] = await database.db.select().from(egenandeler).where(eq(egenandeler.id, after!.egenandelId!));
    expect(e).toMatchObject({ personId: p.id, claimId: `regning:${claimId}:1`, serviceType: "fysioterapi", amountOre: line.egenandelOre, serviceDate: "2025-03-17" });
    const [event] = await database.db.select().from(egenandelEvents).where(eq(egenandelEvents.egenandelId, e!.id));
    expect(event).toMatchObject({ source: "claim" });
    const [c] = await database.db.select().from(claims).where(eq(claims.id, claimRef));
    expect(c).toMatchObject({ outcome: "godkjent", refusjonOre: line.honorarOre - line.egenandelOre });
    expect((await database.db.select().from(claimLineReviews).where(eq(claimLineReviews.lineId, line.id))).map((r) => [r.decision, r.staffIdent])).toEqual([
      ["godkjent", "Z990001"],
    ]);
    expect(
      await database.db
        .select({ action: staffAuditLog.action })
        .from(staffAuditLog)
        .where(and(eq(staffAuditLog.subjectId, line.id), eq(staffAuditLog.action, "claim-line.godkjent"))),
    ).toHaveLength(1);
    // a second review is refused: the line is no longer held
    expect(await reviewHeldLine(database.db, STAFF, line.id, "avvist", "x", TODAY)).toEqual({ ok: false, reason: "not-held" });
    expect((await listHeldLines(database.db, STAFF)).some((h) => h.id === line.id)).toBe(false);
  });

  it("rejecting one pays nothing and registers nothing", async () => {
    const p = await person();
    const { line, claimRef } = await heldLine(p.fnr);
    expect(await reviewHeldLine(database.db, STAFF, line.id, "avvist", "Ikke dokumentert i journal", TODAY)).toEqual({ ok: true, outcome: "avvist", disposition: "rejected" });
    const [after] = await database.db.select().from(claimLines).where(eq(claimLines.id, line.id));
    expect(after).toMatchObject({ outcome: "avvist", egenandelDisposition: "rejected", refusjonOre: 0, egenandelOre: 0, egenandelId: null });
    const [c] = await database.db.select().from(claims).where(eq(claims.id, claimRef));
    expect(c).toMatchObject({ outcome: "avvist", refusjonOre: 0 });
    expect((await database.db.select().from(egenandeler).where(eq(egenandeler.personId, p.id))).filter((x) => x.providerOrgnr === TEST_ORG.orgnr)).toEqual([]);
  });

  it("approving one for a reserved patient pays the provider and stores nothing", async () => {
    const p = await person({ reserved: true });
    const { line } = await heldLine(p.fnr);
    expect(await reviewHeldLine(database.db, STAFF, line.id, "godkjent", "OK", TODAY)).toEqual({ ok: true, outcome: "godkjent", disposition: "reserved" });
    expect(await database.db.select().from(egenandeler).where(eq(egenandeler.personId, p.id))).toEqual([]);
  });

  it("an unknown line is not found", async () => {
    expect(await reviewHeldLine(database.db, STAFF, "not-a-uuid", "godkjent", "x", TODAY)).toEqual({ ok: false, reason: "not-found" });
    expect(await reviewHeldLine(database.db, STAFF, "00000000-0000-4000-8000-000000000000", "godkjent", "x", TODAY)).toEqual({ ok: false, reason: "not-found" });
  });
});
