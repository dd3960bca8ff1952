import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadApplications, inboxMessages, payouts, persons } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { listInbox } from "~/models/register.server";
import { loadAccountState, saveForeignPayoutAccount, savePayoutAccount } from "~/services/account.server";
import { reserve, saveDraft, submitCase } from "~/services/cases.server";
import { caseLinks, listMyCases } from "~/services/my-cases.server";
import { runPayoutFile } from "~/services/payout-file.server";
import { openTestDatabase } from "../support/db";
import { pain001Errors } from "../support/pain001-xsd";
import { insertPerson } from "../support/fixtures";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";
import { kontonummerOf } from "~/kernel/kontonummer";
import { ibanOf } from "~/kernel/iban";

let database: Database;
let cleanup: () => Promise<void>;
const TODAY: IsoDate = "2026-12-06";
let n = 0;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});
/** A new resident (individual numbers without valid control digits are skipped). */
function person(account?: string) {
  while (!generateFnr("1970-04-04", 300 + n)) n++;
  return insertPerson(database, { birthDate: "1970-04-04", individ: 300 + n++, name: "Test Person", rows: [], account });
}

describe("Mine saker lists every case of every kind, newest first (issue 22, item 2)", () => {
  it("a sent application abroad is listed beside the portal's cases, with its status and a link to it; a draft is not", async () => {
    const p = await person();
    const draft = await saveDraft(database.db, {
      personId: p.id,
      kind: "missing-egenandel",
      idempotencyKey: "m1",
      data: { providerName: "Legesenteret", serviceDate: "2026-03-01", serviceType: "lege", amountOre: ore(27_500) },
      today: TODAY,
    });
    await submitCase(database.db, p.id, draft.id);
    await reserve(database.db, p.id, "r1", TODAY);
    const [sent] = await database.db
      .insert(abroadApplications)
      .values({ personId: p.id, status: "under-review", data: { reference: "FP-2026-ABROAD", submittedAt: new Date(Date.now() + 60_000).toISOString() } })
      .returning();
    await database.db.insert(abroadApplications).values({ personId: p.id, status: "draft", data: {} });

    const mine = await listMyCases(database.db, p.id);
    expect(mine.map((c) => c.kind)).toEqual(["abroad-refund", "reservation", "missing-egenandel"]);
    expect(mine[0]).toMatchObject({ reference: "FP-2026-ABROAD", status: "under-review", href: `/mine/utland/${sent!.id}` });
    expect(mine[2]!.href).toBe(`/mine/saker/${draft.id}`);
    // The inbox finds the case each message names.
    const links = await caseLinks(database.db, p.id);
    expect(links.get("FP-2026-ABROAD")).toBe(`/mine/utland/${sent!.id}`);
    expect(links.get(mine[2]!.reference)).toBe(`/mine/saker/${draft.id}`);
  });

  it("another resident's cases are never in the list", async () => {
    const a = await person();
    const b = await person();
    await database.db.insert(abroadApplications).values({ personId: a.id, status: "received", data: { reference: "FP-2026-OTHERS", submittedAt: new Date().toISOString() } });
    expect((await listMyCases(database.db, b.id)).map((c) => c.reference)).not.toContain("FP-2026-OTHERS");
  });
});

