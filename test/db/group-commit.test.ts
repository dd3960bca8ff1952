import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { egenandelEvents, egenandeler, frikortStatus, inboxMessages, payouts, persons, providers, statusLookups } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { lookupFrikortStatusBatched, lookupQueued } from "~/services/frikort-status.server";
import { literal, registerBatch, registerEgenandelBatched, uuidv7 } from "~/services/register-batch.server";
import { registerEgenandel, RegisterError } from "~/services/register.server";
import type { RegisterEgenandel } from "~/schemas/provider-api";
import { openTestDatabase } from "../support/db";
import type { IsoDate } from "~/kernel/types";
import { isoDate } from "~/kernel/dates";
import { ore } from "~/kernel/money";
import type { Fnr } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

let database: Database;
let cleanup: () => Promise<void>;
const ORG = orgnrOf("974760673");
const ORG2 = orgnrOf("123456785");
const TODAY: IsoDate = "2026-11-23";
let n = 0;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db.insert(providers).values([
    { orgnr: ORG, name: "Testklinikken AS" },
    { orgnr: ORG2, name: "Annen klinikk AS" },
  ]);
});
afterAll(async () => {
  await cleanup?.();
});

function fnr(birth = "1975-06-06") {
  for (let tries = 0; tries < 400; tries++) {
    const f = generateFnr(isoDate(birth), 100 + (n++ % 399));
    if (f) return f;
  }
  throw new Error("no fødselsnummer");
}
const body = (f: Fnr, claimId: string, serviceDate: IsoDate, amountOre: number, serviceType: RegisterEgenandel["serviceType"] = "lege"): RegisterEgenandel => ({
  claimId,
  fnr: f,
  serviceDate,
  serviceType,
  amountOre: ore(amountOre),
  providerName: "Testklinikken",
  paid: true,
});
const personId = async (f: Fnr) => (await database.db.select({ id: persons.id }).from(persons).where(eq(persons.fnr, f)))[0]?.id;

/** What the engine left for a person: statuses and payouts without ids and timestamps. */
async function stateOf(f: Fnr) {
  const id = await personId(f);
  if (!id) return null;
  const status = await database.db
    .select({
      year: frikortStatus.year,
      tak: frikortStatus.tak,
      totalOre: frikortStatus.totalOre,
      overCeilingOre: frikortStatus.overCeilingOre,
      frikortFrom: frikortStatus.frikortFrom,
      ceilingOre: frikortStatus.ceilingOre,
    })
    .from(frikortStatus)
    .where(eq(frikortStatus.personId, id))
    .orderBy(asc(frikortStatus.year), asc(frikortStatus.tak));
  const pays = (
    await database.db
      .select({ year: payouts.year, tak: payouts.tak, amountOre: payouts.amountOre, status: payouts.status, statusReason: payouts.statusReason })
      .from(payouts)
      .where(eq(payouts.personId, id))
  ).filter((p) => p.status !== "cancelled");
  pays.sort((a, b) => a.year - b.year || a.tak.localeCompare(b.tak));
  const inbox = (await database.db.select({ key: inboxMessages.dedupeKey }).from(inboxMessages).where(eq(inboxMessages.personId, id))).map((m) => m.key).sort();
  const rows = (await database.db.select({ amountOre: egenandeler.amountOre }).from(egenandeler).where(eq(egenandeler.personId, id))).length;
  return { status, payouts: pays, inbox, rows };
}

/** A person's year that crosses the 2026 ceiling and goes well above it (a payout). */
function scenario(f: Fnr, prefix: string): RegisterEgenandel[] {
  const out: RegisterEgenandel[] = [];
  for (let i = 0; i < 12; i++) out.push(body(f, `${prefix}-${i}`, isoDate(`2026-0${1 + (i % 9)}-1${i % 10}`), 40_000 + i * 1_000, i % 3 === 0 ? "fysioterapi" : "lege"));
  out.push(body(f, `${prefix}-2025`, "2025-05-05", 350_000));
  return out;
}

