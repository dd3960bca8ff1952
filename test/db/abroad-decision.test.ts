/**
 * Deciding a refund claim abroad end to end on the database (issue 19 items 4–7): a part approval
 * above the four-eyes threshold waits for a second caseworker, the decision is an immutable row,
 * the approved egenandeler reach the register, an IBAN payout goes into a valid pain.001 file and
 * the application becomes "paid"; an appeal within six weeks is reversed and a new decision
 * supersedes the first (both kept, the payout only tops up); a second appeal is upheld and sent on.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadDecisions, egenandeler, inboxMessages, payouts } from "~/db/schema";
import type { AbroadDecisionInput } from "~/domain/abroad-decision";
import { addDays } from "~/kernel/dates";
import { generateFnr } from "~/kernel/fnr";
import { addDocument, markDone, startOrContinueDraft } from "~/services/abroad-documents.server";
import { loadApplication, saveAccount, saveInvoiceAnswers, saveStartAnswer, submitApplication } from "~/services/abroad-application.server";
import { appealAbroad, approveAbroadProposal, decideAbroad, handleAbroadAppeal, lastAppealOutcome, listAbroadPayouts, listDecisions } from "~/services/abroad-decision.server";
import { runPayoutFile } from "~/services/payout-file.server";
import { pendingProposal } from "~/services/staff-console.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";
import { pain001Errors } from "../support/pain001-xsd";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${FIXTURES}${name}`)) });
const truth = (name: string) => ({ ...JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")), pages: 1, source: "text-layer" });
const SENT_ON: IsoDate = "2025-01-10";
const DECIDED_ON: IsoDate = "2025-01-20";
const debtor = { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" };
const IBAN = "DE89370400440532013000";

let database: Database;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

let n = 0;
async function sentApplication(paymentDate = "2024-12-23") {
  while (!generateFnr("1961-03-04", 400 + n)) n++;
  const p = await insertPerson(database, { birthDate: "1961-03-04", individ: 400 + n++, name: "Gunhild Bråthen", rows: [] });
  const db = database.db;
  const app = await startOrContinueDraft(db, p.id);
  for (const [json, kind, pdf] of [
    ["inv10-es-es-pdf.json", "invoice", "inv10-es-es-pdf.pdf"],
    ["auth03-nb-no-pdf.json", "authorisation", "auth03-nb-no-pdf.pdf"],
    ["epi04-en-gb-pdf.json", "epikrise", "epi04-en-gb-pdf.pdf"],
  ] as const) {
    const r = await addDocument(db, { personId: p.id, applicationId: app.id, kind, file: file(pdf) });
    if (!r.ok) throw new Error(r.reason);
    await markDone(db, r.documentId, truth(json));
  }
  const view = (await loadApplication(db, p.id, app.id))!;
  const answers = Object.fromEntries(view.invoices.map((i) => [i.doc.id, { ...i.answers, paymentDate: paymentDate as IsoDate }]));
  await saveStartAnswer(db, p.id, app.id, { country: "ES", period: { from: "2024-09-03", to: "2024-09-18" }, exemption: { kind: "none" } });
  await saveInvoiceAnswers(db, p.id, app.id, answers);
  await saveAccount(db, p.id, app.id, { kind: "foreign", iban: IBAN, bic: "COBADEFFXXX" });
  const sent = await submitApplication(db, p.id, app.id, SENT_ON);
  if (!sent.ok) throw new Error(sent.reason);
  return { personId: p.id, id: app.id };
}

/** Line 0 approved in part, covered lines approved, the lines the estimate does not cover rejected. */
async function partInput(personId: string, id: string): Promise<AbroadDecisionInput> {
  const view = (await loadApplication(database.db, personId, id))!;
  const lines = view.invoices[0]!.answers.lines;
  return {
    note: "",
    lines: lines.map((l, lineNo) =>
      lineNo === 0
        ? { invoiceNo: 0, lineNo, outcome: "approve-part" as const, approvedAmount: "20.00", reasons: ["amount-not-paid"] }
        : ["ikke-dekket", "akupunktur"].includes(l.treatmentForm)
          ? { invoiceNo: 0, lineNo, outcome: "reject" as const, reasons: ["not-covered-treatment"] }
          : { invoiceNo: 0, lineNo, outcome: "approve" as const, reasons: [] },
    ),
  };
}

