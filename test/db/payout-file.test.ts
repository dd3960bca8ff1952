import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { and, asc } from "drizzle-orm";
import { abroadApplications, inboxMessages, payouts, persons, providers } from "~/db/schema";
import { registerEgenandel } from "~/services/register.server";
import { generateFnr } from "~/kernel/fnr";
import { runPayoutFile } from "~/services/payout-file.server";
import { openTestDatabase } from "../support/db";
import { pain001Errors } from "../support/pain001-xsd";
import { ore } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

let database: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db.insert(providers).values({ orgnr: orgnrOf("974760673"), name: "Testklinikken AS" });
});
afterAll(async () => {
  await cleanup?.();
});

const debtor = { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" };

describe("the payout run's bank file (ADR 0015)", () => {
  it("puts every pending refund with an account in one valid pain.001 file, marks them paid, tells the resident, and pays nothing twice", async () => {
    const [a] = await database.db
      .insert(persons)
      .values({ fnr: generateFnr("1980-02-02", 301)!, name: "Åse Ødegård", payoutAccount: "12345678903" })
      .returning();
    const [b] = await database.db
      .insert(persons)
      .values({ fnr: generateFnr("1980-02-02", 311)!, name: "Bjørn Berg" })
      .returning();
    const [p1] = await database.db
      .insert(payouts)
      .values({ personId: a!.id, year: 2026, tak: "felles", amountOre: ore(45_050), status: "pending", accountNumber: "12345678903" })
      .returning();
    await database.db.insert(payouts).values({ personId: b!.id, year: 2026, tak: "felles", amountOre: ore(10_000), status: "withheld", statusReason: "no-account" });
    const dir = mkdtempSync(path.join(tmpdir(), "fp-pain-"));

    const first = await runPayoutFile(database.db, { paidOn: "2026-11-23", fileDir: dir, debtor, now: new Date("2026-11-23T06:00:00Z") });
    expect(first.count).toBe(1);
    expect(first.totalOre).toBe(45_050);
    const xml = readFileSync(first.file!, "utf8");
    expect(await pain001Errors(xml)).toEqual([]);
    expect(xml).toContain('<InstdAmt Ccy="NOK">450.50</InstdAmt>');
    expect(xml).toContain("<Nm>Åse Ødegård</Nm>");
    expect(xml).toContain("<Id>12345678903</Id>");
    expect(xml).not.toContain("Bjørn"); // withheld: not in the file
    const [paid] = await database.db.select().from(payouts).where(eq(payouts.id, p1!.id));
    expect(paid).toMatchObject({ status: "paid", paidOn: "2026-11-23" });
    const inbox = await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, a!.id));
    expect(inbox.map((m) => m.kind)).toContain("payout-paid");

    const second = await runPayoutFile(database.db, { paidOn: "2026-11-24", fileDir: dir, debtor });
    expect(second).toEqual({ count: 0, file: null, totalOre: 0, providerRefunds: { count: 0, totalOre: 0 } });
    expect(readdirSync(dir)).toHaveLength(1);
    await expect(runPayoutFile(database.db, { paidOn: "2026-11-24" as IsoDate, fileDir: dir, debtor: { ...debtor, iban: null } })).rejects.toThrow(/PAYOUT_DEBTOR_IBAN/);
  });

  it("pays an approved refund abroad to an IBAN with its BIC in the same valid file, and the application becomes paid", async () => {
    const [r] = await database.db
      .insert(persons)
      .values({ fnr: generateFnr("1975-05-05", 321)!, name: "Carmen Ruiz" })
      .returning();
    const [app] = await database.db
      .insert(abroadApplications)
      .values({ personId: r!.id, status: "decided", data: { reference: "FP-2026-IBAN01", events: [{ status: "decided", at: "2026-11-20T10:00:00.000Z" }] } })
      .returning();
    await database.db.insert(payouts).values({
      personId: r!.id,
      year: 2026,
      tak: "abroad",
      kind: "abroad-refund",
      applicationId: app!.id,
      amountOre: ore(123_400),
      status: "pending",
      iban: "ES9121000418450200051332",
      bic: "CAIXESBBXXX",
    });
    const dir = mkdtempSync(path.join(tmpdir(), "fp-pain-"));
    const run = await runPayoutFile(database.db, { paidOn: "2026-11-25", fileDir: dir, debtor });
    expect(run).toMatchObject({ count: 1, totalOre: 123_400 });
    const xml = readFileSync(run.file!, "utf8");
    expect(await pain001Errors(xml)).toEqual([]);
    expect(xml).toContain("<CdtrAgt><FinInstnId><BICFI>CAIXESBBXXX</BICFI></FinInstnId></CdtrAgt>");
    expect(xml).toContain("<CdtrAcct><Id><IBAN>ES9121000418450200051332</IBAN></Id></CdtrAcct>");
    expect(xml).toContain("Refusjon fysioterapi i utlandet");
    const [after] = await database.db.select().from(abroadApplications).where(eq(abroadApplications.id, app!.id));
    expect(after!.status).toBe("paid");
    const inbox = await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, r!.id));
    expect(inbox.map((m) => m.payload)).toEqual([expect.objectContaining({ status: "paid", amountOre: 123_400, paidOn: "2026-11-25" })]);
  });

  it("pays refunds under 200 kr from before 2022 once further amounts within six months bring the sum to 200 kr, as one transfer; a lone one stays unpaid (issue 18 item 4)", async () => {
    const f = generateFnr("1970-03-03", 331)!;
    const reg = (claimId: string, serviceDate: IsoDate, amountOre: number) =>
      registerEgenandel(
        database.db,
        orgnrOf("974760673"),
        { claimId, fnr: f, serviceDate, serviceType: "lege", amountOre: ore(amountOre), providerName: "Testklinikken", paid: true },
        "2026-11-23",
      );
    // 2019 (tak 1: 2 369 kr): 50 kr above on 1 May; nothing else follows within six months
    await reg("s1", "2019-05-01", 2_369_00 + 5_000);
    // 2020 (tak 1: 2 460 kr): 120 kr above on 1 October; 2021 (2 460 kr): 149.99 kr above on 1 March, within six months
    await reg("s2", "2020-10-01", 2_460_00 + 12_000);
    await reg("s3", "2021-03-01", 2_460_00 + 14_999);
    const [p] = await database.db.select().from(persons).where(eq(persons.fnr, f));
    const mine = () =>
      database.db
        .select()
        .from(payouts)
        .where(and(eq(payouts.personId, p!.id)))
        .orderBy(asc(payouts.year));
    // each on its own is under the minimum: the engine withholds all three
    expect((await mine()).map((x) => [x.year, x.amountOre, x.status, x.statusReason])).toEqual([
      [2019, 5_000, "withheld", "below-minimum"],
      [2020, 12_000, "withheld", "below-minimum"],
      [2021, 14_999, "withheld", "below-minimum"],
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), "fp-pain-"));
    // no account yet: the merged group cannot be paid, and nothing is lost
    const none = await runPayoutFile(database.db, { paidOn: "2026-11-26", fileDir: dir, debtor });
    expect((await mine()).every((x) => x.status === "withheld")).toBe(true);
    expect(none.count).toBe(0);

    await database.db.update(persons).set({ payoutAccount: "12345678903" }).where(eq(persons.id, p!.id));
    const run = await runPayoutFile(database.db, { paidOn: "2026-11-27", fileDir: dir, debtor });
    expect(run).toMatchObject({ count: 2, totalOre: 26_999 });
    const xml = readFileSync(run.file!, "utf8");
    expect(await pain001Errors(xml)).toEqual([]);
    // one transfer of 269.99 kr, said to be merged
    expect(xml).toContain('<InstdAmt Ccy="NOK">269.99</InstdAmt>');
    expect(xml).toContain("slått sammen (2020, 2021)");
    expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(1);
    expect((await mine()).map((x) => [x.year, x.status, x.paidOn])).toEqual([
      [2019, "withheld", null],
      [2020, "paid", "2026-11-27"],
      [2021, "paid", "2026-11-27"],
    ]);
    // the next run pays nothing again, and the 2019 amount stays unpaid
    expect((await runPayoutFile(database.db, { paidOn: "2026-11-30", fileDir: dir, debtor })).count).toBe(0);
    // a later egenandel in a merged year keeps what was paid, and its 10 kr is a new small amount of its own
    await reg("s4", "2021-06-01", 1_000);
    const after2021 = (await mine()).filter((x) => x.year === 2021);
    expect(after2021.map((x) => [x.amountOre, x.status, x.statusReason])).toEqual([
      [14_999, "paid", null],
      [1_000, "withheld", "below-minimum"],
    ]);
    expect((await runPayoutFile(database.db, { paidOn: "2026-12-15", fileDir: dir, debtor })).count).toBe(0);
  });
});
