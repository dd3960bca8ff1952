/**
 * Claims for repayment (issue 19): a superseding decision on a refund claim abroad that lowers a
 * refund already paid creates a claim for what the resident owes back (in øre), in the decision's
 * transaction; a later decision replaces it (never two claims standing, never a payout and a claim
 * at once); the letter and the resident's inbox say it in plain words. A frikort grant (ADR 0017)
 * whose refund was paid and which is then revoked is clawed back the same way.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { frikortGrants, inboxMessages, payouts, persons, repaymentClaims } from "~/db/schema";
import type { FrikortApplicationData } from "~/domain/case-data";
import type { AbroadDecisionInput } from "~/domain/abroad-decision";
import { repaymentDue } from "~/domain/abroad-decision";
import { generateFnr } from "~/kernel/fnr";
import { claimsOfApplication, claimsOfCase } from "~/models/repayment-claims.server";
import { addDocument, markDone, startOrContinueDraft } from "~/services/abroad-documents.server";
import { loadApplication, saveAccount, saveInvoiceAnswers, saveStartAnswer, submitApplication } from "~/services/abroad-application.server";
import { decideAbroad, listAbroadPayouts, listDecisions } from "~/services/abroad-decision.server";
import { decideCase, reserve, saveDraft, submitCase } from "~/services/cases.server";
import { runPayoutFile } from "~/services/payout-file.server";
import { renderAbroadVedtakPdf, renderVedtakPdf } from "~/services/vedtak-pdf.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";
import { pdfText } from "../support/pdf-read";
import { ore } from "~/kernel/money";
import type { Fnr, IsoDate } from "~/kernel/types";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${FIXTURES}${name}`)) });
const truth = (name: string) => ({ ...JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")), pages: 1, source: "text-layer" });
const debtor = { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" };
const NO_FOUR_EYES = ore(100_000_000);

let database: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

let n = 0;
async function sentApplication() {
  while (!generateFnr("1962-05-06", 500 + n)) n++;
  const p = await insertPerson(database, { birthDate: "1962-05-06", individ: 500 + n++, name: "Torunn Tilbake", rows: [] });
  const db = database.db;
  const app = await startOrContinueDraft(db, p.id);
  const r = await addDocument(db, { personId: p.id, applicationId: app.id, kind: "invoice", file: file("inv10-es-es-pdf.pdf") });
  if (!r.ok) throw new Error(r.reason);
  await markDone(db, r.documentId, truth("inv10-es-es-pdf.json"));
  for (const [json, kind, pdf] of [
    ["auth03-nb-no-pdf.json", "authorisation", "auth03-nb-no-pdf.pdf"],
    ["epi04-en-gb-pdf.json", "epikrise", "epi04-en-gb-pdf.pdf"],
  ] as const) {
    const d = await addDocument(db, { personId: p.id, applicationId: app.id, kind, file: file(pdf) });
    if (!d.ok) throw new Error(d.reason);
    await markDone(db, d.documentId, truth(json));
  }
  const view = (await loadApplication(db, p.id, app.id))!;
  const answers = Object.fromEntries(view.invoices.map((i) => [i.doc.id, { ...i.answers, paymentDate: "2024-12-23" as IsoDate }]));
  await saveStartAnswer(db, p.id, app.id, { country: "ES", period: { from: "2024-09-03", to: "2024-09-18" }, exemption: { kind: "none" } });
  await saveInvoiceAnswers(db, p.id, app.id, answers);
  await saveAccount(db, p.id, app.id, { kind: "no", kontonummer: "12345678903" });
  const sent = await submitApplication(db, p.id, app.id, "2025-01-10");
  if (!sent.ok) throw new Error(sent.reason);
  return { personId: p.id, id: app.id, lines: view.invoices[0]!.answers.lines };
}

/** Every covered line approved, or (`reject`) the covered lines from index `from` on rejected too. */
function input(lines: ReadonlyArray<{ treatmentForm: string }>, rejectFrom = Infinity): AbroadDecisionInput {
  return {
    note: "",
    lines: lines.map((l, lineNo) =>
      ["ikke-dekket", "akupunktur"].includes(l.treatmentForm) || lineNo >= rejectFrom
        ? { invoiceNo: 0, lineNo, outcome: "reject" as const, reasons: ["not-documented"] }
        : { invoiceNo: 0, lineNo, outcome: "approve" as const, reasons: [] },
    ),
  };
}

