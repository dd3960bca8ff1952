/**
 * The caseworker's review of a refund claim abroad (issue 19 items 1–3): corrections are immutable rows
 * kept as history, the refund is recomputed from the corrected answers by `assess`, what the estimate left
 * open (rate date, duration) is fixed with a reason, and a request for more information is answered by the
 * resident with text and a document through the pipeline, after which the claim is back in the queue.
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadCorrections, abroadDocuments, inboxMessages } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { addDocument, markDone, startOrContinueDraft } from "~/services/abroad-documents.server";
import { assess, loadApplication, saveAccount, saveInvoiceAnswers, saveStartAnswer, submitApplication } from "~/services/abroad-application.server";
import { answerAbroadMoreInfo, askAbroadMoreInfo, correctedAssessment, correctField, listCorrections, openQuestion } from "~/services/abroad-review.server";
import { listStaffQueue } from "~/services/staff-console.server";
import { findApplication } from "~/models/abroad-application.server";
import { answerOf } from "~/domain/abroad-corrections";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";
import type { IsoDate } from "~/kernel/types";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${FIXTURES}${name}`)) });
const truth = (name: string) => ({ ...JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")), pages: 1, source: "text-layer" });
const TODAY: IsoDate = "2025-01-10";

let database: Database;
let cleanup: () => Promise<void>;
let n = 0;
beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
});
afterAll(async () => {
  await cleanup?.();
});

async function person() {
  while (!generateFnr("1958-02-16", 400 + n)) n++;
  return insertPerson(database, { birthDate: "1958-02-16", individ: 400 + n++, name: "Gunhild Bråthen", rows: [] });
}

/** A sent claim with one read invoice (inv10: EUR, paid 2024-12-23). */
async function sentClaim(personId: string) {
  const db = database.db;
  const app = await startOrContinueDraft(db, personId);
  const r = await addDocument(db, { personId, applicationId: app.id, kind: "invoice", file: file("inv10-es-es-pdf.pdf") });
  if (!r.ok) throw new Error(r.reason);
  await markDone(db, r.documentId, truth("inv10-es-es-pdf.json"));
  const view = (await loadApplication(db, personId, app.id))!;
  const answers = Object.fromEntries(view.invoices.map((i) => [i.doc.id, { ...i.answers, paymentDate: "2024-12-23" as IsoDate }]));
  await saveStartAnswer(db, personId, app.id, { country: "ES", period: { from: "2024-09-03" as IsoDate, to: "2024-09-18" as IsoDate }, exemption: { kind: "none" } });
  await saveInvoiceAnswers(db, personId, app.id, answers);
  await saveAccount(db, personId, app.id, { kind: "no", kontonummer: "12345678903" });
  const sent = await submitApplication(db, personId, app.id, TODAY);
  if (!sent.ok) throw new Error(sent.reason);
  return { applicationId: app.id, documentId: r.documentId };
}