describe("a refund claim abroad, decided, paid and appealed", () => {
  it("goes from a four-eyes part approval to an IBAN payout, an appeal, a superseding decision and an appeal sent on", async () => {
    const db = database.db;
    const { personId, id } = await sentApplication();
    const input = await partInput(personId, id);

    // above the threshold: a proposal, not a decision
    const proposed = await decideAbroad(db, id, input, "Z990001", ore(100), DECIDED_ON);
    expect(proposed.kind).toBe("proposed");
    if (proposed.kind !== "proposed") return;
    expect(proposed.computed.outcome).toBe("partly-approved");
    expect(await listDecisions(db, id)).toEqual([]);
    expect(await pendingProposal(db, { subjectKind: "abroad", id })).toMatchObject({ status: "abroad-decision", by: "Z990001" });
    // the proposer cannot approve it
    expect((await approveAbroadProposal(db, id, "Z990001", DECIDED_ON)).kind).toBe("not-found");
    const approved = await approveAbroadProposal(db, id, "Z990004", DECIDED_ON);
    expect(approved.kind).toBe("decided");
    const [first] = await listDecisions(db, id);
    expect(first).toMatchObject({ seq: 1, outcome: "partly-approved", decidedBy: "Z990001", approvedBy: "Z990004", decidedOn: DECIDED_ON, supersedes: null });
    expect(first!.refundOre).toBe(proposed.computed.refundOre);
    expect(first!.lines[0]).toMatchObject({ outcome: "approve-part", approvedAmount: "20.00", reasons: ["amount-not-paid"] });
    expect(first!.lines.filter((l) => l.outcome === "reject").every((l) => l.refundOre === 0)).toBe(true);
    expect(await pendingProposal(db, { subjectKind: "abroad", id })).toBeNull();

    // immutable rows
    await expect(db.execute(sql`update abroad_decisions set refund_ore = 0 where id = ${first!.id}`)).rejects.toThrow();
    await expect(db.delete(abroadDecisions).where(eq(abroadDecisions.id, first!.id))).rejects.toThrow();

    // the egenandeler of the approved lines count towards the ceiling
    const registered = await db.select().from(egenandeler).where(eq(egenandeler.personId, personId));
    expect(registered.reduce((s, e) => s + e.amountOre, 0)).toBe(first!.egenandelOre);
    expect(registered.length).toBeGreaterThan(0);

    // the payout: to the IBAN, in the bank file, and the application is "paid"
    expect(await listAbroadPayouts(db, id)).toMatchObject([{ amountOre: first!.refundOre, status: "pending" }]);
    const dir = mkdtempSync(path.join(tmpdir(), "fp-abroad-"));
    const run = await runPayoutFile(db, { paidOn: "2025-01-22", fileDir: dir, debtor, now: new Date("2025-01-22T06:00:00Z") });
    expect(run.count).toBe(1);
    const xml = readFileSync(run.file!, "utf8");
    expect(await pain001Errors(xml)).toEqual([]);
    expect(xml).toContain(`<CdtrAcct><Id><IBAN>${IBAN}</IBAN></Id></CdtrAcct>`);
    expect(xml).toContain("<CdtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></CdtrAgt>");
    expect(await listAbroadPayouts(db, id)).toMatchObject([{ status: "paid", paidOn: "2025-01-22" }]);
    let view = (await loadApplication(db, personId, id))!;
    expect(view.app.status).toBe("paid");
    const inbox = await db.select().from(inboxMessages).where(eq(inboxMessages.personId, personId));
    expect(inbox.map((m) => (m.payload as { status?: string }).status)).toEqual(expect.arrayContaining(["received", "decided", "paid"]));
    expect(inbox.some((m) => m.kind === "payout-paid")).toBe(false); // the abroad refund's own message says "paid"

    // appeal: not after six weeks, but within them
    expect(await appealAbroad(db, personId, id, { text: "Jeg betalte hele beløpet.", uploadId: null }, addDays(DECIDED_ON, 43))).toEqual({ ok: false, reason: "deadline-passed" });
    expect(await appealAbroad(db, personId, id, { text: "Jeg betalte hele beløpet.", uploadId: null }, addDays(DECIDED_ON, 42))).toEqual({ ok: true });
    expect((await loadApplication(db, personId, id))!.app.status).toBe("appealed");

    // reversed: decided again, approving every covered line in full; the first decision is kept
    expect(await handleAbroadAppeal(db, id, "reverse", "Kvitteringen viser at hele beløpet er betalt.")).toBe(true);
    view = (await loadApplication(db, personId, id))!;
    expect(view.app.status).toBe("under-review");
    expect(lastAppealOutcome(view.data.events ?? [])).toMatchObject({ outcome: "reverse" });
    const full = {
      ...input,
      lines: input.lines.map((l) => (l.outcome === "approve-part" ? { invoiceNo: l.invoiceNo, lineNo: l.lineNo, outcome: "approve" as const, reasons: [] } : l)),
    };
    const second = await decideAbroad(db, id, full, "Z990001", ore(10_000_000), "2025-03-10");
    expect(second.kind).toBe("decided");
    const both = await listDecisions(db, id);
    expect(both.map((d) => d.seq)).toEqual([1, 2]);
    expect(both[1]!.supersedes).toBe(first!.id);
    expect(both[1]!.refundOre).toBeGreaterThan(first!.refundOre);
    // what was paid stays paid: the new payout is the difference
    const ps = await listAbroadPayouts(db, id);
    expect(ps.map((p) => [p.amountOre, p.status])).toEqual([
      [first!.refundOre, "paid"],
      [both[1]!.refundOre - first!.refundOre, "pending"],
    ]);
    const [p2] = await db.select().from(payouts).where(eq(payouts.decisionId, both[1]!.id));
    expect(p2).toMatchObject({ kind: "abroad-refund", iban: IBAN, bic: "COBADEFFXXX", accountNumber: null });
    // the egenandel follows the new decision (line 0's egenandel was already full; the sum matches)
    const after = await db.select().from(egenandeler).where(eq(egenandeler.personId, personId));
    expect(after.filter((e) => !e.cancelledAt).reduce((s, e) => s + e.amountOre, 0)).toBe(both[1]!.egenandelOre);

    // a second appeal is upheld and sent to the appeal body
    expect(await appealAbroad(db, personId, id, { text: "Uenig.", uploadId: null }, "2025-03-11")).toEqual({ ok: true });
    expect(await handleAbroadAppeal(db, id, "forward", "Vedtaket er riktig.")).toBe(true);
    view = (await loadApplication(db, personId, id))!;
    expect(view.app.status).toBe("appeal-forwarded");
    expect(lastAppealOutcome(view.data.events ?? [])).toMatchObject({ outcome: "forward", reason: "Vedtaket er riktig." });
  });

  it("a rejection below the threshold takes effect at once and pays nothing", async () => {
    const db = database.db;
    const { personId, id } = await sentApplication();
    const view = (await loadApplication(db, personId, id))!;
    const input: AbroadDecisionInput = {
      note: "Fakturaen gjelder en annen person.",
      lines: view.invoices[0]!.answers.lines.map((_, lineNo) => ({ invoiceNo: 0, lineNo, outcome: "reject" as const, reasons: ["other"] })),
    };
    const res = await decideAbroad(db, id, input, "Z990001", ore(0), DECIDED_ON);
    expect(res.kind).toBe("decided");
    expect(await listDecisions(db, id)).toMatchObject([{ outcome: "rejected", refundOre: 0, approvedBy: null }]);
    expect(await listAbroadPayouts(db, id)).toEqual([]);
    expect((await decideAbroad(db, id, { ...input, note: "" }, "Z990001", ore(0), DECIDED_ON)).kind).toBe("invalid");
  });

  it("a line paid on a day Norges Bank has not published yet is 'rate to be fixed': it can be rejected, but not approved at 0 kr (issue 18 item 3)", async () => {
    const db = database.db;
    // paid 8 January 2025: after the last rate in the data (3 January) and none imported
    const { personId, id } = await sentApplication("2025-01-08");
    const view = (await loadApplication(db, personId, id))!;
    const lines = view.invoices[0]!.answers.lines;
    const approveAll: AbroadDecisionInput = {
      note: "",
      lines: lines.map((l, lineNo) =>
        ["ikke-dekket", "akupunktur"].includes(l.treatmentForm)
          ? { invoiceNo: 0, lineNo, outcome: "reject" as const, reasons: ["not-covered-treatment"] }
          : { invoiceNo: 0, lineNo, outcome: "approve" as const, reasons: [] },
      ),
    };
    const res = await decideAbroad(db, id, approveAll, "Z990001", ore(10_000_000), DECIDED_ON);
    expect(res.kind).toBe("invalid");
    if (res.kind !== "invalid") return;
    expect(res.errors.length).toBeGreaterThan(0);
    expect(res.errors.every((e) => e.code === "rate-open")).toBe(true);
    expect(await listDecisions(db, id)).toEqual([]);
    expect(await listAbroadPayouts(db, id)).toEqual([]);
  });
});