describe("repaymentDue", () => {
  it("is what was paid less the new refund, never below zero", () => {
    expect(repaymentDue(ore(60_00), ore(100_00))).toBe(40_00);
    expect(repaymentDue(ore(100_00), ore(100_00))).toBe(0);
    expect(repaymentDue(ore(120_00), ore(100_00))).toBe(0);
    expect(repaymentDue(ore(0), ore(0))).toBe(0);
  });
});

describe("a superseding decision that lowers a refund already paid", () => {
  it("claims the difference back, replaces the claim on the next decision, and never pays and claims at once", async () => {
    const db = database.db;
    const { personId, id, lines } = await sentApplication();
    const covered = lines.map((l, i) => (["ikke-dekket", "akupunktur"].includes(l.treatmentForm) ? -1 : i)).filter((i) => i >= 0);
    expect(covered.length).toBeGreaterThanOrEqual(2);

    // 1: everything covered approved, paid by the payout run
    expect((await decideAbroad(db, id, input(lines), "Z990001", NO_FOUR_EYES, "2025-01-20")).kind).toBe("decided");
    await runPayoutFile(db, { paidOn: "2025-01-22", fileDir: mkdtempSync(path.join(tmpdir(), "fp-repay-")), debtor, now: new Date("2025-01-22T06:00:00Z") });
    const [first] = await listDecisions(db, id);
    expect(await listAbroadPayouts(db, id)).toMatchObject([{ amountOre: first!.refundOre, status: "paid" }]);
    expect(await claimsOfApplication(db, id)).toEqual([]);

    // 2: the last covered line rejected: less than was paid; no new payout, a claim for the difference
    expect((await decideAbroad(db, id, input(lines, covered.at(-1)!), "Z990001", NO_FOUR_EYES, "2025-03-01")).kind).toBe("decided");
    const second = (await listDecisions(db, id))[1]!;
    expect(second.refundOre).toBeLessThan(first!.refundOre);
    expect(second.refundOre).toBeGreaterThan(0);
    let claims = await claimsOfApplication(db, id);
    expect(claims).toMatchObject([
      {
        kind: "abroad-refund",
        personId,
        decisionId: second.id,
        status: "open",
        paidOre: first!.refundOre,
        refundOre: second.refundOre,
        amountOre: first!.refundOre - second.refundOre,
      },
    ]);
    expect((await listAbroadPayouts(db, id)).map((p) => p.status)).toEqual(["paid"]);
    // the resident is told in the inbox what to pay back
    const inbox = await db.select().from(inboxMessages).where(eq(inboxMessages.personId, personId));
    expect(inbox.find((m) => m.dedupeKey === `abroad:${id}:decision:2`)!.payload).toMatchObject({ repaymentOre: first!.refundOre - second.refundOre });

    // 3: even less (only the first covered line): the open claim gives way to one for the whole difference
    expect((await decideAbroad(db, id, input(lines, covered[0]! + 1), "Z990001", NO_FOUR_EYES, "2025-03-05")).kind).toBe("decided");
    const third = (await listDecisions(db, id))[2]!;
    claims = await claimsOfApplication(db, id);
    expect(claims.map((c) => [c.status, c.amountOre])).toEqual([
      ["cancelled", first!.refundOre - second.refundOre],
      ["open", first!.refundOre - third.refundOre],
    ]);
    expect(claims[0]!.statusReason).toBe("superseded");

    // 4: back to the full refund: nothing is owed and nothing more is paid (it was paid)
    expect((await decideAbroad(db, id, input(lines), "Z990001", NO_FOUR_EYES, "2025-03-10")).kind).toBe("decided");
    claims = await claimsOfApplication(db, id);
    expect(claims.every((c) => c.status === "cancelled")).toBe(true);
    expect((await listAbroadPayouts(db, id)).map((p) => p.status)).toEqual(["paid"]);

    // amounts are whole øre above zero (the check constraint guards it too)
    await expect(
      db.insert(repaymentClaims).values({ personId, kind: "abroad-refund", paidOre: ore(1), refundOre: ore(1), amountOre: ore(0), sourceKey: `x-${id}` }),
    ).rejects.toThrow();
  });

  it("the letter of the lowering decision says what was paid, what the decision gives and what is owed back", async () => {
    const text = await pdfText(
      await renderAbroadVedtakPdf({
        lang: "nb",
        reference: "FP-2025-REPAY2",
        outcome: "partly-approved",
        decidedOn: "2025-03-01",
        supersedesDecidedOn: "2025-01-20",
        name: null,
        refundOre: ore(60_000),
        note: null,
        account: "1234.56.78903",
        repayment: { paidOre: ore(100_000), amountOre: ore(40_000) },
        lines: [],
      }),
    );
    expect(text).toContain("Tilbakebetaling");
    expect(text).toMatch(/utbetalt 1[\s\u00a0.]?000,00 kr/);
    expect(text).toContain("600,00 kr");
    expect(text).toContain("betale tilbake 400,00 kr");
    expect(text).toContain("folketrygdloven § 22-15");
    const en = await pdfText(
      await renderAbroadVedtakPdf({
        lang: "en",
        reference: "FP-2025-REPAY2",
        outcome: "partly-approved",
        decidedOn: "2025-03-01",
        supersedesDecidedOn: "2025-01-20",
        name: null,
        refundOre: ore(60_000),
        note: null,
        account: null,
        repayment: { paidOre: ore(100_000), amountOre: ore(40_000) },
        lines: [],
      }),
    );
    expect(en).toContain("You must therefore pay back NOK 400.00");
  });
});

