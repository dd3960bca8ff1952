/**
 * The abroad application after upload: corrections saved beside the raw extraction, submit
 * idempotency (a double submit makes one submission and one inbox message), duplicate detection
 * against an earlier submitted application (file checksum, and invoice number + provider + amount),
 * and the status history.
 */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadApplications, abroadDocuments, egenandeler, inboxMessages } from "~/db/schema";
import { overviewForPersonYear } from "~/services/engine.server";
import { generateFnr } from "~/kernel/fnr";
import { addDocument, markDone, startOrContinueDraft } from "~/services/abroad-documents.server";
import { type answersFromExtraction, progressOf, resumeStep } from "~/domain/abroad-application";
import { isValidBic, isValidIban } from "~/kernel/iban";
import {
  advanceStatus,
  assess,
  loadApplication,
  registerApprovedEgenandeler,
  saveAccount,
  saveStartAnswer,
  saveInvoiceAnswers,
  submitApplication,
} from "~/services/abroad-application.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${FIXTURES}${name}`)) });
const truth = (name: string) => ({ ...JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")), pages: 1, source: "text-layer" });
const TODAY = "2025-01-10";

let database: Database;
let cleanup: () => Promise<void>;
let n = 0;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

/** A draft with an invoice, an authorisation and an epikrise, all read (the fixtures' ground truth). */
async function readyDraft(personId: string, opts: { invoice?: { name: string; bytes: Uint8Array } } = {}) {
  const db = database.db;
  const app = await startOrContinueDraft(db, personId);
  const docs: Array<[string, "invoice" | "authorisation" | "epikrise", { name: string; bytes: Uint8Array }]> = [
    ["inv10-es-es-pdf.json", "invoice", opts.invoice ?? file("inv10-es-es-pdf.pdf")],
    ["auth03-nb-no-pdf.json", "authorisation", file("auth03-nb-no-pdf.pdf")],
    ["epi04-en-gb-pdf.json", "epikrise", file("epi04-en-gb-pdf.pdf")],
  ];
  for (const [json, kind, f] of docs) {
    const r = await addDocument(db, { personId, applicationId: app.id, kind, file: f });
    if (!r.ok) throw new Error(`upload failed: ${r.reason}`);
    await markDone(db, r.documentId, truth(json));
  }
  return app.id;
}

async function fillIn(personId: string, applicationId: string, change?: (a: ReturnType<typeof answersFromExtraction>) => void) {
  const view = (await loadApplication(database.db, personId, applicationId))!;
  const answers = Object.fromEntries(
    view.invoices.map((i) => {
      const a = structuredClone(i.answers);
      a.paymentDate = "2024-12-23";
      change?.(a);
      return [i.doc.id, a];
    }),
  );
  expect(await saveStartAnswer(database.db, personId, applicationId, { country: "ES", period: { from: "2024-09-03", to: "2024-09-18" }, exemption: { kind: "none" } })).toBe(true);
  expect(await saveInvoiceAnswers(database.db, personId, applicationId, answers)).toBe(true);
  expect(await saveAccount(database.db, personId, applicationId, { kind: "no", kontonummer: "12345678903" })).toBe(true);
}

async function person() {
  // not every individual number gives a valid fødselsnummer: take the next one that does
  while (!generateFnr("1958-02-16", 300 + n)) n++;
  return insertPerson(database, { birthDate: "1958-02-16", individ: 300 + n++, name: "Gunhild Bråthen", rows: [] });
}

describe("abroad application", () => {
  it("keeps the raw extraction and stores the resident's corrections beside it", async () => {
    const p = await person();
    const id = await readyDraft(p.id);
    await fillIn(p.id, id, (a) => {
      a.lines[0]!.amount = "60.00";
      a.lines[0]!.durationMinutes = 45;
    });
    const view = (await loadApplication(database.db, p.id, id))!;
    expect(view.invoices[0]!.saved).toBe(true);
    expect(view.invoices[0]!.answers.lines[0]).toMatchObject({ amount: "60.00", durationMinutes: 45 });
    const [raw] = await database.db.select().from(abroadDocuments).where(eq(abroadDocuments.id, view.invoices[0]!.doc.id));
    expect((raw!.result as { lines: Array<{ amount: number }> }).lines[0]!.amount).toBe(59);

    const a = await assess(database.db, p.id, view, TODAY);
    // EUR on 2024-12-23 is in the embedded rates: amounts are converted, covered lines refunded
    expect(a.rateMissing).toBe(false);
    expect(a.totals.refundOre).toBeGreaterThan(0);
    const lines = a.invoices[0]!.estimate!.lines;
    expect(lines.filter((l) => l.status === "not-covered").length).toBe(2); // gym fee and kinesiotape
    expect(a.checks.find((c) => c.code === "duplicate.none")).toBeTruthy();
    expect(a.checks.find((c) => c.code === "deadline.ok")).toMatchObject({ params: { deadline: "2025-06-23" } });
    // the invoice names the applicant in the register; made out to someone else, it is flagged for the caseworker
    expect(a.checks.find((c) => c.code === "patient.matches")).toMatchObject({ status: "ok", params: { applicant: "Gunhild Bråthen" } });
    await fillIn(p.id, id, (x) => {
      x.patientName = "Ola Bråthen";
    });
    const other = await assess(database.db, p.id, (await loadApplication(database.db, p.id, id))!, TODAY);
    expect(other.checks.find((c) => c.code === "patient.differs")).toMatchObject({ status: "flag", params: { found: "Ola Bråthen", applicant: "Gunhild Bråthen" } });
    expect(other.checks.find((c) => c.code === "patient.matches")).toBeUndefined();
  });

  it("paid after the loaded exchange rates: the refund is open (not 0 kr), each line says why, and the application can still be sent", async () => {
    const p = await person();
    const id = await readyDraft(p.id);
    await fillIn(p.id, id, (a) => {
      a.paymentDate = "2025-03-03";
    });
    const today = "2025-03-10";
    const a = await assess(database.db, p.id, (await loadApplication(database.db, p.id, id))!, today);
    expect(a.rateMissing).toBe(true);
    const est = a.invoices[0]!.estimate!;
    expect(est.totals.refundOpen).toBe(true);
    const open = est.lines.filter((l) => l.reason === "rate-missing");
    expect(open.length).toBeGreaterThan(0);
    for (const l of open) expect(l.rateOpen).toEqual({ currency: "EUR", requestedDate: "2025-03-03", why: "not-yet-published", publishedThrough: "2025-01-03" });
    const sent = await submitApplication(database.db, p.id, id, today);
    expect(sent.ok).toBe(true);
    if (sent.ok) expect(sent.app.data.sent!.estimate).toMatchObject({ rateMissing: true });
  });

  it("a double submit makes one submission with one reference and one inbox message", async () => {
    const p = await person();
    const id = await readyDraft(p.id);
    await fillIn(p.id, id);
    const [a, b] = await Promise.all([submitApplication(database.db, p.id, id, TODAY), submitApplication(database.db, p.id, id, TODAY)]);
    const c = await submitApplication(database.db, p.id, id, TODAY);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect([a.fresh, b.fresh].filter(Boolean).length).toBe(1);
    expect(c.fresh).toBe(false);
    const ref = a.app.data.reference;
    expect(ref).toMatch(/^FP-2025-[2-9A-HJKMNP-Z]{6}$/);
    expect(b.app.data.reference).toBe(ref);
    const rows = await database.db.select().from(abroadApplications).where(eq(abroadApplications.personId, p.id));
    expect(rows.map((r) => r.status)).toEqual(["received"]);
    expect(rows[0]!.data.events!.map((e) => e.status)).toEqual(["received"]);
    expect(rows[0]!.data.sent!.documents).toHaveLength(3);
    const inbox = await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, p.id));
    expect(inbox.map((m) => (m.payload as { reference: string }).reference)).toEqual([ref]);
    // a sent application can no longer be changed
    expect(await saveAccount(database.db, p.id, id, { kind: "no", kontonummer: "12345678903" })).toBe(false);
  });

  it("flags the same file, and the same invoice in another file, as claimed before", async () => {
    const p = await person();
    const first = await readyDraft(p.id);
    await fillIn(p.id, first);
    expect((await submitApplication(database.db, p.id, first, TODAY)).ok).toBe(true);

    // Same files again
    const second = await readyDraft(p.id);
    expect(second).not.toBe(first);
    await fillIn(p.id, second);
    let a = await assess(database.db, p.id, (await loadApplication(database.db, p.id, second))!, TODAY);
    const codes = a.checks.filter((c) => c.status === "flag").map((c) => c.code);
    expect(codes).toContain("duplicate.file.claimed-before");
    expect(codes).toContain("duplicate.invoice.claimed-before");
    await database.db.delete(abroadApplications).where(eq(abroadApplications.id, second));

    // A different file (a scan of it, say) with the same invoice number, clinic and amount
    const bytes = file("inv10-es-es-pdf.pdf").bytes;
    const other = new Uint8Array(bytes.byteLength + 1);
    other.set(bytes);
    other[bytes.byteLength] = 0x0a;
    const third = await readyDraft(p.id, { invoice: { name: "kopi.pdf", bytes: other } });
    await fillIn(p.id, third);
    a = await assess(database.db, p.id, (await loadApplication(database.db, p.id, third))!, TODAY);
    const invoiceFlags = a.checks.filter((c) => c.status === "flag" && c.code.startsWith("duplicate."));
    expect(invoiceFlags.map((c) => c.code).sort()).toEqual(["duplicate.file.claimed-before", "duplicate.file.claimed-before", "duplicate.invoice.claimed-before"]);

    // Another person's earlier claim is not this person's duplicate
    const q = await person();
    const theirs = await readyDraft(q.id);
    await fillIn(q.id, theirs);
    a = await assess(database.db, q.id, (await loadApplication(database.db, q.id, theirs))!, TODAY);
    expect(a.checks.some((c) => c.code.endsWith("claimed-before"))).toBe(false);
  });

  it("records the status history with dates and tells the resident", async () => {
    const p = await person();
    const id = await readyDraft(p.id);
    await fillIn(p.id, id);
    await submitApplication(database.db, p.id, id, TODAY, new Date("2025-01-10T09:00:00Z"));
    await advanceStatus(database.db, id, "under-review", undefined, new Date("2025-01-12T09:00:00Z"));
    await advanceStatus(database.db, id, "under-review", undefined, new Date("2025-01-13T09:00:00Z")); // no change
    const app = (await advanceStatus(database.db, id, "decided", undefined, new Date("2025-02-01T09:00:00Z")))!;
    expect(app.status).toBe("decided");
    expect(app.data.events!.map((e) => [e.status, e.at.slice(0, 10)])).toEqual([
      ["received", "2025-01-10"],
      ["under-review", "2025-01-12"],
      ["decided", "2025-02-01"],
    ]);
    expect(await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, p.id))).toHaveLength(3);
  });

  it("a decision registers the egenandel deducted on each line, which counts towards the ceiling, once", async () => {
    const p = await person();
    const id = await readyDraft(p.id);
    await fillIn(p.id, id);
    await submitApplication(database.db, p.id, id, TODAY, new Date("2025-01-10T09:00:00Z"));
    const before = await database.db.select().from(egenandeler).where(eq(egenandeler.personId, p.id));
    const deducted = (await assess(database.db, p.id, (await loadApplication(database.db, p.id, id))!, TODAY)).totals.egenandelDeductedOre;
    expect(deducted).toBeGreaterThan(0);
    await advanceStatus(database.db, id, "decided", undefined, new Date("2025-02-01T09:00:00Z"));
    const after = await database.db.select().from(egenandeler).where(eq(egenandeler.personId, p.id));
    const added = after.filter((e) => !before.some((b) => b.id === e.id));
    expect(added.reduce((s, e) => s + e.amountOre, 0)).toBe(deducted);
    expect(added.every((e) => e.serviceType === "fysioterapi" && e.providerName.includes("utlandet"))).toBe(true);
    expect(await registerApprovedEgenandeler(database.db, id, TODAY)).toBe(0); // never twice
    const year = Number(added[0]!.serviceDate.slice(0, 4));
    const overview = await overviewForPersonYear(database.db, p.id, year);
    expect(overview!.lines.filter((l) => added.some((a) => a.id === l.id)).every((l) => l.status === "counted" || l.status === "after-frikort")).toBe(true);
  });

  it("submitting needs the start answers, read documents, checked invoices and an account", async () => {
    const p = await person();
    const app = await startOrContinueDraft(database.db, p.id);
    expect(await submitApplication(database.db, p.id, app.id, TODAY)).toEqual({ ok: false, reason: "land" });
    await saveStartAnswer(database.db, p.id, app.id, { country: "ES", period: { from: "2024-09-03", to: "2024-09-18" } });
    expect(await submitApplication(database.db, p.id, app.id, TODAY)).toEqual({ ok: false, reason: "fritak" });
    await saveStartAnswer(database.db, p.id, app.id, { exemption: { kind: "none" } });
    expect(await submitApplication(database.db, p.id, app.id, TODAY)).toEqual({ ok: false, reason: "documents" });
    const id = await readyDraft(p.id);
    expect(id).toBe(app.id);
    expect(await submitApplication(database.db, p.id, id, TODAY)).toEqual({ ok: false, reason: "invoices" });
    const other = await person();
    expect(await submitApplication(database.db, other.id, id, TODAY)).toEqual({ ok: false, reason: "not-found" });
  });

  it("validates IBAN (mod 97) and BIC", () => {
    expect(isValidIban("ES9121000418450200051332")).toBe(true);
    expect(isValidIban("NO9386011117947")).toBe(true);
    expect(isValidIban("ES9121000418450200051333")).toBe(false);
    expect(isValidIban("ES91")).toBe(false);
    expect(isValidBic("CAIXESBB")).toBe(true);
    expect(isValidBic("DNBANOKKXXX")).toBe(true);
    expect(isValidBic("DNBANOK")).toBe(false);
  });
});

