/**
 * Document pipeline benchmark:  npx tsx bench/ocr/bench.ts [FIXTURE_DIR]
 *
 * 1. born-digital PDF: text-layer extraction time per page (warm)
 * 2. one scanned page: tesseract.js vs the native `tesseract` CLI (Debian tesseract-ocr 5.3, same image, same languages, OEM 1,
 *    measured in this run; the CLI time includes process start and model load, as it would in production)
 * 2b. what the pipeline really spends per scanned page (file bytes → words: decoding, preparation, orientation check, language
 *    choice, recognition) vs the native CLI run with the languages the pipeline ended up using for that page, interleaved,
 *    medians, wall and CPU; for a worker that had another language loaded and for one that had the page's language loaded.
 *    BENCH_REPS (default 3), BENCH_PAGES=all (default: the first two files of each of scan-png, scan-jpg, phone),
 *    BENCH_ONLY=digital,application,native,pages (default: everything).
 * 3. a three-document application (a 3-page scanned PDF + two single-page scans = 5 pages) through extractDocument with a
 *    2-worker pool: wall time warm (workers already started) and cold (including worker start)
 * 4. peak RSS of this process (the tesseract workers are threads in it) while two workers are busy
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { prepareImageForOcr } from "../../app/documents/text/image";
import { ALL_LANGS, OcrPool, type OcrLang } from "../../app/documents/text/ocr";
import { readPdf } from "../../app/documents/text/pdf";
import { extractDocument } from "../../app/documents/pipeline";
import { childCpuMs, cpuMs, descendantsCpu, median, nativeInstalled, runNative, runWithCappedArenas, scannedPages, scannedPdf } from "./measure";

runWithCappedArenas();
const dir = resolve(process.argv[2] ?? new URL("../../../shared/fixtures/documents/", import.meta.url).pathname);
const log = (s: string) => process.stdout.write(s + "\n");
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

// BENCH_ONLY=digital,application,native,pages runs only those sections (all by default)
const only = process.env.BENCH_ONLY?.split(",");
const run = (name: string) => !only || only.includes(name);

// 1. born-digital PDFs
const pdfs = readdirSync(dir)
  .filter((f) => /-pdf\.pdf$/.test(f) && !/-scan-pdf\.pdf$/.test(f))
  .sort();
if (run("digital")) {
  const perPage: number[] = [];
  for (const f of pdfs) await readPdf(new Uint8Array(readFileSync(join(dir, f)))); // warm-up (module load, fonts)
  for (let round = 0; round < 3; round++)
    for (const f of pdfs) {
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const t0 = process.hrtime.bigint();
      const r = await readPdf(bytes);
      perPage.push(ms(t0) / r.numPages);
    }
  log(
    `born-digital PDF text layer: median ${median(perPage).toFixed(1)} ms/page, max ${Math.max(...perPage).toFixed(1)} ms/page over ${perPage.length} runs of ${pdfs.length} files (target < 100 ms/page)`,
  );
}

// 3 + 4. (measured before 2, so the RSS peak is not inflated by the comparison pools of 2) a three-document application: 3-page scanned PDF + two single-page scans, 2 workers
if (run("application")) {
  const { scans, pdf } = await scannedPdf(dir);
  const app = [
    { name: "3-page scanned PDF", bytes: pdf },
    { name: scans[3]!, bytes: new Uint8Array(readFileSync(join(dir, scans[3]!))) },
    {
      name: readdirSync(dir)
        .filter((f) => /-phone\.jpg$/.test(f))
        .sort()[0]!,
      bytes: new Uint8Array(
        readFileSync(
          join(
            dir,
            readdirSync(dir)
              .filter((f) => /-phone\.jpg$/.test(f))
              .sort()[0]!,
          ),
        ),
      ),
    },
  ];
  const run = async (pool: OcrPool) => {
    const t0 = process.hrtime.bigint();
    const c0 = cpuMs();
    const kids = descendantsCpu();
    kids.start();
    const rs = await Promise.all(app.map((d) => extractDocument(d.bytes, { ocr: pool })));
    return { wall: ms(t0), pages: rs.reduce((n, r) => n + r.pages, 0), cpu: (cpuMs() - c0) / 1000, renderCpu: kids.stop() };
  };
  peakRss = process.memoryUsage().rss;
  const cold = new OcrPool({ size: 2, log: () => undefined });
  const c = await run(cold);
  const w = await run(cold);
  const peak = peakRss;
  await cold.terminate();
  log(
    `three-document application (${c.pages} pages of scans, 2 workers): cold ${(c.wall / 1000).toFixed(1)} s (incl. worker start), warm ${(w.wall / 1000).toFixed(1)} s (target ≤ 10 s cold)`,
  );
  log(
    `  CPU, cold / warm: this process (OCR workers, extraction) ${c.cpu.toFixed(1)} / ${w.cpu.toFixed(1)} s, render process ${c.renderCpu.toFixed(1)} / ${w.renderCpu.toFixed(1)} s`,
  );
  log(`peak RSS with two OCR workers busy: ${mb(peak)} (target < 1 GB)`);
}
// 2. one scanned page: tesseract.js vs native CLI, same image, same language set (the nine-language set, and the two-language set
//    the pipeline's automatic language selection picks for a page of this document)
const scanFile = readdirSync(dir)
  .filter((f) => /-scan-png\.png$/.test(f))
  .sort()[0]!;
const img = await prepareImageForOcr(new Uint8Array(readFileSync(join(dir, scanFile))));
const tmp = mkdtempSync(join(tmpdir(), "ocr-bench-"));
const pgm = join(tmp, "page.pgm");
writeFileSync(pgm, img.data);
const haveNative = nativeInstalled();
const requireCjs = createRequire(import.meta.url);
const bestIntDir = join(tmp, "best_int");
mkdirSync(bestIntDir, { recursive: true });
/** Median wall time of three native runs. */
const nativeMedianOf = (input: string, langs: string, tessdataDir?: string) => {
  const xs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    runNative(input, langs, tmp, tessdataDir);
    xs.push(ms(t0));
  }
  return median(xs);
};
log(
  `scanned page ${scanFile} (${img.width}×${img.height}, OEM LSTM_ONLY), tesseract.js 7 best_int warm worker vs native CLI (Debian models, OMP_THREAD_LIMIT=1, incl. process start + model load):`,
);
for (const set of (run("native") ? [[...ALL_LANGS], ["eng"]] : []) as OcrLang[][]) {
  const langs = set.join("+");
  const pool = new OcrPool({ size: 1, langs: set, languageSelection: "all", log: () => undefined });
  let t0 = process.hrtime.bigint();
  await pool.warmUp();
  const create = ms(t0);
  const js: number[] = [];
  // like for like with the CLI: one layout analysis + recognition, single-block mode as the pipeline reads a scan
  for (let i = 0; i < 3; i++) {
    t0 = process.hrtime.bigint();
    await pool.recognize({ ...img, photo: false });
    js.push(ms(t0));
  }
  const asPhoto: number[] = [];
  for (let i = 0; i < 3; i++) {
    t0 = process.hrtime.bigint();
    await pool.recognize({ ...img, photo: true });
    asPhoto.push(ms(t0));
  }
  await pool.terminate();
  const jsMedian = median(js);
  let nativeLine = "native: not installed (apt-get install tesseract-ocr tesseract-ocr-{nor,swe,dan,eng,deu,spa,pol,fra,ita})";
  let nativeMedian = NaN;
  if (haveNative) {
    nativeMedian = nativeMedianOf(pgm, langs);
    // the same engine comparison with the same models: the CLI given our @tesseract.js-data best_int files (unpacked)
    for (const code of set) {
      const gz = readFileSync(join(dirname(requireCjs.resolve(`@tesseract.js-data/${code}/package.json`)), "4.0.0_best_int", `${code}.traineddata.gz`));
      writeFileSync(join(bestIntDir, `${code}.traineddata`), gunzipSync(gz));
    }
    const natOurs = nativeMedianOf(pgm, langs, bestIntDir);
    nativeLine =
      `native median ${(nativeMedian / 1000).toFixed(2)} s (with our best_int models: ${(natOurs / 1000).toFixed(2)} s, ` +
      `so tesseract.js / native on the same models ${(jsMedian / natOurs).toFixed(2)}×)`;
  }
  log(
    `  ${langs}: tesseract.js median ${(jsMedian / 1000).toFixed(2)} s (worker creation ${create.toFixed(0)} ms), ${nativeLine}` +
      (Number.isFinite(nativeMedian) ? `, ratio ${(jsMedian / nativeMedian).toFixed(2)}× (target ≤ 1.3×)` : "") +
      `; read as a photo (single-column mode) ${(median(asPhoto) / 1000).toFixed(2)} s`,
  );
}
if (run("pages")) {
  // 2b. what the pipeline really spends per scanned page, from the file's bytes to words (decode, preparation, orientation check,
  // language choice, recognition), against the native CLI with the languages the pipeline ended up using for that page, measured
  // interleaved in this run. Two worker states: "new language" (the worker has another language loaded, as for the first page of
  // a document in a language not read just before, or a new worker: it starts with English) and "same language" (e.g. page 2 of
  // a document). Native is given the same prepared page (same pixels; its time is recognition only) and, for reference, the
  // original file (its own decoding and binarisation).
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const pick = scannedPages(dir);
  // BENCH_POOLS: the pool sizes to measure (default "1,2"). With two workers (the job runner's default) a page on its own is read
  // in two halves at once when it has a wide gap near the middle of its text (OcrPool.splitPages).
  const poolSizes = (process.env.BENCH_POOLS ?? "1,2").split(",").map(Number);
  const pools = new Map<number, OcrPool>();
  for (const n of poolSizes) {
    const p = new OcrPool({ size: n, log: () => undefined });
    await p.warmUp();
    pools.set(n, p);
  }
  const probePool = pools.get(poolSizes[0]!)!;
  type Ratios = { cold: number[]; warm: number[]; coldCpu: number[]; warmCpu: number[]; hint: number[]; hintCpu: number[] };
  const ratios = new Map<number, Ratios>(poolSizes.map((n) => [n, { cold: [], warm: [], coldCpu: [], warmCpu: [], hint: [], hintCpu: [] }]));
  log(
    `pipeline per scanned page (bytes → words, warm pools of ${poolSizes.join(" and ")} workers) vs native CLI with the languages the pipeline chose for the page (${reps} interleaved runs, medians; wall, and CPU in brackets):`,
  );
  for (const f of pick) {
    const bytes = new Uint8Array(readFileSync(join(dir, f)));
    const probe = await probePool.recognize(await prepareImageForOcr(bytes));
    const langs = probe.ocrLangs ?? "eng";
    const other: OcrLang[] = langs.split("+").includes("eng") && langs !== "eng" ? ["eng"] : langs === "eng" ? ["deu"] : ["eng"];
    const ppgm = join(tmp, "pipe.pgm");
    writeFileSync(ppgm, (await prepareImageForOcr(bytes)).data);
    type M = { cold: number[]; warm: number[]; coldCpu: number[]; warmCpu: number[]; hint: number[]; hintCpu: number[]; coldPath: string; warmPath: string; hintPath: string };
    const per = new Map<number, M>(poolSizes.map((n) => [n, { cold: [], warm: [], coldCpu: [], warmCpu: [], hint: [], hintCpu: [], coldPath: "", warmPath: "", hintPath: "" }]));
    const nat = { wall: [] as number[], cpu: [] as number[], file: [] as number[] };
    const hintLang = probe.ocr?.detected ?? undefined;
    const pipe = async (pool: OcrPool, hint?: string) => {
      const t0 = process.hrtime.bigint(),
        c0 = cpuMs();
      const pt = await pool.recognize(await prepareImageForOcr(bytes), 1, { hint });
      return { wall: ms(t0), cpu: cpuMs() - c0, pt };
    };
    const how = (pt: { ocr?: { path: string; turns: number; parts?: number; aside?: boolean } }) =>
      `${pt.ocr?.path}${pt.ocr?.turns ? ` turned ${pt.ocr.turns * 90}°` : ""}${(pt.ocr?.parts ?? 1) > 1 ? `, in ${pt.ocr?.parts} parts` : ""}` +
      `${pt.ocr?.aside ? ", detection read aside" : ""}`;
    const native = (input: string) => {
      const t0 = process.hrtime.bigint(),
        c0 = childCpuMs();
      runNative(input, langs, tmp);
      return { wall: ms(t0), cpu: childCpuMs() - c0 };
    };
    for (let i = 0; i < reps; i++) {
      for (const [n, pool] of pools) {
        const m = per.get(n)!;
        await pool.setLanguages(other);
        const c = await pipe(pool);
        m.cold.push(c.wall);
        m.coldCpu.push(c.cpu);
        m.coldPath = how(c.pt);
        const w = await pipe(pool);
        m.warm.push(w.wall);
        m.warmCpu.push(w.cpu);
        m.warmPath = how(w.pt);
        if (hintLang) {
          // a caller that knows the language (the country the resident named): no detection read, a worker with another language
          await pool.setLanguages(other);
          const hn = await pipe(pool, hintLang);
          m.hint.push(hn.wall);
          m.hintCpu.push(hn.cpu);
          m.hintPath = how(hn.pt);
        }
      }
      if (haveNative) {
        const n = native(ppgm);
        nat.wall.push(n.wall);
        nat.cpu.push(n.cpu);
        nat.file.push(native(join(dir, f)).wall);
      }
    }
    const s2 = (x: number) => (x / 1000).toFixed(2);
    const nw = median(nat.wall),
      nc = median(nat.cpu);
    log(`  ${f} → ${langs}: native -l ${langs} on the prepared page ${s2(nw)} s [${s2(nc)}], on the original file ${s2(median(nat.file))} s`);
    for (const [n, m] of per) {
      const r = ratios.get(n)!;
      if (Number.isFinite(nw)) {
        r.cold.push(median(m.cold) / nw);
        r.warm.push(median(m.warm) / nw);
        r.coldCpu.push(median(m.coldCpu) / nc);
        r.warmCpu.push(median(m.warmCpu) / nc);
        if (m.hint.length) r.hint.push(median(m.hint) / nw);
        if (m.hintCpu.length) r.hintCpu.push(median(m.hintCpu) / nc);
      }
      log(
        `    ${n} worker${n > 1 ? "s" : ""}: new language (from ${other.join("+")}, ${m.coldPath}) ${s2(median(m.cold))} s [${s2(median(m.coldCpu))}], ` +
          `same language (${m.warmPath}) ${s2(median(m.warm))} s [${s2(median(m.warmCpu))}]` +
          (m.hint.length ? `, hinted "${hintLang}" (${m.hintPath}) ${s2(median(m.hint))} s [${s2(median(m.hintCpu))}]` : "") +
          (Number.isFinite(nw)
            ? `; ratio ${(median(m.cold) / nw).toFixed(2)}× / ${(median(m.warm) / nw).toFixed(2)}× (CPU ${(median(m.coldCpu) / nc).toFixed(2)}× / ${(median(m.warmCpu) / nc).toFixed(2)}×)`
            : ""),
      );
    }
  }
  for (const p of pools.values()) await p.terminate();
  for (const [n, r] of ratios) {
    if (!r.cold.length) continue;
    const mx = (xs: number[]) => Math.max(...xs).toFixed(2);
    log(
      `  pipeline / native with ${n} worker${n > 1 ? "s" : ""}, median over ${r.cold.length} pages: new language ${median(r.cold).toFixed(2)}× (max ${mx(r.cold)}×), same language ${median(r.warm).toFixed(2)}× (max ${mx(r.warm)}×); ` +
        `CPU ${median(r.coldCpu).toFixed(2)}× / ${median(r.warmCpu).toFixed(2)}× (target ≤ 1.5×)` +
        (r.hint.length
          ? `; with a language hint (no detection read) ${median(r.hint).toFixed(2)}× (max ${mx(r.hint)}×), CPU ${median(r.hintCpu).toFixed(2)}× (max ${mx(r.hintCpu)}×)`
          : ""),
    );
  }
}
if (haveNative) log(`  native: ${execFileSync("tesseract", ["--version"], { encoding: "utf8" }).split("\n")[0]}`);

clearInterval(sampler);
