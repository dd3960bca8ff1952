import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { frikortChanges, frikortStatus, inboxMessages, payouts, persons, providers } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { runPayouts } from "~/services/engine.server";
import { changeEgenandel, registerEgenandel, RegisterError } from "~/services/register.server";
import { registerNoticeQueue } from "~/services/notify.server";
import { openTestDatabase } from "../support/db";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";
import { isoDate } from "~/kernel/dates";
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

function fnr(birth = "1980-04-04") {
  const base = Number(birth.slice(0, 4)) >= 2000 ? 500 : 100; // individnummer ranges by century
  for (let tries = 0; tries < 400; tries++) {
    const f = generateFnr(isoDate(birth), base + (n++ % 399));
    if (f) return f;
  }
  throw new Error(`no fødselsnummer for ${birth}`);
}
const reg = (f: Fnr, claimId: string, serviceDate: IsoDate, amountOre: number, extra: Partial<{ paid: boolean; serviceType: "lege" | "fysioterapi" }> = {}) =>
  registerEgenandel(
    database.db,
    ORG,
    { claimId, fnr: f, serviceDate, serviceType: extra.serviceType ?? "lege", amountOre: ore(amountOre), providerName: "Testklinikken", paid: extra.paid ?? true },
    TODAY,
  );
const personId = async (f: Fnr) => (await database.db.select({ id: persons.id }).from(persons).where(eq(persons.fnr, f)))[0]!.id;
const payoutsOf = async (id: string, year: number) =>
  database.db
    .select()
    .from(payouts)
    .where(and(eq(payouts.personId, id), eq(payouts.year, year)))
    .orderBy(asc(payouts.createdAt));