describe("corrections", () => {
  it("a corrected amount is a new row with the value before and the reason, and the refund is recomputed from it", async () => {
    const p = await person();
    const { applicationId, documentId } = await sentClaim(p.id);
    const before = (await correctedAssessment(database.db, applicationId, TODAY))!;
    const line0 = before.assessment.invoices[0]!.estimate!.lines[0]!;
    expect(line0.limitedBy).toBe("norwegian-price");

    // the invoice was read as 59 EUR; the caseworker sees 5.00 on the page: paid is then the limit
    const r = await correctField(database.db, { applicationId, documentId, field: "line.0.amount", value: "5,00", reason: "Beløpet er 5 EUR på fakturaen", staffIdent: "Z990001" });
    expect(r).toEqual({ ok: true, changed: true });
    const after = (await correctedAssessment(database.db, applicationId, TODAY))!;
    expect(after.view.invoices[0]!.answers.lines[0]!.amount).toBe("5.00");
    const changed = after.assessment.invoices[0]!.estimate!.lines[0]!;
    expect(changed.limitedBy).toBe("paid");
    expect(after.assessment.totals.refundOre).toBeLessThan(before.assessment.totals.refundOre);

    // the same value again changes nothing; a second change keeps both rows
    expect(await correctField(database.db, { applicationId, documentId, field: "line.0.amount", value: "5.00", reason: "igjen", staffIdent: "Z990001" })).toEqual({
      ok: true,
      changed: false,
    });
    await correctField(database.db, { applicationId, documentId, field: "line.0.amount", value: "59", reason: "Feil rettelse, tilbake til 59", staffIdent: "Z990004" });
    const history = await listCorrections(database.db, applicationId);
    expect(history.map((h) => [h.field, h.previous, h.value, h.staffIdent])).toEqual([
      ["line.0.amount", "59.00", "5.00", "Z990001"],
      ["line.0.amount", "5.00", "59.00", "Z990004"],
    ]);
    expect((await correctedAssessment(database.db, applicationId, TODAY))!.assessment.totals.refundOre).toBe(before.assessment.totals.refundOre);
    // the raw extraction is untouched, and so is the resident's own estimate (no corrections in it)
    const [raw] = await database.db.select().from(abroadDocuments).where(eq(abroadDocuments.id, documentId));
    expect((raw!.result as { lines: Array<{ amount: number }> }).lines[0]!.amount).toBe(59);
  });

  it("history rows cannot be changed or deleted", async () => {
    const p = await person();
    const { applicationId, documentId } = await sentClaim(p.id);
    await correctField(database.db, { applicationId, documentId, field: "providerName", value: "Fisio Benalmádena", reason: "Navn avkortet", staffIdent: "Z990001" });
    await expect(database.db.update(abroadCorrections).set({ value: "x" }).where(eq(abroadCorrections.applicationId, applicationId))).rejects.toThrow();
    await expect(database.db.execute(sql`delete from abroad_corrections where application_id = ${applicationId}`)).rejects.toThrow();
    expect((await listCorrections(database.db, applicationId)).length).toBe(1);
  });

  it("refuses a correction without a reason, of an unknown field, with a bad value or for a line that does not exist", async () => {
    const p = await person();
    const { applicationId, documentId } = await sentClaim(p.id);
    const base = { applicationId, documentId, staffIdent: "Z990001" };
    expect(await correctField(database.db, { ...base, field: "line.0.amount", value: "10", reason: " " })).toEqual({ ok: false, errors: { reason: "reason" } });
    expect(await correctField(database.db, { ...base, field: "personId", value: "x", reason: "r" })).toMatchObject({ ok: false, errors: { field: "field" } });
    expect(await correctField(database.db, { ...base, field: "paymentDate", value: "23.12.2024", reason: "r" })).toMatchObject({ ok: false, errors: { value: "value" } });
    expect(await correctField(database.db, { ...base, field: "line.99.amount", value: "1", reason: "r" })).toMatchObject({ ok: false, errors: { field: "line" } });
    expect(await correctField(database.db, { ...base, documentId: "00000000-0000-0000-0000-000000000000", field: "total", value: "1", reason: "r" })).toMatchObject({ ok: false });
    expect(await listCorrections(database.db, applicationId)).toEqual([]);
  });

  it("fixes what the estimate left open: the rate date for the whole claim and a line's duration", async () => {
    const p = await person();
    const { applicationId, documentId } = await sentClaim(p.id);
    const before = (await correctedAssessment(database.db, applicationId, TODAY))!;
    const est = before.assessment.invoices[0]!.estimate!;
    expect(est.rateDateRule).toBe("payment-date");
    const elektro = est.lines[1]!;
    expect(elektro.notes).toContain("duration-missing-priced-at-minimum");

    expect(
      await correctField(database.db, { applicationId, documentId: null, field: "rateDate", value: "treatment-date", reason: "Kursen på behandlingsdagen", staffIdent: "Z990001" }),
    ).toEqual({
      ok: true,
      changed: true,
    });
    expect(
      await correctField(database.db, { applicationId, documentId, field: "line.1.durationMinutes", value: "30", reason: "Epikrisen sier 30 min", staffIdent: "Z990001" }),
    ).toEqual({
      ok: true,
      changed: true,
    });
    const after = (await correctedAssessment(database.db, applicationId, TODAY))!;
    const e2 = after.assessment.invoices[0]!.estimate!;
    expect(e2.rateDateRule).toBe("treatment-date");
    expect(e2.lines[0]!.rate?.requestedDate).toBe("2024-09-03");
    expect(e2.lines[1]!.notes).not.toContain("duration-missing-priced-at-minimum");
    expect(e2.lines[1]!.durationMinutes).toBe(30);
    // the resident's own estimate is unchanged
    const own = await assess(database.db, p.id, (await loadApplication(database.db, p.id, applicationId))!, TODAY);
    expect(own.invoices[0]!.estimate!.rateDateRule).toBe("payment-date");
  });
});

describe("more information", () => {
  it("the caseworker asks, the resident answers with text and a document through the pipeline, and the claim is back in the queue", async () => {
    const p = await person();
    const { applicationId } = await sentClaim(p.id);
    expect(await answerAbroadMoreInfo(database.db, p.id, applicationId, { text: "for tidlig", documentIds: [] })).toEqual({ ok: false, reason: "not-asked" });
    expect(await askAbroadMoreInfo(database.db, applicationId, "Send epikrisen fra behandlingen.")).toBe(true);
    expect(await askAbroadMoreInfo(database.db, applicationId, "igjen")).toBe(false);
    const asked = (await findApplication(database.db, applicationId))!;
    expect(asked.status).toBe("more-info");
    expect(openQuestion(asked)).toMatchObject({ question: "Send epikrisen fra behandlingen." });
    const inbox = await database.db.select().from(inboxMessages).where(eq(inboxMessages.personId, p.id));
    expect(inbox.find((m) => m.kind === "abroad-more-info")?.payload).toMatchObject({ applicationId });

    // nobody else answers it, and an empty answer is refused
    const other = await person();
    expect(await answerAbroadMoreInfo(database.db, other.id, applicationId, { text: "x", documentIds: [] })).toEqual({ ok: false, reason: "not-found" });
    expect(await answerAbroadMoreInfo(database.db, p.id, applicationId, { text: "  ", documentIds: [] })).toEqual({ ok: false, reason: "empty" });

    // the resident's file goes through the same content check and reading queue
    const doc = await addDocument(database.db, { personId: p.id, applicationId, kind: "epikrise", file: file("epi04-en-gb-pdf.pdf") });
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    expect(await answerAbroadMoreInfo(database.db, p.id, applicationId, { text: "Her er epikrisen.", documentIds: [doc.documentId] })).toEqual({ ok: true });
    const back = (await findApplication(database.db, applicationId))!;
    expect(back.status).toBe("under-review");
    expect(openQuestion(back)).toBeNull();
    expect(answerOf(back.data.events!.at(-1)!.note)).toBe("Her er epikrisen.");
    const view = (await loadApplication(database.db, p.id, applicationId))!;
    expect(view.documents.find((d) => d.doc.id === doc.documentId)?.doc.status).toBe("queued");
    const queue = await listStaffQueue(database.db, { kind: "abroad-refund" }, TODAY);
    expect(queue.find((q) => q.id === applicationId)).toMatchObject({ status: "under-review" });
  });
});
