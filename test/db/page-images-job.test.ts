/**
 * Page images rendered at submission (issue 19): submitting a refund claim abroad queues a
 * "render-page-images" job; the job runner renders every PDF page with the memory-capped renderer
 * into abroad_page_images, so the caseworker's first opening reads them instead of rendering. A
 * submission without a runner still works, and the case view's on-demand path renders then.
 */
import { readFileSync } from "node:fs";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { abroadDocuments, abroadPageImages } from "~/db/schema";
import { generateFnr } from "~/kernel/fnr";
import { JobRunner } from "~/jobs/runner.server";
import { addDocument, markDone, startOrContinueDraft } from "~/services/abroad-documents.server";
import { loadApplication, saveAccount, saveInvoiceAnswers, saveStartAnswer, submitApplication } from "~/services/abroad-application.server";
import { pageImage } from "~/services/abroad-review.server";
import { openTestDatabase } from "../support/db";
import { insertPerson } from "../support/fixtures";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`${FIXTURES}${name}`)) });
const truth = (name: string) => ({ ...JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8")), pages: 1, source: "text-layer" });

let database: Database;
let url: string | null;
let cleanup: () => Promise<void>;
const runners: JobRunner[] = [];
beforeAll(async () => {
  ({ database, url, cleanup } = await openTestDatabase());
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop({ graceful: false });
});
afterAll(async () => {
  await cleanup?.();
});

let n = 0;
/** A complete draft with three PDF documents (invoice, authorisation, epikrise), ready to send. */
async function readyDraft() {
  while (!generateFnr("1958-07-08", 300 + n)) n++;
  const p = await insertPerson(database, { birthDate: "1958-07-08", individ: 300 + n++, name: "Bjørg Bilde", rows: [] });
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
  await saveStartAnswer(db, p.id, app.id, { country: "ES", period: { from: "2024-09-03", to: "2024-09-18" }, exemption: { kind: "none" } });
  await saveInvoiceAnswers(db, p.id, app.id, Object.fromEntries(view.invoices.map((i) => [i.doc.id, { ...i.answers, paymentDate: "2024-12-23" }])));
  await saveAccount(db, p.id, app.id, { kind: "no", kontonummer: "12345678903" });
  return { personId: p.id, id: app.id };
}

async function imagesOf(applicationId: string) {
  const docs = await database.db.select({ id: abroadDocuments.id }).from(abroadDocuments).where(eq(abroadDocuments.applicationId, applicationId));
  const rows = await database.db
    .select({ documentId: abroadPageImages.documentId, page: abroadPageImages.page, size: abroadPageImages.size, png: abroadPageImages.png })
    .from(abroadPageImages)
    .where(
      inArray(
        abroadPageImages.documentId,
        docs.map((d) => d.id),
      ),
    );
  return { docs: docs.map((d) => d.id), rows };
}

describe("page images at submission", () => {
  it("a submitted application's pages are rendered by the job, before anyone opens the case", async () => {
    const r = new JobRunner({ connectionString: url ?? undefined, pollingIntervalSeconds: 0.5, sweepAfterSeconds: 0, stopTimeoutMs: 5000, ratesImport: null });
    runners.push(r);
    await r.start(database);
    const { personId, id } = await readyDraft();
    expect((await imagesOf(id)).rows).toEqual([]);
    const sent = await submitApplication(database.db, personId, id, "2025-01-10");
    expect(sent.ok).toBe(true);

    // the job renders every PDF document's page at the case view's size (no one has opened the case)
    const started = Date.now();
    let seen = await imagesOf(id);
    while (new Set(seen.rows.map((x) => x.documentId)).size < seen.docs.length) {
      if (Date.now() - started > 60_000) throw new Error(`only ${seen.rows.length} page images after 60 s`);
      await new Promise((res) => setTimeout(res, 250));
      seen = await imagesOf(id);
    }
    expect(seen.docs).toHaveLength(3);
    for (const row of seen.rows) {
      expect(row.size).toBe("page");
      expect([...row.png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // a PNG
    }
    // the caseworker's opening reads the kept image (the same bytes, not a new rendering)
    const kept = seen.rows.find((x) => x.page === 1)!;
    const opened = await pageImage(database.db, id, kept.documentId, 1, "page");
    expect(Buffer.from(opened!.png).equals(Buffer.from(kept.png))).toBe(true);
  }, 120_000);

  it("without a job runner the submission still succeeds and the case view renders on demand", async () => {
    const { personId, id } = await readyDraft();
    expect((await submitApplication(database.db, personId, id, "2025-01-10")).ok).toBe(true);
    const before = await imagesOf(id);
    expect(before.rows).toEqual([]);
    const img = await pageImage(database.db, id, before.docs[0]!, 1, "page");
    expect(img?.width).toBeGreaterThan(0);
    expect((await imagesOf(id)).rows.length).toBeGreaterThan(0);
  }, 120_000);
});