// 2026's ceiling is 3 278 kr: the receipts reach it on 20 May; 722 kr was paid above it.
const LINES: FrikortApplicationData["lines"] = [
  { id: "l1", providerName: "Storgata legesenter", serviceDate: "2026-03-01", serviceType: "lege", amountOre: ore(200_000) },
  { id: "l2", providerName: "Apotek 1", serviceDate: "2026-05-20", serviceType: "legemidler", amountOre: ore(150_000) },
  { id: "l3", providerName: "Psykolog Berg", serviceDate: "2026-06-10", serviceType: "psykolog", amountOre: ore(50_000) },
];

let m = 600;
function nextFnr(): Fnr {
  for (;;) {
    const f = generateFnr("1981-04-04", m++);
    if (f) return f;
  }
}

describe("a revoked frikort grant whose refund was paid (ADR 0017)", () => {
  it("is clawed back: a claim for the refund paid, once, cancelled if the grant is granted again (the refund paid stands, not paid twice)", async () => {
    const db = database.db;
    const fnr = nextFnr();
    const [p] = await db.insert(persons).values({ fnr, name: "Rita Reservert", birthDate: "1981-04-04", payoutAccount: "12345678903" }).returning();
    await reserve(db, p!.id, `res-${fnr}`, "2026-11-23");
    const c = await saveDraft(db, { personId: p!.id, kind: "frikort-application", idempotencyKey: `fa-${p!.id}`, data: { year: 2026, lines: LINES }, today: "2026-11-23" });
    await submitCase(db, p!.id, c.id);
    await decideCase(db, c.id, { status: "completed", actor: "Z990001" });
    await runPayoutFile(db, { paidOn: "2026-11-24", fileDir: mkdtempSync(path.join(tmpdir(), "fp-claw-")), debtor });
    const [grant] = await db.select().from(frikortGrants).where(eq(frikortGrants.caseId, c.id));
    const [paid] = await db.select().from(payouts).where(eq(payouts.id, grant!.payoutId!));
    expect(paid).toMatchObject({ status: "paid", amountOre: ore(72_200) });

    // revoked after an appeal: the paid refund is owed back; the payout stays paid (it was sent)
    await decideCase(db, c.id, { status: "rejected", reason: "Kvitteringene gjaldt ikke godkjente egenandeler", actor: "Z990001" });
    expect(await claimsOfCase(db, c.id)).toMatchObject([
      { kind: "frikort-grant", grantId: grant!.id, status: "open", paidOre: ore(72_200), refundOre: ore(0), amountOre: ore(72_200) },
    ]);
    const [still] = await db.select().from(payouts).where(eq(payouts.id, paid!.id));
    expect(still!.status).toBe("paid");
    const inbox = await db.select().from(inboxMessages).where(eq(inboxMessages.personId, p!.id));
    expect(inbox.find((m) => m.dedupeKey === `case:${c.id}:rejected`)!.payload).toMatchObject({ repaymentOre: 72_200 });

    // the same rejection again changes nothing (idempotent)
    await decideCase(db, c.id, { status: "rejected", reason: "igjen", actor: "Z990001" });
    expect(await claimsOfCase(db, c.id)).toHaveLength(1);

    // the letter says it
    const letter = await pdfText(
      await renderVedtakPdf({
        lang: "nb",
        reference: c.reference,
        kind: "frikort-application",
        outcome: "rejected",
        decidedOn: "2026-11-25",
        name: null,
        reason: null,
        lines: [],
        repayment: { paidOre: ore(72_200), amountOre: ore(72_200) },
      }),
    );
    expect(letter).toContain("Frikortet du fikk etter denne søknaden er tatt bort");
    expect(letter).toContain("betale tilbake: 722,00 kr");

    // granted again (a second appeal): the claim is dropped and the refund paid stands; nothing is paid twice
    await decideCase(db, c.id, { status: "completed", actor: "Z990004" });
    expect((await claimsOfCase(db, c.id)).map((x) => [x.status, x.statusReason])).toEqual([["cancelled", "granted-again"]]);
    const all = await db.select().from(payouts).where(eq(payouts.personId, p!.id));
    expect(all.map((x) => [x.amountOre, x.status])).toEqual([[72_200, "paid"]]);
    const [again] = await db.select().from(frikortGrants).where(eq(frikortGrants.caseId, c.id));
    expect(again).toMatchObject({ revokedAt: null, payoutId: paid!.id });

    // and revoked once more: claimed back again, once
    await decideCase(db, c.id, { status: "rejected", reason: "Likevel ikke", actor: "Z990001" });
    expect((await claimsOfCase(db, c.id)).map((x) => [x.status, x.amountOre])).toEqual([
      ["cancelled", 72_200],
      ["open", 72_200],
    ]);
  });

  it("a revoked grant whose refund was not yet paid is cancelled, with no claim", async () => {
    const db = database.db;
    const fnr = nextFnr();
    const [p] = await db.insert(persons).values({ fnr, name: "Rolf Reservert", birthDate: "1981-04-04", payoutAccount: "12345678903" }).returning();
    await reserve(db, p!.id, `res-${fnr}`, "2026-11-23");
    const c = await saveDraft(db, { personId: p!.id, kind: "frikort-application", idempotencyKey: `fa-${p!.id}`, data: { year: 2026, lines: LINES }, today: "2026-11-23" });
    await submitCase(db, p!.id, c.id);
    await decideCase(db, c.id, { status: "completed", actor: "Z990001" });
    await decideCase(db, c.id, { status: "rejected", reason: "Nei", actor: "Z990001" });
    expect(await claimsOfCase(db, c.id)).toEqual([]);
    expect((await db.select().from(payouts).where(eq(payouts.personId, p!.id))).map((x) => x.status)).toEqual(["cancelled"]);
  });
});
