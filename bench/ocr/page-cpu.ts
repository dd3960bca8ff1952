/**
 * CPU seconds per scanned page, like for like with native tesseract:  npx tsx bench/ocr/page-cpu.ts [FIXTURE_DIR]
 *
 * One recognising thread each: one tesseract.js worker (OcrPool size 1, the page's language already loaded, the language given as the
 * hint, so no detection read and no model switch) against the native CLI with OMP_THREAD_LIMIT=1 and the same languages,
 * given (a) the original file (its own decoding and binarisation: what native tesseract would cost in our place) and (b) our
 * prepared page (the same pixels tesseract.js reads: the engine alone). Ours is split into preparation (decode, grayscale,
 * upscale to 2 400 px wide, crop, deskew: main thread and the preparation helper) and recognition (the worker thread), each
 * in CPU seconds of this process (process.cpuUsage counts every thread, so a helper's time is in it). Medians of BENCH_REPS (3) runs, interleaved.
 * BENCH_PAGES=all reads every scan and photo; default the first two of scan-png, scan-jpg and phone. BENCH_TEXT_HEIGHT=N prepares
 * with that text height (image.ts `scaleForText`; default the code's TEXT_HEIGHT).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { prepareImageForOcr } from "../../app/documents/text/image";
import { OcrPool, TESS_LANG } from "../../app/documents/text/ocr";
import { childCpuMs, cpuMs, median, nativeInstalled, runNative, runWithCappedArenas, scannedPages } from "./measure";

runWithCappedArenas();
const dir = resolve(process.argv[2] ?? new URL("../../../shared/fixtures/documents/", import.meta.url).pathname);
const reps = Number(process.env.BENCH_REPS ?? 3);
if (!nativeInstalled()) {
  console.log("native tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-{nor,swe,dan,eng,deu,spa,pol,fra,ita}");
  process.exit(1);
}
const prepOpts = process.env.BENCH_TEXT_HEIGHT ? { textHeight: Number(process.env.BENCH_TEXT_HEIGHT) } : {};
const tmp = mkdtempSync(join(tmpdir(), "page-cpu-"));
/** CPU ms of one native run. */
const native = (input: string, langs: string) => {
  const c0 = childCpuMs();
  runNative(input, langs, tmp);
  return childCpuMs() - c0;
};

const pick = scannedPages(dir);
const pool = new OcrPool({ size: 1, log: () => undefined });
await pool.warmUp();
const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(
  `CPU seconds per page, one OCR worker against one native thread (CPU of every thread counted), medians of ${reps} (ours: preparation + recognition; native: on the original file / on our prepared page)`,
);
const ratioFile: number[] = [];
const ratioPrepared: number[] = [];
const ratioEngine: number[] = [];
for (const f of pick) {
  const bytes = new Uint8Array(readFileSync(join(dir, f)));
  // the document's language as the hint (the file name's language: nb-es is a Norwegian page from Spain)
  const hint = f.split("-")[1]!;
  const first = await pool.recognize(await prepareImageForOcr(bytes, prepOpts), 1, { hint }); // loads the language: not measured
  const langs = first.ocrLangs ?? `${TESS_LANG[hint]}+eng`;
  const pgm = join(tmp, "page.pgm");
  const img = await prepareImageForOcr(bytes, prepOpts);
  writeFileSync(pgm, img.data);
  const prep: number[] = [];
  const rec: number[] = [];
  const natFile: number[] = [];
  const natPrepared: number[] = [];
  for (let i = 0; i < reps; i++) {
    let c0 = cpuMs();
    const page = await prepareImageForOcr(bytes, prepOpts);
    prep.push(cpuMs() - c0);
    c0 = cpuMs();
    await pool.recognize(page, 1, { hint });
    rec.push(cpuMs() - c0);
    natFile.push(native(join(dir, f), langs));
    natPrepared.push(native(pgm, langs));
  }
  const ours = median(prep) + median(rec);
  ratioFile.push(ours / median(natFile));
  ratioPrepared.push(ours / median(natPrepared));
  ratioEngine.push(median(rec) / median(natPrepared));
  console.log(
    `  ${f} (${img.width}×${img.height} prepared) -l ${langs}: ours ${s(ours)} s (preparation ${s(median(prep))}, recognition ${s(median(rec))}); ` +
      `native ${s(median(natFile))} s on the file, ${s(median(natPrepared))} s on the prepared page; ` +
      `ratio ${(ours / median(natFile)).toFixed(2)}× / ${(ours / median(natPrepared)).toFixed(2)}×, recognition alone ${(median(rec) / median(natPrepared)).toFixed(2)}×`,
  );
}
await pool.terminate();
const mx = (xs: number[]) => Math.max(...xs).toFixed(2);
console.log(
  `median over ${pick.length} pages: ours / native on the file ${median(ratioFile).toFixed(2)}× (max ${mx(ratioFile)}×), ` +
    `ours / native on the prepared page ${median(ratioPrepared).toFixed(2)}× (max ${mx(ratioPrepared)}×), ` +
    `recognition / native on the prepared page ${median(ratioEngine).toFixed(2)}× (max ${mx(ratioEngine)}×) (target ≤ 1.5× CPU)`,
);
console.log(`native: ${execFileSync("tesseract", ["--version"], { encoding: "utf8" }).split("\n")[0]}`);