describe("frikort engine on the register", () => {
  it("keeps an audit trail of every change to the total and the frikort date, with its cause", async () => {
    const f = fnr();
    await reg(f, "a1", "2024-02-01", 300_000);
    await reg(f, "a2", "2024-03-01", 16_500); // 3 165 kr: exactly the 2024 ceiling
    await changeEgenandel(database.db, ORG, "a2", { kind: "corrected", amountOre: ore(16_499), reason: "feil takst" }, TODAY);
    const id = await personId(f);
    const changes = await database.db.select().from(frikortChanges).where(eq(frikortChanges.personId, id)).orderBy(asc(frikortChanges.id));
    expect(changes.map((c) => [c.totalAfter, c.frikortFromBefore, c.frikortFromAfter])).toEqual([
      [300_000, null, null],
      [316_500, null, "2024-03-01"],
      [316_499, "2024-03-01", null],
    ]);
    expect(changes[2]!.cause).toContain("feil takst");
    const [s] = await database.db.select().from(frikortStatus).where(eq(frikortStatus.personId, id));
    expect(s).toMatchObject({ year: 2024, tak: "felles", totalOre: 316_499, frikortFrom: null });
  });

  it("tells the resident once when a frikort is granted", async () => {
    const f = fnr();
    await reg(f, "b1", "2023-05-01", 300_000); // 2023 ceiling 3 040 kr
    await reg(f, "b2", "2023-05-02", 5_000); // granted
    await changeEgenandel(database.db, ORG, "b2", { kind: "cancelled", reason: "feil" }, TODAY); // withdrawn
    await reg(f, "b3", "2023-06-01", 5_000); // granted again
    const msgs = await database.db
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.personId, await personId(f)));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ kind: "frikort-granted", payload: { year: 2023, tak: "felles", from: "2023-05-02" } });
  });

  it("withholds refunds under 200 kr for 2021, pays them from 2022", async () => {
    const f = fnr();
    const id = await personId((await reg(f, "c0", "2021-01-05", 1_000), f));
    await database.db.update(persons).set({ payoutAccount: "12345678903" }).where(eq(persons.id, id));
    await reg(f, "c1", "2021-03-01", 246_000 + 14_999 - 1_000); // 2021 ceiling 2 460 kr; 149.99 kr above
    expect((await payoutsOf(id, 2021)).map((p) => [p.amountOre, p.status, p.statusReason])).toEqual([[14_999, "withheld", "below-minimum"]]);
    await reg(f, "c2", "2022-01-03", 292_100 + 14_999); // 2022 ceiling 2 921 kr; 149.99 kr above
    expect((await payoutsOf(id, 2022)).map((p) => [p.amountOre, p.status, p.statusReason])).toEqual([[14_999, "pending", null]]);
  });

  it("pays the refund once, and a later egenandel adds a new refund for the difference only", async () => {
    const f = fnr();
    await reg(f, "d1", "2025-02-01", 327_800 + 10_000); // 2025 ceiling 3 278 kr; 100 kr above
    const id = await personId(f);
    await database.db.update(persons).set({ payoutAccount: "12345678903" }).where(eq(persons.id, id));
    await reg(f, "d2", "2025-02-02", 5_000); // reconciles with the account now on file
    expect((await payoutsOf(id, 2025)).map((p) => [p.amountOre, p.status])).toEqual([[15_000, "pending"]]);
    expect(await runPayouts(database.db, "2025-02-20")).toBeGreaterThanOrEqual(1);
    expect(await runPayouts(database.db, "2025-02-21")).toBe(0);
    await reg(f, "d3", "2025-03-01", 7_500);
    const all = await payoutsOf(id, 2025);
    expect(all.map((p) => [p.amountOre, p.status, p.paidOn])).toEqual([
      [15_000, "paid", "2025-02-20"],
      [7_500, "pending", null],
    ]);
    // a correction that lowers the total below what was paid leaves nothing open
    await changeEgenandel(database.db, ORG, "d3", { kind: "cancelled", reason: "dobbeltregistrert" }, TODAY);
    expect((await payoutsOf(id, 2025)).map((p) => p.status)).toEqual(["paid", "cancelled"]);
  });

  it("counts each egenandel in its own calendar year and tak across the 2020→2021 merger", async () => {
    const f = fnr();
    await reg(f, "e1", "2020-12-31", 217_600, { serviceType: "fysioterapi" }); // exactly tak 2 in 2020
    await reg(f, "e2", "2021-01-01", 1_000, { serviceType: "fysioterapi" });
    const rows = await database.db
      .select()
      .from(frikortStatus)
      .where(eq(frikortStatus.personId, await personId(f)))
      .orderBy(asc(frikortStatus.year), asc(frikortStatus.tak));
    expect(rows.map((r) => [r.year, r.tak, r.totalOre, r.frikortFrom])).toEqual([
      [2020, "tak1", 0, null],
      [2020, "tak2", 217_600, "2020-12-31"],
      [2021, "felles", 1_000, null],
    ]);
  });

  it("refuses an egenandel from before the 16th birthday and accepts one from the birthday on", async () => {
    const f = fnr("2008-06-15");
    await expect(reg(f, "f1", "2024-06-14", 16_000)).rejects.toBeInstanceOf(RegisterError);
    await expect(reg(f, "f2", "2024-06-15", 16_000)).resolves.toMatchObject({ created: true, record: { status: "counted" } });
  });
});

describe("notices through the notice queue", () => {
  it("sends one notice when a frikort is granted and one per payout made, naming no fødselsnummer", async () => {
    const sent: Array<{ personId: string; kind: string }> = [];
    registerNoticeQueue({ enqueue: async (personId, kind) => void sent.push({ personId, kind }) });
    try {
      const f = fnr();
      await reg(f, "n1", "2026-01-05", 300_000);
      expect(sent).toEqual([]);
      await reg(f, "n2", "2026-01-06", 30_000); // crosses the 2026 ceiling (3 278 kr)
      await reg(f, "n3", "2026-01-07", 1_000); // after the frikort: no second grant notice
      const id = await personId(f);
      expect(sent).toEqual([{ personId: id, kind: "frikort-granted" }]);
      await database.db.update(persons).set({ payoutAccount: "12345678903" }).where(eq(persons.id, id));
      await reg(f, "n4", "2026-01-08", 1_000);
      await runPayouts(database.db, "2026-02-01");
      expect(sent.filter((x) => x.personId === id).map((x) => x.kind)).toEqual(["frikort-granted", "payout-paid"]);
      expect(JSON.stringify(sent)).not.toContain(f);
    } finally {
      registerNoticeQueue(null);
    }
  });
});
