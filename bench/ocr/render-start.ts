/**
 * What a fresh render process (app/documents/text/isolated.ts) costs: a new process reads the bench's three-page scanned PDF
 * (bench.ts: bare scan pages, drawn from their JPEGs), one JPEG scan and one page pdf.js draws (a stamp over a scan), and its CPU (every thread, from /proc) and wall time are printed, started from the compiled
 * entry (compiled.ts) and through tsx's loader (`FRIKORT_COMPILED_ENTRIES=off`), alternating. Then the same pages again in the
 * same process (warm), for the share that is the start.
 *
 *   npx tsx bench/ocr/render-start.ts [rounds, default 3]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { RenderProcess } from "../../app/documents/text/isolated";
import { descendantsCpu } from "./measure";

const rounds = Number(process.argv[2] ?? 3);
const dir = new URL("../../../shared/fixtures/documents/", import.meta.url).pathname;
const scans = readdirSync(dir)
  .filter((f) => /-scan-jpg\.jpg$/.test(f))
  .sort();
const pdf = await PDFDocument.create();
for (const f of scans.slice(0, 3)) {
  const jpg = await pdf.embedJpg(readFileSync(join(dir, f)));
  pdf.addPage([595, 842]).drawImage(jpg, { x: 0, y: 0, width: 595, height: 842 });
}
const bytes = await pdf.save();
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

for (let r = 0; r < rounds; r++) {
  for (const mode of ["compiled", "tsx"] as const) {
    if (mode === "tsx") process.env.FRIKORT_COMPILED_ENTRIES = "off";
    else delete process.env.FRIKORT_COMPILED_ENTRIES;
    const rp = new RenderProcess({ log: () => undefined });
    const k = descendantsCpu();
    k.start();
    const t0 = performance.now();
    const cold = await pages(rp);
    const coldWall = performance.now() - t0;
    const coldCpu = k.stop();
    const k2 = descendantsCpu();
    k2.start();
    const t1 = performance.now();
    const warm = await pages(rp);
    const warmWall = performance.now() - t1;
    const warmCpu = k2.stop();
    rp.end();
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(" / ");
    console.log(
      `${mode.padEnd(8)} fresh process: ${coldCpu.toFixed(2)} CPU s, ${(coldWall / 1000).toFixed(2)} s wall (pages ${fmt(cold)} ms); the same again warm: ${warmCpu.toFixed(2)} CPU s, ${(warmWall / 1000).toFixed(2)} s (${fmt(warm)} ms)`,
    );
  }
}
