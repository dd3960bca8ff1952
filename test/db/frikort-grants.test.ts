import type { FrikortApplicationData } from "~/domain/case-data";
/**
 * A reserved resident's frikort application, approved by a caseworker (issue 19 item 8, ADR 0017):
 * the approval stores a frikort grant from the day the receipts reached the ceiling, which the
 * overview, the proof and its check, the providers' status lookups (single, batch and queued) and
 * the refund of what was paid above the ceiling all read. The receipts themselves are not stored.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { egenandeler, frikortGrants, inboxMessages, payouts, persons, providers } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { savePayoutAccount } from "~/services/account.server";
import { decideCase, liftReservation, reserve, saveDraft, submitCase } from "~/services/cases.server";
import { loadProofs, verifyProofCode } from "~/services/frikort-proof.server";
import { lookupFrikortStatus, lookupQueued } from "~/services/frikort-status.server";
import { loadYearOverview } from "~/services/overview.server";
import { runPayoutFile } from "~/services/payout-file.server";
import { registerEgenandel } from "~/services/register.server";
import { openTestDatabase } from "../support/db";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";
import { kontonummerOf } from "~/kernel/kontonummer";
import type { Fnr } from "~/kernel/types";
import { orgnrOf } from "~/kernel/orgnr";

let database: Database;
let cleanup: () => Promise<void>;
const ORG = orgnrOf("974760673");
const TODAY: IsoDate = "2026-11-23";
const ACCOUNT = kontonummerOf("12345678903");
let n = 0;

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await database.db.insert(providers).values({ orgnr: ORG, name: "Testklinikken AS" });
});
afterAll(async () => {
  await cleanup?.();
});

// 2026's ceiling is 3 278 kr: 2 000 + 1 500 reaches it on 20 May; 722 kr was paid above it.
const LINES: FrikortApplicationData["lines"] = [
  { id: "l1", providerName: "Storgata legesenter", serviceDate: "2026-03-01", serviceType: "lege", amountOre: ore(200_000) },
  { id: "l2", providerName: "Apotek 1", serviceDate: "2026-05-20", serviceType: "legemidler", amountOre: ore(150_000) },
  { id: "l3", providerName: "Psykolog Berg", serviceDate: "2026-06-10", serviceType: "psykolog", amountOre: ore(50_000) },
];

async function reservedResident(account: string | null) {
  const fnr = generateFnr("1980-04-04", 400 + n++)!;
  const [p] = await database.db.insert(persons).values({ fnr, name: "Rita Reservert", birthDate: "1980-04-04", payoutAccount: account }).returning();
  await reserve(database.db, p!.id, `res-${fnr}`, TODAY);
  return { id: p!.id, fnr };
}

async function application(personId: string, lines = LINES) {
  const c = await saveDraft(database.db, { personId, kind: "frikort-application", idempotencyKey: `fa-${personId}`, data: { year: 2026, lines }, today: TODAY });
  await submitCase(database.db, personId, c.id);
  return c;
}

const ask = (fnr: Fnr, date: IsoDate) => ({ fnr, date, serviceType: "lege" as const });

describe("approving a reserved resident's frikort application", () => {
  it("grants the frikort from the day the receipts reached the ceiling: overview, proof, lookups and the refund read it; no receipt is stored", async () => {
    const p = await reservedResident(ACCOUNT);
    const c = await application(p.id);
    // before the decision a provider is told the register cannot know
    expect((await lookupFrikortStatus(database.db, ORG, [ask(p.fnr, "2026-06-01")], false))[0]).toEqual({ status: "ukjent" });

    await decideCase(database.db, c.id, { status: "completed", actor: "Z990001" });

    const grants = await database.db.select().from(frikortGrants).where(eq(frikortGrants.personId, p.id));
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ year: 2026, tak: "felles", validFrom: "2026-05-20", totalOre: 400_000, overCeilingOre: 72_200, grantedBy: "Z990001", revokedAt: null });
    expect(await database.db.select().from(egenandeler).where(eq(egenandeler.personId, p.id))).toEqual([]);

    // the refund of what was paid above the ceiling, to the account on file
    const [refund] = await database.db.select().from(payouts).where(eq(payouts.personId, p.id));
    expect(refund).toMatchObject({ id: grants[0]!.payoutId, year: 2026, tak: "felles", amountOre: 72_200, status: "pending", accountNumber: ACCOUNT });

    // the resident's overview and proof
    const overview = await loadYearOverview(database.db, p.id, 2026);
    expect(overview!.overview.taks[0]!.frikortFrom).toBe("2026-05-20");
    expect(overview!.granted).toEqual({ felles: "2026-05-20" });
    const proofs = await loadProofs(database.db, p.id, 2026);
    expect(proofs!.proofs).toHaveLength(1);
    expect(proofs!.proofs[0]).toMatchObject({ tak: "felles", validFrom: "2026-05-20", validTo: "2026-12-31" });
    expect(await verifyProofCode(database.db, ORG, proofs!.proofs[0]!.code, TODAY)).toMatchObject({ valid: true, validFrom: "2026-05-20", holderName: "Rita Reservert" });

    // providers: frikort from the grant's date on every lookup path; before it, still "ukjent" (reserved)
    const single = await lookupFrikortStatus(database.db, ORG, [ask(p.fnr, "2026-06-01")], false);
    const batch = await lookupFrikortStatus(database.db, ORG, [ask(p.fnr, "2026-06-01"), ask(p.fnr, "2026-05-19")], true);
    const queued = await lookupQueued(database.db, [{ orgnr: ORG, request: ask(p.fnr, "2026-06-01") }]);
    const frikort = { status: "frikort", validFrom: "2026-05-20", basis: "egenandelstak" };
    expect(single[0]).toEqual(frikort);
    expect(batch).toEqual([frikort, { status: "ukjent" }]);
    expect(queued[0]).toEqual({ ok: true, value: frikort });

    // the resident is told, once
    const inbox = await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, p.id));
    expect(inbox.filter((m) => m.kind === "frikort-granted").map((m) => m.payload)).toEqual([{ year: 2026, tak: "felles", from: "2026-05-20" }]);

    // deciding again grants nothing twice
    await decideCase(database.db, c.id, { status: "completed", actor: "Z990001" });
    expect(await database.db.select().from(frikortGrants).where(eq(frikortGrants.personId, p.id))).toHaveLength(1);
    expect(await database.db.select().from(payouts).where(eq(payouts.personId, p.id))).toHaveLength(1);

    // the ordinary payout run pays the refund
    const dir = mkdtempSync(path.join(tmpdir(), "fp-grant-"));
    const run = await runPayoutFile(database.db, { paidOn: TODAY, fileDir: dir, debtor: { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" } });
    expect(run.count).toBeGreaterThanOrEqual(1);
    const [paid] = await database.db.select().from(payouts).where(eq(payouts.id, refund!.id));
    expect(paid).toMatchObject({ status: "paid", paidOn: TODAY });
  });

  it("receipts below the ceiling grant no frikort and no refund", async () => {
    const p = await reservedResident(ACCOUNT);
    const c = await application(p.id, [LINES[0]!]);
    await decideCase(database.db, c.id, { status: "completed", actor: "Z990001" });
    expect(await database.db.select().from(frikortGrants).where(eq(frikortGrants.personId, p.id))).toEqual([]);
    expect(await database.db.select().from(payouts).where(eq(payouts.personId, p.id))).toEqual([]);
    expect((await lookupFrikortStatus(database.db, ORG, [ask(p.fnr, "2026-06-01")], false))[0]).toEqual({ status: "ukjent" });
  });

  it("without an account the refund waits for one, and is released when the resident registers it", async () => {
    const p = await reservedResident(null);
    const c = await application(p.id);
    await decideCase(database.db, c.id, { status: "completed", actor: "Z990001" });
    const status = async () => (await database.db.select().from(payouts).where(eq(payouts.personId, p.id))).map((x) => [x.status, x.statusReason, x.accountNumber]);
    expect(await status()).toEqual([["withheld", "no-account", null]]);
    await savePayoutAccount(database.db, p.id, ACCOUNT, TODAY);
    expect(await status()).toEqual([["pending", null, ACCOUNT]]);
  });

  it("a rejection after an appeal revokes the grant: lookups and the proof no longer say frikort, the unpaid refund is cancelled", async () => {
    const p = await reservedResident(ACCOUNT);
    const c = await application(p.id);
    await decideCase(database.db, c.id, { status: "completed", actor: "Z990001" });
    const code = (await loadProofs(database.db, p.id, 2026))!.proofs[0]!.code;
    await decideCase(database.db, c.id, { status: "rejected", reason: "Kvitteringene var ikke for godkjente egenandeler", actor: "Z990001" });
    expect((await lookupFrikortStatus(database.db, ORG, [ask(p.fnr, "2026-06-01")], false))[0]).toEqual({ status: "ukjent" });
    expect(await verifyProofCode(database.db, ORG, code, TODAY)).toEqual({ valid: false });
    expect((await loadYearOverview(database.db, p.id, 2026))!.overview.taks[0]!.frikortFrom).toBeNull();
    expect((await database.db.select().from(payouts).where(eq(payouts.personId, p.id))).map((x) => [x.status, x.statusReason])).toEqual([["cancelled", "correction"]]);
    const [g] = await database.db.select().from(frikortGrants).where(eq(frikortGrants.personId, p.id));
    expect(g!.revokedAt).not.toBeNull(); // kept, not deleted
  });

  it("after the reservation is lifted the grant still stands, and the engine leaves its refund alone", async () => {
    const p = await reservedResident(ACCOUNT);
    const c = await application(p.id);
    await decideCase(database.db, c.id, { status: "completed", actor: "Z990001" });
    await liftReservation(database.db, p.id, `lift-${p.id}`, TODAY);
    // a provider registers a large egenandel after the lift: the engine computes its own total from the register
    await registerEgenandel(
      database.db,
      ORG,
      { claimId: `after-${p.fnr}`, fnr: p.fnr, serviceDate: "2026-11-20", serviceType: "lege", amountOre: ore(330_000), providerName: "T", paid: true },
      TODAY,
    );
    const rows = await database.db.select().from(payouts).where(eq(payouts.personId, p.id));
    const [g] = await database.db.select().from(frikortGrants).where(eq(frikortGrants.personId, p.id));
    expect(rows.find((r) => r.id === g!.payoutId)).toMatchObject({ status: "pending", amountOre: 72_200 });
    // the earlier date wins: the grant's
    expect((await lookupFrikortStatus(database.db, ORG, [ask(p.fnr, "2026-11-21")], false))[0]).toEqual({ status: "frikort", validFrom: "2026-05-20", basis: "egenandelstak" });
  });
});
