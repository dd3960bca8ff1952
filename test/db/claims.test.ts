/**
 * Treatment claims on the database (issue 20): idempotent per claimId, the approved lines'
 * egenandeler reach the register through its one writer (source `claim`) so the frikort engine and
 * the reservation behave as for any egenandel, and the controls that need history read the lines
 * stored by earlier calls.
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { claimLines, claims, egenandelEvents, egenandeler, frikortStatus, inboxMessages, persons, providers } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { findTakst } from "~/rules/parameters/physio-takster";
import type { Claim } from "~/schemas/claims";
import { claimBatch, claimBatchStats, submitClaimBatched, submitClaims } from "~/services/claims.server";
import { riskRefreshIdle } from "~/services/risk-signals.server";
import { openTestDatabase } from "../support/db";
import { insertPerson, TEST_ORG } from "../support/fixtures";
import type { IsoDate } from "~/kernel/types";
import { isoDate } from "~/kernel/dates";
import type { Fnr } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

const TODAY: IsoDate = "2025-03-20";
const OTHER_ORG = orgnrOf("923609016");
const A2C = findTakst("A2c", "2025-03-04")!;
let database: Database;
let cleanup: () => Promise<void>;
let individ = 300;
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

function claim(fnr: Fnr, over: Partial<Claim> = {}): Claim {
  return {
    claimId: `regning-${++seq}`,
    fnr,
    therapist: { hprNumber: `91${String(seq).padStart(5, "0")}`, name: "Fysio Terapeut" },
    paid: true,
    lines: [{ takst: "A2c", date: "2025-03-04", startTime: "07:30", minutes: 40, groupSize: null }],
    ...over,
  };
}

async function person(opts: { rows?: Array<{ serviceDate: IsoDate; amountOre: number }>; reserved?: boolean; birthDate?: IsoDate } = {}) {
  const birthDate = opts.birthDate ?? "1966-06-06";
  const century = birthDate >= "2000" ? 500 : 0;
  while (!generateFnr(isoDate(birthDate), century + (individ % 400))) individ++;
  return insertPerson(database, {
    birthDate,
    individ: century + (individ++ % 400),
    name: "Test Pasient",
    rows: (opts.rows ?? []).map((r) => ({ ...r, serviceType: "fysioterapi" as const })),
    reserved: opts.reserved,
  });
}

const registered = (personId: string) => database.db.select().from(egenandeler).where(eq(egenandeler.personId, personId));

describe("POST /regninger as a service: idempotent per claimId", () => {
  it("answers 201 the first time, 200 with the same body for the same claim again, 409 for another body, and stores one claim", async () => {
    const p = await person();
    const c = claim(p.fnr);
    const [first] = await submitClaims(database.db, TEST_ORG.orgnr, [c], TODAY);
    expect(first!.status).toBe(201);
    const [again] = await submitClaims(database.db, TEST_ORG.orgnr, [c], TODAY);
    expect(again).toEqual({ ...first, status: 200 });
    const [other] = await submitClaims(database.db, TEST_ORG.orgnr, [{ ...c, lines: [{ ...c.lines[0]!, minutes: 60 }] }], TODAY);
    expect(other).toEqual({ status: 409, claimId: c.claimId });
    expect(await database.db.select().from(claims).where(eq(claims.claimId, c.claimId))).toHaveLength(1);
    expect(await registered(p.id)).toHaveLength(1);
  });

  it("the same claim twice at once: one is new, the other is answered as a retry", async () => {
    const p = await person();
    const c = claim(p.fnr);
    const answers = await Promise.all([submitClaims(database.db, TEST_ORG.orgnr, [c], TODAY), submitClaims(database.db, TEST_ORG.orgnr, [c], TODAY)]);
    expect(answers.map((a) => a[0]!.status).sort()).toEqual([200, 201]);
    expect(await registered(p.id)).toHaveLength(1);
  });
});

describe("the egenandel of an approved line goes through the register's one writer", () => {
  it("is stored as a physiotherapy egenandel with an event whose source is the claim, and the provider is paid honorar − egenandel", async () => {
    const p = await person();
    const c = claim(p.fnr);
    const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [c], TODAY);
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.outcome).toBe("godkjent");
    expect(a!.result.refusjonOre).toBe(A2C.refusjonOre);
    expect(a!.result.lines[0]!.egenandel).toEqual({ disposition: "registered", registerClaimId: `regning:${c.claimId}:1` });
    const [row] = await registered(p.id);
    expect(row).toMatchObject({
      serviceType: "fysioterapi",
      serviceDate: "2025-03-04",
      amountOre: A2C.egenandelOre,
      claimId: `regning:${c.claimId}:1`,
      providerOrgnr: TEST_ORG.orgnr,
    });
    const [ev] = await database.db.select().from(egenandelEvents).where(eq(egenandelEvents.egenandelId, row!.id));
    expect(ev).toMatchObject({ kind: "registered", source: "claim", sourceRef: c.claimId });
    const [l] = await database.db.select().from(claimLines).where(eq(claimLines.egenandelId, row!.id));
    expect(l).toMatchObject({ takst: "A2c", startMinute: 450, minutes: 40, outcome: "godkjent" });
  });

  it("grants the frikort when a line reaches the ceiling; a later line is then free for the patient and paid in full to the provider", async () => {
    // 2025's egenandelstak is 3 278 kr: 3 200 kr before the claim, so its first line crosses it.
    const p = await person({
      rows: [
        { serviceDate: "2025-01-10", amountOre: 150_000 },
        { serviceDate: "2025-02-10", amountOre: 170_000 },
      ],
    });
    const c = claim(p.fnr, {
      lines: [
        { takst: "A2c", date: "2025-03-04", startTime: "07:30", minutes: 40, groupSize: null },
        { takst: "A2c", date: "2025-03-11", startTime: "07:30", minutes: 40, groupSize: null },
      ],
    });
    const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [c], TODAY);
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.lines.map((l) => l.egenandel.disposition)).toEqual(["registered", "frikort"]);
    expect(a!.result.lines[1]).toMatchObject({ egenandelOre: 0, refusjonOre: A2C.honorarOre });
    expect(a!.result.egenandelRegisteredOre).toBe(A2C.egenandelOre);
    const [status] = await database.db
      .select()
      .from(frikortStatus)
      .where(and(eq(frikortStatus.personId, p.id), eq(frikortStatus.year, 2025)));
    expect(status!.frikortFrom).toBe("2025-03-04");
    const inbox = await database.db
      .select()
      .from(inboxMessages)
      .where(and(eq(inboxMessages.personId, p.id), eq(inboxMessages.kind, "frikort-granted")));
    expect(inbox).toHaveLength(1);
    expect(await registered(p.id)).toHaveLength(3);
  });

  it("a patient who has reserved: the claim is settled with the provider as usual, and no egenandel is stored", async () => {
    const p = await person({ reserved: true });
    const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [claim(p.fnr)], TODAY);
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.outcome).toBe("godkjent");
    expect(a!.result.refusjonOre).toBe(A2C.refusjonOre);
    expect(a!.result.lines[0]!.egenandel).toEqual({ disposition: "reserved", registerClaimId: null });
    expect(a!.result.egenandelRegisteredOre).toBe(0);
    expect(await registered(p.id)).toHaveLength(0);
  });

  it("a child under 16 pays no egenandel: nothing stored, the provider is paid the full honorar", async () => {
    const p = await person({ birthDate: "2015-01-01" });
    const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [claim(p.fnr)], TODAY);
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.lines[0]).toMatchObject({ egenandelOre: 0, refusjonOre: A2C.honorarOre, egenandel: { disposition: "exempt-child" } });
    expect(await registered(p.id)).toHaveLength(0);
  });
});

describe("controls that read the stored history", () => {
  it("overlap with a line the same therapist billed in an earlier call is rejected, nothing is registered for it", async () => {
    const [p1, p2] = [await person(), await person()];
    const first = claim(p1.fnr);
    await submitClaims(database.db, TEST_ORG.orgnr, [first], TODAY);
    const second = claim(p2.fnr, { therapist: first.therapist, lines: [{ takst: "A2b", date: "2025-03-04", startTime: "07:45", minutes: 30, groupSize: null }] });
    const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [second], TODAY);
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.outcome).toBe("avvist");
    expect(a!.result.refusjonOre).toBe(0);
    expect(a!.result.lines[0]!.controls.find((c) => c.rule === "claim.overlap")).toMatchObject({ result: "avvist", reason: "overlap", detail: { otherStart: "07:30" } });
    expect(await registered(p2.id)).toHaveLength(0);
  });

  it("a patient with a date of death: a claim for treatment after it is rejected", async () => {
    const p = await person();
    await database.db.update(persons).set({ diedOn: "2025-02-28" }).where(eq(persons.id, p.id));
    const [a] = await submitClaims(database.db, TEST_ORG.orgnr, [claim(p.fnr)], TODAY);
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.outcome).toBe("avvist");
    expect(a!.result.lines[0]!.controls.find((c) => c.rule === "claim.patient-alive")).toMatchObject({ result: "avvist", reason: "patient-dead" });
    expect(await registered(p.id)).toHaveLength(0);
  });

  it("a fifth examination this year, from another provider's earlier claims, is held: not paid, not registered yet", async () => {
    const p = await person();
    const exams = (["2025-01-06", "2025-01-27", "2025-02-10", "2025-02-24"] as IsoDate[]).map((date) => ({ takst: "A1a", date, startTime: "10:00", minutes: 30, groupSize: null }));
    await submitClaims(database.db, OTHER_ORG, [claim(p.fnr, { lines: exams })], TODAY);
    const [a] = await submitClaims(
      database.db,
      TEST_ORG.orgnr,
      [claim(p.fnr, { lines: [{ takst: "A1a", date: "2025-03-17", startTime: "10:00", minutes: 30, groupSize: null }] })],
      TODAY,
    );
    if (a!.status === 409) throw new Error("conflict");
    expect(a!.result.outcome).toBe("til-kontroll");
    expect(a!.result.lines[0]).toMatchObject({ refusjonOre: 0, egenandel: { disposition: "held" } });
    expect((await registered(p.id)).filter((r) => r.providerOrgnr === TEST_ORG.orgnr)).toHaveLength(0);
  });

  it("a batch is one sequence: the second claim for the same therapist's slot is rejected, each claim answered in order", async () => {
    const [p1, p2] = [await person(), await person()];
    const a = claim(p1.fnr);
    const b = claim(p2.fnr, { therapist: a.therapist, lines: [{ ...a.lines[0]!, startTime: "07:40" }] });
    const answers = await submitClaims(database.db, TEST_ORG.orgnr, [a, b, a], TODAY);
    expect(answers.map((x) => x.status)).toEqual([201, 201, 200]);
    expect(answers.map((x) => (x.status === 409 ? null : x.result.outcome))).toEqual(["godkjent", "avvist", "godkjent"]);
    expect(
      await database.db
        .select()
        .from(egenandeler)
        .where(like(egenandeler.claimId, `regning:${b.claimId}:%`)),
    ).toHaveLength(0);
  });
});

describe("group commit: concurrent claims are written in one transaction with the answers they would get alone (ADR 0011 applied to claims)", () => {
  it("claims from two providers sent at once: each answered 201/200/409 as if in arrival order, in fewer transactions than claims", async () => {
    const [p1, p2, p3] = [await person(), await person(), await person()];
    const a = claim(p1.fnr);
    const overlapping = claim(p2.fnr, { therapist: a.therapist, lines: [{ ...a.lines[0]!, startTime: "07:50" }] });
    const other = claim(p3.fnr);
    const before = { ...claimBatchStats(database.db) };
    const answers = await Promise.all([
      submitClaimBatched(database.db, TEST_ORG.orgnr, a, TODAY),
      submitClaimBatched(database.db, TEST_ORG.orgnr, overlapping, TODAY),
      submitClaimBatched(database.db, OTHER_ORG, other, TODAY),
      submitClaimBatched(database.db, TEST_ORG.orgnr, a, TODAY),
      submitClaimBatched(database.db, TEST_ORG.orgnr, { ...a, lines: [{ ...a.lines[0]!, minutes: 60 }] }, TODAY),
      // the same claim id at another provider is another claim
      submitClaimBatched(database.db, OTHER_ORG, { ...a, fnr: p3.fnr, therapist: other.therapist, lines: [{ ...a.lines[0]!, startTime: "12:00" }] }, TODAY),
    ]);
    const after = claimBatchStats(database.db);
    expect(after.items - before.items).toBe(6);
    expect(after.batches - before.batches).toBeLessThan(6);
    expect(answers.map((x) => x.status)).toEqual([201, 201, 201, 200, 409, 201]);
    expect(answers.map((x) => (x.status === 409 ? null : x.result.outcome))).toEqual(["godkjent", "avvist", "godkjent", "godkjent", null, "godkjent"]);
    // the retry is byte for byte the first answer
    expect(answers[3]).toEqual({ ...answers[0], status: 200 });
    expect(await database.db.select().from(claims).where(eq(claims.claimId, a.claimId))).toHaveLength(2);
    expect(await registered(p1.id)).toHaveLength(1);
    expect(await registered(p2.id)).toHaveLength(0);
    await riskRefreshIdle(database.db);
  });

  it("a claim of a provider that is not registered fails alone; the others in its batch are stored", async () => {
    const [p1, p2] = [await person(), await person()];
    const ok = claim(p1.fnr);
    const results = await claimBatch(database.db, [
      { orgnr: TEST_ORG.orgnr, claim: ok, today: TODAY },
      { orgnr: "999999999", claim: claim(p2.fnr), today: TODAY },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[0]!.ok && results[0]!.value.status).toBe(201);
    expect(await database.db.select().from(claims).where(eq(claims.claimId, ok.claimId))).toHaveLength(1);
    await riskRefreshIdle(database.db);
  });
});
