/**
 * Issue 19: "a case of 30 pages opens in under a second on the embedded database".
 *   node_modules/.bin/tsx bench/staff-case-30-pages.ts [--runs=50]
 * On PGlite (the embedded default, in a temporary directory): a resident's sent refund claim abroad with a 30-page invoice
 * (the largest a file may be) and an epikrise; a caseworker's session. Prints
 *   - rendering the 30 pages to PNG through the isolated renderer (once, cold: what the case's first viewer waits for images),
 *   - GET of the staff case page through the production build's request handler (HTML; the page images are separate requests),
 *   - GET of all 30 page images from the cache, one after another (what the browser then loads).
 * Needs the build (npm run build).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { PDFDocument } from "pdf-lib";
import { loadConfig } from "../app/config.server";
import { openDatabase } from "../app/db/client.server";
import { persons } from "../app/db/schema";
import { generateFnr } from "../app/kernel/fnr";
import { addDocument, markDone, startOrContinueDraft } from "../app/services/abroad-documents.server";
import { loadApplication, saveAccount, saveInvoiceAnswers, saveStartAnswer, submitApplication } from "../app/services/abroad-application.server";
import { renderDocumentPages } from "../app/services/abroad-review.server";
import { stopRenderProcess } from "../app/documents/text/isolated";
import { startStaffSession } from "../app/utils/staff-session.server";
import { fmtMs, summarize } from "./lib";

const RUNS = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? "50");
const PAGES = 30;
const FIX = path.resolve("test/fixtures/documents");
const dataDir = mkdtempSync(path.join(tmpdir(), "fp-bench-case-"));
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATA_DIR: dataDir,
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0123",
  DEMO_DATA: "false",
  DEMO_MODE: "true",
  PUBLIC_URL: "http://127.0.0.1:3918",
};
delete (env as Record<string, string | undefined>).DATABASE_URL;
const config = loadConfig(env);
const database = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
const db = database.db;

// a 30-page invoice: the fixture invoice's page thirty times (born-digital, text layer)
const src = await PDFDocument.load(readFileSync(path.join(FIX, "inv10-es-es-pdf.pdf")));
const big = await PDFDocument.create();
for (let i = 0; i < PAGES; i++) {
  const [p] = await big.copyPages(src, [0]);
  big.addPage(p!);
}
const bigBytes = await big.save();
const truth = (name: string, pages: number) => ({ ...JSON.parse(readFileSync(path.join(FIX, name), "utf8")), pages, source: "text-layer" });

const [person] = await db
  .insert(persons)
  .values({ fnr: generateFnr("1958-02-16", 301)!, name: "Bench Benkesen", birthDate: "1958-02-16" })
  .returning();
const personId = person!.id;
const app = await startOrContinueDraft(db, personId);
const inv = await addDocument(db, { personId, applicationId: app.id, kind: "invoice", file: { name: "faktura-30-sider.pdf", bytes: bigBytes } });
if (!inv.ok) throw new Error(`invoice refused: ${inv.reason}`);
await markDone(db, inv.documentId, truth("inv10-es-es-pdf.json", PAGES));
const epi = await addDocument(db, {
  personId,
  applicationId: app.id,
  kind: "epikrise",
  file: { name: "epikrise.pdf", bytes: new Uint8Array(readFileSync(path.join(FIX, "epi04-en-gb-pdf.pdf"))) },
});
if (!epi.ok) throw new Error(`epikrise refused: ${epi.reason}`);
await markDone(db, epi.documentId, truth("epi04-en-gb-pdf.json", 1));
const view = (await loadApplication(db, personId, app.id))!;
await saveStartAnswer(db, personId, app.id, { country: "ES", period: { from: "2024-09-03", to: "2024-09-18", paidRecently: false }, exemption: { kind: "none" } });
await saveInvoiceAnswers(db, personId, app.id, Object.fromEntries(view.invoices.map((i) => [i.doc.id, { ...i.answers, paymentDate: "2024-12-23" }])));
await saveAccount(db, personId, app.id, { kind: "no", kontonummer: "12345678903" });
const sent = await submitApplication(db, personId, app.id, "2025-01-10");
if (!sent.ok) throw new Error(`not sent: ${sent.reason}`);

// cold rendering of the 30 pages (both sizes), as the first viewer of the case causes it
let t = performance.now();
const rendered = await renderDocumentPages(db, app.id, inv.documentId, "page");
const renderPageMs = performance.now() - t;
t = performance.now();
await renderDocumentPages(db, app.id, inv.documentId, "large");
const renderLargeMs = performance.now() - t;
const pngBytes = rendered.reduce((s, r) => s + r.png.byteLength, 0);

process.env.NODE_ENV = "production";
const build = (await import(path.resolve("build/server/index.js"))) as ServerBuild;
const handler = createRequestHandler(build, "production");
const cookie = (await startStaffSession(db, config, { ident: "Z990001", name: "Bench", roles: ["caseworker"], unit: "casework" }, null)).split(";")[0]!;
const context = { config, database, requestId: "bench", cspNonce: "bench-nonce" };
const get = (p: string) => handler(new Request(`http://127.0.0.1:3918${p}`, { headers: { Cookie: cookie, Accept: "text/html" } }), context);

// the epikrise is not rendered yet: its page image is rendered by the request (the web build's path to the renderer)
t = performance.now();
const cold = await get(`/saksbehandling/sak/${app.id}/side/${epi.documentId}/1`);
await cold.arrayBuffer();
if (cold.status !== 200) throw new Error(`cold page image: ${cold.status}`);
const coldMs = performance.now() - t;

const page: number[] = [];
const images: number[] = [];
let html = 0;
for (let i = 0; i < RUNS + 5; i++) {
  const t0 = performance.now();
  const res = await get(`/saksbehandling/sak/${app.id}`);
  const body = await res.text();
  const t1 = performance.now();
  if (res.status !== 200) throw new Error(`case page: ${res.status}`);
  html = Buffer.byteLength(body);
  if (i === 0 && (body.match(/data-testid="page-image"/g) ?? []).length !== PAGES + 1) throw new Error("the page does not show 31 page images");
  for (let p = 1; p <= PAGES; p++) {
    const r = await get(`/saksbehandling/sak/${app.id}/side/${inv.documentId}/${p}`);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`page image ${p}: ${r.status}`);
  }
  const t2 = performance.now();
  if (i >= 5) {
    page.push(t1 - t0);
    images.push(t2 - t1);
  }
}
const f = (s: ReturnType<typeof summarize>) => `p50 ${fmtMs(s.p50)}, p90 ${fmtMs(s.p90)}, max ${fmtMs(s.max)} (n=${s.n})`;
console.log(`staff case page of a refund claim abroad with ${PAGES + 1} pages (30-page invoice + epikrise), PGlite, ${RUNS} runs`);
console.log(`  cold render of the 30 pages to PNG (isolated renderer): ${fmtMs(renderPageMs)} at 100 dpi (${Math.round(pngBytes / 1024)} KiB), ${fmtMs(renderLargeMs)} at 200 dpi`);
console.log(`  GET of a page image not rendered yet (one-page epikrise, rendered by the request): ${fmtMs(coldMs)}`);
console.log(`  GET case page (HTML ${Math.round(html / 1024)} KiB, loader + render, audit row): ${f(summarize(page))}`);
console.log(`  GET all 30 page images from the cache, one after another:  ${f(summarize(images))}`);
console.log(`  target: the case page under 1 s -> ${summarize(page).p90 < 1000 ? "met" : "NOT met"} (p90)`);
stopRenderProcess();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
