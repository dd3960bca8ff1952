import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { cases, egenandeler, payouts, persons, providers } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { decideCase, liftReservation, listQueue, reserve, saveDraft, submitCase } from "~/services/cases.server";
import { overviewForPersonYear } from "~/services/engine.server";
import { registerEgenandel } from "~/services/register.server";
import { openTestDatabase } from "../support/db";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";
import type { Fnr } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

let database: Database;
let cleanup: () => Promise<void>;
const ORG = orgnrOf("974760673");
const TODAY: IsoDate = "2026-11-23";
let n = 0;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db.insert(providers).values({ orgnr: ORG, name: "Testklinikken AS" });
});
afterAll(async () => {
  await cleanup?.();
});

async function person(): Promise<{ id: string; fnr: Fnr }> {
  const fnr = generateFnr("1977-07-07", 200 + n++)!;
  await registerEgenandel(
    database.db,
    ORG,
    { claimId: `seed-${fnr}`, fnr, serviceDate: "2025-01-10", serviceType: "lege", amountOre: ore(16_000), providerName: "T", paid: true },
    TODAY,
  );
  const [p] = await database.db.select({ id: persons.id }).from(persons).where(eq(persons.fnr, fnr));
  return { id: p!.id, fnr };
}

describe("missing egenandel reports", () => {
  it("a double submit makes one case; a registered report counts towards the ceiling", async () => {
    const p = await person();
    const data = { providerName: "Storgata legesenter", providerOrgnr: "", serviceDate: "2026-10-01" as IsoDate, serviceType: "lege" as const, amountOre: ore(27_500) };
    const a = await saveDraft(database.db, { personId: p.id, kind: "missing-egenandel", idempotencyKey: "k1", data, today: TODAY });
    const b = await saveDraft(database.db, { personId: p.id, kind: "missing-egenandel", idempotencyKey: "k1", data: { ...data, amountOre: ore(28_000) }, today: TODAY });
    expect(b.id).toBe(a.id);
    expect((b.data as { amountOre: number }).amountOre).toBe(28_000);
    await submitCase(database.db, p.id, a.id);
    await submitCase(database.db, p.id, a.id);
    expect((await database.db.select().from(cases).where(eq(cases.personId, p.id))).length).toBe(1);
    expect((await listQueue(database.db)).some((q) => q.id === a.id)).toBe(true);

    expect((await overviewForPersonYear(database.db, p.id, 2026))!.taks[0]!.registeredOre).toBe(0);
    await decideCase(database.db, a.id, { status: "checked", actor: "cw1" });
    const done = await decideCase(database.db, a.id, { status: "registered", actor: "cw1" });
    expect(done.status).toBe("registered");
    expect((await overviewForPersonYear(database.db, p.id, 2026))!.taks[0]!.registeredOre).toBe(28_000);
    // deciding again changes nothing and registers nothing twice
    await decideCase(database.db, a.id, { status: "registered", actor: "cw1" });
    expect((await database.db.select().from(egenandeler).where(eq(egenandeler.personId, p.id))).length).toBe(2);
    await expect(decideCase(database.db, a.id, { status: "upheld", actor: "cw1" })).rejects.toThrow(/not allowed/);
  });
});

describe("reservation", () => {
  it("deletes this year's egenandeler, keeps earlier years, lets this year's refund lapse, and is idempotent", async () => {
    const p = await person();
    await database.db.update(persons).set({ payoutAccount: "12345678903" }).where(eq(persons.id, p.id));
    await registerEgenandel(
      database.db,
      ORG,
      { claimId: `r1-${p.fnr}`, fnr: p.fnr, serviceDate: "2026-02-01", serviceType: "lege", amountOre: ore(330_000), providerName: "T", paid: true },
      TODAY,
    );
    expect((await database.db.select().from(payouts).where(eq(payouts.personId, p.id)))[0]).toMatchObject({ status: "pending", amountOre: 330_000 - 327_800 });
    const r1 = await reserve(database.db, p.id, "res-1", TODAY);
    const r2 = await reserve(database.db, p.id, "res-1", TODAY);
    expect(r2!.id).toBe(r1!.id);
    expect(r1!.data).toEqual({ deletedEgenandeler: 1, year: 2026 });
    const left = await database.db.select({ d: egenandeler.serviceDate }).from(egenandeler).where(eq(egenandeler.personId, p.id));
    expect(left.map((x) => x.d)).toEqual(["2025-01-10"]);
    expect((await database.db.select().from(payouts).where(eq(payouts.personId, p.id)))[0]).toMatchObject({ status: "cancelled", statusReason: "reserved" });
    // reserving again with a new key while reserved does nothing
    expect(await reserve(database.db, p.id, "res-2", TODAY)).toBeNull();
    const lifted = await liftReservation(database.db, p.id, "lift-1", TODAY);
    expect(lifted!.kind).toBe("lift-reservation");
    const [me] = await database.db.select({ r: persons.reservedAt }).from(persons).where(eq(persons.id, p.id));
    expect(me!.r).toBeNull();
    const all = await database.db
      .select()
      .from(payouts)
      .where(and(eq(payouts.personId, p.id)));
    expect(all.map((x) => x.status)).toEqual(["cancelled"]); // nothing is owed any more: the egenandel was deleted
  });
});

describe("reservation and earlier years' refunds", () => {
  it("withholds an earlier year's refund while reserved and pays it again after lifting", async () => {
    const p = await person();
    await database.db.update(persons).set({ payoutAccount: "12345678903" }).where(eq(persons.id, p.id));
    await registerEgenandel(
      database.db,
      ORG,
      { claimId: `e1-${p.fnr}`, fnr: p.fnr, serviceDate: "2025-03-01", serviceType: "lege", amountOre: ore(320_000), providerName: "T", paid: true },
      TODAY,
    );
    const status = async () =>
      (
        await database.db
          .select()
          .from(payouts)
          .where(and(eq(payouts.personId, p.id), eq(payouts.year, 2025)))
      ).map((x) => [x.status, x.statusReason]);
    expect(await status()).toEqual([["pending", null]]);
    await reserve(database.db, p.id, "r", TODAY);
    expect(await status()).toEqual([["withheld", "reserved"]]);
    await liftReservation(database.db, p.id, "l", TODAY);
    expect(await status()).toEqual([["pending", null]]);
  });
});
