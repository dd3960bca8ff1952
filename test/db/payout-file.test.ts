import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadApplications, inboxMessages, payouts, persons } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { runPayoutFile } from "~/services/payout-file.server";
import { openTestDatabase } from "../support/db";
import { pain001Errors } from "../support/pain001-xsd";
import { ore } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";

let database: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
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
    expect(second).toEqual({ count: 0, file: null, totalOre: 0 });
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
});
