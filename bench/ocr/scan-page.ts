/**
 * A scanned PDF page drawn by pdf.js against the same page drawn from its JPEG (app/documents/text/pdf-scan-page.ts): CPU of
 * each draw, the preparation after it, and how far the two prepared pages differ (they should be the same page up to where the
 * two JPEG decoders round differently). Every scanned PDF among the shared fixtures, and the bench's three-page PDF (bench.ts),
 * each page twice: the first draw in this process (pdf.js cold: module, worker, JIT) and a warm one.
 *
 *   npx tsx bench/ocr/scan-page.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { prepareDrawableForOcr } from "../../app/documents/text/image";
import { OCR_DPI, openPdf } from "../../app/documents/text/pdf";
import { drawScanPage, scanPages } from "../../app/documents/text/pdf-scan-page";
import type { OcrImage } from "../../app/documents/text/ocr";
import { cpuMs, median, scannedPdf } from "./measure";

const shared = new URL("../../../shared/fixtures/", import.meta.url).pathname;
const files: Array<{ name: string; bytes: Uint8Array }> = [];
for (const d of ["documents", "documents-more"])
  for (const f of readdirSync(join(shared, d))
    .filter((f) => /scan-pdf\.pdf$/.test(f))
    .sort())
    files.push({ name: f, bytes: new Uint8Array(readFileSync(join(shared, d, f))) });
files.push({ name: "bench.ts's 3-page scanned PDF", bytes: (await scannedPdf(join(shared, "documents"))).pdf });

interface CanvasFactory {
  create(w: number, h: number): { canvas: unknown; context: unknown };
  destroy(c: unknown): void;
}

/** Share of pixels whose grey differs by more than `by` (pages of different sizes: 1). */
function differ(a: OcrImage, b: OcrImage, by: number): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let n = 0;
  const da = a.data.subarray(a.data.length - a.width * a.height),
    db = b.data.subarray(b.data.length - b.width * b.height);
  for (let i = 0; i < da.length; i++) if (Math.abs(da[i]! - db[i]!) > by) n++;
  return n / da.length;
}

// the canvas library draws lazily (the JPEG is decoded when the canvas is first read), so each path is timed through its preparation
const rows: Array<{ drawPdfjs: number; drawOurs: number; prep: number; prepOurs: number }> = [];
for (const round of ["cold", "warm"]) {
  for (const f of files) {
    const doc = await openPdf(f.bytes);
    const scans = await scanPages(f.bytes);
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const rv = page.getViewport({ scale: OCR_DPI / 72 });
      const w = Math.ceil(rv.width),
        h = Math.ceil(rv.height);
      const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
      let c0 = cpuMs();
      const cc = factory.create(w, h);
      await page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport: rv }).promise;
      const drawPdfjs = cpuMs() - c0;
      c0 = cpuMs();
      const a = prepareDrawableForOcr(cc.canvas as never, w, h);
      const prep = cpuMs() - c0;
      factory.destroy(cc);
      page.cleanup();
      const scan = scans.jpeg(p);
      if (!scan) {
        console.log(`${round} ${f.name} p${p}: not a bare scan page`);
        continue;
      }
      c0 = cpuMs();
      const drawn = (await drawScanPage(scan, OCR_DPI))!;
      const drawOurs = cpuMs() - c0;
      const b = prepareDrawableForOcr(drawn.canvas, drawn.width, drawn.height);
      const prepOurs = cpuMs() - c0 - drawOurs;
      rows.push({ drawPdfjs, drawOurs, prep, prepOurs });
      console.log(
        `${round} ${f.name} p${p} (JPEG ${scan.width}×${scan.height}, page ${w}×${h}): pdf.js draw + preparation ${drawPdfjs.toFixed(0)} + ${prep.toFixed(0)} ms, from the JPEG ${drawOurs.toFixed(0)} + ${prepOurs.toFixed(0)} ms CPU; prepared pages ${a.width}×${a.height} / ${b.width}×${b.height}, pixels differing at all: ${(100 * differ(a, b, 0)).toFixed(2)} %, by > 8: ${(100 * differ(a, b, 8)).toFixed(2)} %`,
      );
    }
    await doc.destroy();
  }
}
const warm = rows.slice(rows.length / 2);
console.log(
  `warm medians over ${warm.length} pages, CPU of draw + preparation: pdf.js ${median(warm.map((r) => r.drawPdfjs + r.prep)).toFixed(0)} ms, from the JPEG ${median(warm.map((r) => r.drawOurs + r.prepOurs)).toFixed(0)} ms`,
);