describe(`group commit on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("makes time-ordered UUIDv7 ids", () => {
    const a = uuidv7(1_700_000_000_000);
    const b = uuidv7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });

  it("sends text as dollar-quoted literals that end where they should, whatever the text holds", async () => {
    for (const text of ["plain", "x$fp", "$fp$", "a$", "$$", "it's", "$fp$'; drop table persons; --", "\\"]) {
      const rows = await database.query<{ v: string }>(`select ${literal(text)}::text as v`);
      expect(rows[0]!.v).toBe(text);
    }
    expect(literal(null)).toBe("null");
    expect(literal(12)).toBe("12");
    const f = fnr();
    const res = await registerBatch(database.db, [{ orgnr: ORG, input: { ...body(f, "q$fp$'1", "2026-01-02", 1_000), providerName: "Dr. $fp$ O'Brien $$" }, today: TODAY }]);
    expect(res[0]!.ok && res[0]!.value.record.providerName).toBe("Dr. $fp$ O'Brien $$");
    const [row] = await database.db.select().from(egenandeler).where(eq(egenandeler.claimId, "q$fp$'1"));
    expect(row?.providerName).toBe("Dr. $fp$ O'Brien $$");
  });

  it("ends with the same frikort status, payouts and inbox as registering one by one (same person, and many persons)", async () => {
    const single = [fnr(), fnr(), fnr()];
    const batched = [fnr(), fnr(), fnr()];
    for (const [i, f] of single.entries()) for (const b of scenario(f, `one-${i}`)) await registerEgenandel(database.db, ORG, b, TODAY);
    // All of them at once through the queue: they end up in a few batches, many per person.
    const all = batched.flatMap((f, i) => scenario(f, `many-${i}`));
    const answers = await Promise.all(all.map((b) => registerEgenandelBatched(database.db, ORG, b, TODAY)));
    expect(answers.every((a) => a.created)).toBe(true);
    // And one batch written directly, for certain.
    const direct = [fnr(), fnr()];
    const res = await registerBatch(
      database.db,
      direct.flatMap((f, i) => scenario(f, `direct-${i}`)).map((input) => ({ orgnr: ORG, input, today: TODAY })),
    );
    expect(res.every((r) => r.ok && r.value.created)).toBe(true);

    const expected = await stateOf(single[0]!);
    expect(expected!.status.some((s) => s.frikortFrom)).toBe(true);
    expect(expected!.payouts.length).toBeGreaterThan(0);
    expect(expected!.inbox.length).toBeGreaterThan(0);
    for (const f of [...batched, ...direct]) expect(await stateOf(f)).toEqual(expected);
    // Every registration has its "registered" event.
    const id = (await personId(direct[0]!))!;
    const ids = (await database.db.select({ id: egenandeler.id }).from(egenandeler).where(eq(egenandeler.personId, id))).map((r) => r.id);
    const events = await database.db.select().from(egenandelEvents).where(inArray(egenandelEvents.egenandelId, ids));
    expect(events.length).toBe(ids.length);
    expect(events.every((e) => e.kind === "registered")).toBe(true);
  });

  it("answers the statuses the engine gives each new line", async () => {
    const f = fnr();
    const res = await registerBatch(database.db, [
      { orgnr: ORG, input: body(f, "st-1", "2026-02-01", 300_000), today: TODAY },
      { orgnr: ORG, input: body(f, "st-2", "2026-03-01", 50_000), today: TODAY },
      { orgnr: ORG, input: body(f, "st-3", "2026-04-01", 10_000), today: TODAY },
      { orgnr: ORG, input: { ...body(f, "st-4", "2026-04-02", 10_000), paid: false }, today: TODAY },
    ]);
    const statuses = res.map((r) => (r.ok ? r.value.record.status : "error"));
    expect(statuses).toEqual(["counted", "counted", "after-frikort", "unpaid"]);
  });

  it("a conflicting claim id gets 409 while the rest of the batch succeeds; a repeated identical claim gets one 201 and one 200", async () => {
    const f = fnr();
    const g = fnr();
    await registerEgenandel(database.db, ORG, body(f, "dup-old", "2026-01-10", 10_000), TODAY);
    const res = await registerBatch(database.db, [
      { orgnr: ORG, input: body(f, "dup-old", "2026-01-11", 10_000), today: TODAY }, // earlier claim, other body → 409
      { orgnr: ORG, input: body(f, "dup-old", "2026-01-10", 10_000), today: TODAY }, // earlier claim, same body → 200
      { orgnr: ORG, input: body(g, "dup-new", "2026-02-01", 20_000), today: TODAY }, // new → 201
      { orgnr: ORG, input: body(g, "dup-new", "2026-02-01", 20_000), today: TODAY }, // same in the same batch → 200
      { orgnr: ORG, input: body(g, "dup-new", "2026-02-02", 20_000), today: TODAY }, // other body in the same batch → 409
      { orgnr: ORG2, input: body(g, "dup-new", "2026-02-03", 30_000), today: TODAY }, // another organisation's id space → 201
      { orgnr: ORG, input: body(g, "future", "2026-12-24", 20_000), today: TODAY }, // invalid → its own error
      { orgnr: ORG, input: body(g, "ok", "2026-03-01", 5_000), today: TODAY }, // → 201
    ]);
    const outcome = res.map((r) => (r.ok ? (r.value.created ? 201 : 200) : r.error instanceof RegisterError ? r.error.code : String(r.error)));
    expect(outcome).toEqual(["conflict", 200, 201, 200, "conflict", 201, "date-in-future", 201]);
    // The 200 for the retry in the same batch is the record the first one created.
    expect(res[3]!.ok && res[2]!.ok && res[3]!.value.record.id === res[2]!.value.record.id).toBe(true);
    const g1 = (await personId(g))!;
    const rows = await database.db.select().from(egenandeler).where(eq(egenandeler.personId, g1));
    expect(rows.map((r) => r.claimId).sort()).toEqual(["dup-new", "dup-new", "ok"]);
    const [tak1] = await database.db
      .select()
      .from(frikortStatus)
      .where(and(eq(frikortStatus.personId, g1), eq(frikortStatus.year, 2026), eq(frikortStatus.tak, "felles")));
    expect(tak1?.totalOre).toBe(55_000);
  });

  it("a reserved person in a batch is answered 'reserved' and nothing is stored for them; the others are stored", async () => {
    const r = fnr();
    const o = fnr();
    await registerEgenandel(database.db, ORG, body(r, "res-0", "2026-01-01", 1_000), TODAY);
    await database.db.update(persons).set({ reservedAt: new Date() }).where(eq(persons.fnr, r));
    const res = await registerBatch(database.db, [
      { orgnr: ORG, input: body(r, "res-1", "2026-02-01", 1_000), today: TODAY },
      { orgnr: ORG, input: body(o, "res-2", "2026-02-01", 1_000), today: TODAY },
      { orgnr: ORG, input: body(r, "res-1", "2026-02-01", 1_000), today: TODAY },
    ]);
    expect(res.map((x) => (x.ok ? x.value.created : (x.error as RegisterError).code))).toEqual(["reserved", true, "reserved"]);
    expect((await stateOf(r))!.rows).toBe(1);
    expect((await stateOf(o))!.rows).toBe(1);
  });

  it("creates a new person once when several registrations for them arrive together", async () => {
    const f = fnr("1931-02-02");
    const res = await Promise.all([1, 2, 3, 4].map((i) => registerEgenandelBatched(database.db, ORG, body(f, `newp-${i}`, isoDate("2026-05-0" + i), 10_000), TODAY)));
    expect(res.every((r) => r.created)).toBe(true);
    expect((await database.db.select().from(persons).where(eq(persons.fnr, f))).length).toBe(1);
    expect((await stateOf(f))!.rows).toBe(4);
  });

  it("an unexpected database error in a batch (unknown organisation) fails only that item: the rest are registered one by one", async () => {
    const f = fnr();
    const res = await registerBatch(database.db, [
      { orgnr: ORG, input: body(f, "fb-1", "2026-02-01", 10_000), today: TODAY },
      { orgnr: orgnrOf("999999999"), input: body(f, "fb-2", "2026-02-02", 10_000), today: TODAY }, // no such provider: foreign key
      { orgnr: ORG, input: body(f, "fb-3", "2026-02-03", 10_000), today: TODAY },
    ]);
    expect(res.map((r) => r.ok && r.value.created)).toEqual([true, false, true]);
    expect(res[1]!.ok).toBe(false);
    expect((await stateOf(f))!.rows).toBe(2);
    expect((await stateOf(f))!.status.find((s) => s.year === 2026)?.totalOre).toBe(20_000);
  });

  it("two batches at once for the same persons, in opposite orders, both commit (persons are locked in id order)", async () => {
    const people = Array.from({ length: 8 }, () => fnr());
    const a = people.map((f, i) => ({ orgnr: ORG, input: body(f, `ab-a-${i}`, "2026-03-01", 20_000), today: TODAY }));
    const b = [...people].reverse().map((f, i) => ({ orgnr: ORG, input: body(f, `ab-b-${i}`, "2026-03-02", 30_000), today: TODAY }));
    const [ra, rb] = await Promise.all([registerBatch(database.db, a), registerBatch(database.db, b)]);
    expect([...ra, ...rb].every((r) => r.ok && r.value.created)).toBe(true);
    for (const f of people) expect((await stateOf(f))!.status.find((s) => s.year === 2026)?.totalOre).toBe(50_000);
  });

  it("logs each of many concurrent status lookups exactly once, with the right answer", async () => {
    const withFrikort = fnr();
    await registerEgenandel(database.db, ORG, body(withFrikort, "lk-1", "2026-02-01", 400_000), TODAY);
    const without = fnr();
    await registerEgenandel(database.db, ORG, body(without, "lk-2", "2026-02-01", 1_000), TODAY);
    const unknown = fnr("1990-01-01");
    const id = (await personId(withFrikort))!;
    const before = (await database.db.select().from(statusLookups)).length;
    const asks = Array.from({ length: 60 }, (_, i) => ({
      orgnr: i % 2 ? ORG : ORG2,
      request: { fnr: [withFrikort, without, unknown][i % 3]!, date: "2026-06-01" as IsoDate, serviceType: "lege" as const },
    }));
    const answers = await Promise.all(asks.map((a) => lookupFrikortStatusBatched(database.db, a.orgnr, a.request)));
    expect(answers.map((a) => a.status)).toEqual(asks.map((_, i) => ["frikort", "ikke-frikort", "ikke-frikort"][i % 3]));
    expect(answers[0]).toEqual({ status: "frikort", validFrom: "2026-02-01", basis: "egenandelstak" });
    const logged = await database.db.select().from(statusLookups);
    expect(logged.length - before).toBe(60);
    const mine = logged.filter((l) => l.personId === id);
    expect(mine.length).toBe(20);
    expect(new Set(mine.map((l) => l.orgnr))).toEqual(new Set([ORG, ORG2]));
    expect(mine.every((l) => l.result === "frikort" && !l.batch)).toBe(true);
    expect(logged.filter((l) => l.personId === null).length).toBeGreaterThanOrEqual(20);
    // A direct batch: one result per item, in order.
    const direct = await lookupQueued(database.db, asks.slice(0, 3));
    expect(direct.map((d) => d.ok && d.value.status)).toEqual(["frikort", "ikke-frikort", "ikke-frikort"]);
  });
});
