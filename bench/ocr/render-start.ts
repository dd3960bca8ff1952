/**
 * What a fresh render process (app/documents/text/isolated.ts) costs: a new process reads the bench's three-page scanned PDF
 * (bench.ts: bare scan pages, drawn from their JPEGs), one JPEG scan and one page pdf.js draws (a stamp over a scan), and its CPU (every thread, from /proc) and wall time are printed, started from the compiled
 * entry (compiled.ts) and through tsx's loader (`FRIKORT_COMPILED_ENTRIES=off`), alternating. Then the same pages again in the
 * same process (warm), for the share that is the start.
 *
 *   npx tsx bench/ocr/render-start.ts [rounds, default 3]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { RenderProcess } from "../../app/documents/text/isolated";
import { descendantsCpu, scannedPdf } from "./measure";

const rounds = Number(process.argv[2] ?? 3);
const dir = new URL("../../../shared/fixtures/documents/", import.meta.url).pathname;
const { scans, pdf: bytes } = await scannedPdf(dir);
// a page pdf.js draws (a stamp over the scan: not a bare scan page), so that pdf.js is loaded in the process
const stampedDoc = await PDFDocument.load(bytes);
stampedDoc.getPage(0).drawText("Betalt", { x: 400, y: 700, size: 30, font: await stampedDoc.embedFont(StandardFonts.Helvetica) });
const stamped = await stampedDoc.save();
const jpeg = new Uint8Array(readFileSync(join(dir, scans[3]!)));

async function pages(rp: RenderProcess): Promise<number[]> {
  const times: number[] = [];
  const doc = rp.openPdf(bytes);
  for (let p = 1; p <= 3; p++) {
    const t = performance.now();
    await doc.page(p, false);
    times.push(performance.now() - t);
  }
  doc.close();
  const t = performance.now();
  await rp.prepareImage(jpeg, false);
  times.push(performance.now() - t);
  const s = rp.openPdf(stamped);
  const t2 = performance.now();
  await s.page(1, false);
  times.push(performance.now() - t2);
  s.close();
  return times;
}

/** `pages` in the render process, with the render process's CPU (from /proc) and the wall time. */
async function measured(rp: RenderProcess): Promise<{ cpu: number; wall: number; times: number[] }> {
  const k = descendantsCpu();
  k.start();
  const t0 = performance.now();
  const times = await pages(rp);
  return { wall: performance.now() - t0, cpu: k.stop(), times };
}

for (let r = 0; r < rounds; r++) {
  for (const mode of ["compiled", "tsx"] as const) {
    if (mode === "tsx") process.env.FRIKORT_COMPILED_ENTRIES = "off";
    else delete process.env.FRIKORT_COMPILED_ENTRIES;
    const rp = new RenderProcess({ log: () => undefined });
    const cold = await measured(rp);
    const warm = await measured(rp);
    rp.end();
    const fmt = (m: typeof cold) => `${m.cpu.toFixed(2)} CPU s, ${(m.wall / 1000).toFixed(2)} s wall (pages ${m.times.map((x) => x.toFixed(0)).join(" / ")} ms)`;
    console.log(`${mode.padEnd(8)} fresh process: ${fmt(cold)}; the same again warm: ${fmt(warm)}`);
  }
}