describe("payout account abroad and the message on every change (issue 22, item 10)", () => {
  const accountMessages = async (personId: string) => (await listInbox(database.db, personId)).filter((m) => m.kind === "account-changed");

  it("an IBAN + BIC is stored on the person, replaces the kontonummer, and the change is told in the inbox with the number masked", async () => {
    const p = await person("12345678903");
    const r = await saveForeignPayoutAccount(database.db, p.id, { iban: ibanOf("DE89370400440532013000"), bic: "COBADEFFXXX" }, TODAY, new Date("2026-12-06T10:00:00Z"));
    expect(r).toMatchObject({ kind: "saved", changed: true });
    const state = await loadAccountState(database.db, p.id, TODAY);
    expect(state).toMatchObject({ account: null, foreign: { iban: ibanOf("DE89370400440532013000"), bic: "COBADEFFXXX" } });
    const msgs = await accountMessages(p.id);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.payload).toMatchObject({ account: "DE** **** 3000 (COBADEFFXXX)" });
    expect(JSON.stringify(msgs[0]!.payload)).not.toContain("0532013000");
  });

  it("saving the same account again changes nothing and sends no second message", async () => {
    const p = await person();
    await saveForeignPayoutAccount(database.db, p.id, { iban: ibanOf("DE89370400440532013000"), bic: "COBADEFFXXX" }, TODAY, new Date("2026-12-06T10:00:00Z"));
    const again = await saveForeignPayoutAccount(database.db, p.id, { iban: ibanOf("DE89370400440532013000"), bic: "COBADEFFXXX" }, TODAY, new Date("2026-12-06T10:05:00Z"));
    expect(again).toMatchObject({ kind: "saved", changed: false });
    expect(await accountMessages(p.id)).toHaveLength(1);
  });

  it("a kontonummer replaces an account abroad, and that change is told too", async () => {
    const p = await person();
    await saveForeignPayoutAccount(database.db, p.id, { iban: ibanOf("DE89370400440532013000"), bic: "COBADEFFXXX" }, TODAY, new Date("2026-12-06T10:00:00Z"));
    await savePayoutAccount(database.db, p.id, kontonummerOf("12345678903"), TODAY, new Date("2026-12-06T11:00:00Z"));
    const [row] = await database.db.select().from(persons).where(eq(persons.id, p.id));
    expect(row).toMatchObject({ payoutAccount: "12345678903", payoutIban: null, payoutBic: null });
    const msgs = await accountMessages(p.id);
    expect(msgs.map((m) => (m.payload as { account: string }).account)).toEqual(["****.**.*8903", "DE** **** 3000 (COBADEFFXXX)"]);
    expect((await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, p.id))).length).toBe(2);
  });
});

describe("a frikort refund to an account abroad", () => {
  const debtor = { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" };
  // 2025's ceiling is 3 278 kr: 4 000 kr paid leaves 722 kr to pay back.
  const rows = [
    { serviceDate: "2025-02-03" as IsoDate, serviceType: "lege" as const, amountOre: ore(200_000) },
    { serviceDate: "2025-03-03" as IsoDate, serviceType: "lege" as const, amountOre: ore(200_000) },
  ];

  /** The next individual number with valid control digits. */
  const abroadPerson = (name: string) => {
    while (!generateFnr("1970-05-05", 500 + n)) n++;
    return insertPerson(database, { birthDate: "1970-05-05" as IsoDate, individ: 500 + n++, name, rows });
  };

  it("waits for an account; an IBAN + BIC releases it to that account, and the payout run pays it by IBAN in a valid pain.001 file", async () => {
    const p = await abroadPerson("Ola Utland");
    const before = await database.db.select().from(payouts).where(eq(payouts.personId, p.id));
    expect(before).toMatchObject([{ status: "withheld", statusReason: "no-account", amountOre: 72_200 }]);

    await saveForeignPayoutAccount(database.db, p.id, { iban: ibanOf("DE89370400440532013000"), bic: "COBADEFFXXX" }, TODAY);
    const after = await database.db.select().from(payouts).where(eq(payouts.personId, p.id));
    expect(after).toMatchObject([{ status: "pending", amountOre: 72_200, accountNumber: null, iban: "DE89370400440532013000", bic: "COBADEFFXXX" }]);

    const dir = mkdtempSync(path.join(tmpdir(), "fp-iban-"));
    const run = await runPayoutFile(database.db, { paidOn: TODAY, fileDir: dir, debtor });
    const xml = readFileSync(run.file!, "utf8");
    expect(await pain001Errors(xml)).toEqual([]);
    expect(xml).toContain("<IBAN>DE89370400440532013000</IBAN>");
    expect(xml).toContain('<InstdAmt Ccy="NOK">722.00</InstdAmt>');
  });

  it("a kontonummer given later takes the pending refund off the IBAN", async () => {
    const p = await abroadPerson("Kari Hjem");
    await saveForeignPayoutAccount(database.db, p.id, { iban: ibanOf("DE89370400440532013000"), bic: "COBADEFFXXX" }, TODAY);
    await savePayoutAccount(database.db, p.id, kontonummerOf("12345678903"), TODAY);
    const after = await database.db.select().from(payouts).where(eq(payouts.personId, p.id));
    expect(after).toMatchObject([{ status: "pending", accountNumber: "12345678903", iban: null, bic: null }]);
  });
});