describe("start questions stored in the draft", () => {
  it("stores each answer in data (jsonb), idempotently, and resumes at the first step not done", async () => {
    const p = await person();
    const db = database.db;
    const app = await startOrContinueDraft(db, p.id);
    const view = async () => (await loadApplication(db, p.id, app.id))!;
    expect(resumeStep(await view(), "1958-02-16", TODAY)).toBe("land");
    await saveStartAnswer(db, p.id, app.id, { country: "ES" });
    await saveStartAnswer(db, p.id, app.id, { country: "ES" });
    expect(resumeStep(await view(), "1958-02-16", TODAY)).toBe("periode");
    await saveStartAnswer(db, p.id, app.id, { period: { from: "2024-09-03", to: "2024-09-18", paidRecently: false } });
    expect(resumeStep(await view(), "1958-02-16", TODAY)).toBe("fritak");
    await saveStartAnswer(db, p.id, app.id, { exemption: { kind: "other", otherText: "Krigsskade" } });
    expect(resumeStep(await view(), "1958-02-16", TODAY)).toBe("dokumenter");
    const [row] = await db.select().from(abroadApplications).where(eq(abroadApplications.id, app.id));
    expect(row!.data).toEqual({
      country: "ES",
      period: { from: "2024-09-03", to: "2024-09-18", paidRecently: false },
      exemption: { kind: "other", otherText: "Krigsskade" },
    });
  });

  it("a draft from before the start questions is asked for them; its answers after upload are kept", async () => {
    const p = await person();
    const id = await readyDraft(p.id);
    const v = (await loadApplication(database.db, p.id, id))!;
    await saveInvoiceAnswers(database.db, p.id, id, Object.fromEntries(v.invoices.map((i) => [i.doc.id, i.answers])), true);
    const view = (await loadApplication(database.db, p.id, id))!;
    expect(resumeStep(view, "1958-02-16", TODAY)).toBe("land");
    expect(await submitApplication(database.db, p.id, id, TODAY)).toEqual({ ok: false, reason: "land" });
    // the old yrkesskade answer gives way to the exemption question
    await saveStartAnswer(database.db, p.id, id, { country: "ES", period: { from: "2024-09-03", to: "2024-09-18" }, exemption: { kind: "none" } });
    const after = (await loadApplication(database.db, p.id, id))!;
    expect(after.data.yrkesskadeApplies).toBeUndefined();
    expect(after.invoices[0]!.saved).toBe(true);
    expect(resumeStep(after, "1958-02-16", TODAY)).toBe("vurdering");
  });

  it("uses the answers: country and period flags, a stated frikort for Helfo to verify, and the referral date; the sent copy keeps them", async () => {
    const p = await person();
    const id = await readyDraft(p.id);
    await fillIn(p.id, id, (a) => {
      a.lines[0]!.date = "2017-12-15"; // before 2018: the referral question
    });
    await saveStartAnswer(database.db, p.id, id, { country: "DE", exemption: { kind: "frikort" } });
    let view = (await loadApplication(database.db, p.id, id))!;
    expect(progressOf(view, "1958-02-16", TODAY)).toMatchObject({ referralNeeded: true, referralAnswered: false });
    expect(resumeStep(view, "1958-02-16", TODAY)).toBe("henvisning");
    expect(await submitApplication(database.db, p.id, id, TODAY)).toEqual({ ok: false, reason: "henvisning" });

    let a = await assess(database.db, p.id, view, TODAY);
    const codes = a.checks.map((c) => `${c.status}:${c.code}`);
    expect(codes).toContain("flag:country.differs"); // the invoice is Spanish
    expect(a.checks.find((c) => c.code === "period.outside")).toMatchObject({ params: { lines: ["1"] } });
    expect(codes).toContain("missing:referral.missing");
    expect(a.exemptions.toVerify).toBe("frikort");
    const covered = a.invoices[0]!.estimate!.lines.filter((l) => l.status === "covered");
    expect(covered.every((l) => l.egenandelDeductedOre === 0 && l.exemptionToVerify)).toBe(true);

    // a doctor abroad, the illness not from there: stored, and the referrer rule warns (issue 18 item 6)
    await saveStartAnswer(database.db, p.id, id, { referral: { had: true, date: "2017-12-01", referrer: { kind: "lege", inNorway: false, illnessAroseAbroad: false } } });
    view = (await loadApplication(database.db, p.id, id))!;
    a = await assess(database.db, p.id, view, TODAY);
    expect(a.checks.find((c) => c.code.startsWith("referral.referrer"))).toMatchObject({ code: "referral.referrer-foreign-not-accepted", status: "warning" });
    await saveStartAnswer(database.db, p.id, id, { referral: { had: true, date: "2017-12-01", referrer: { kind: "kiropraktor", inNorway: true } } });
    view = (await loadApplication(database.db, p.id, id))!;
    a = await assess(database.db, p.id, view, TODAY);
    expect(a.checks.map((c) => c.code)).toEqual(expect.arrayContaining(["referral.start", "referral.treatment-count", "referral.referrer-ok"]));
    const r = await submitApplication(database.db, p.id, id, TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.app.data.sent!.start).toEqual({
      country: "DE",
      period: { from: "2024-09-03", to: "2024-09-18" },
      exemption: { kind: "frikort" },
      referral: { had: true, date: "2017-12-01", referrer: { kind: "kiropraktor", inNorway: true } },
    });
  });
});
