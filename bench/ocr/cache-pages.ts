/**
 * Development helper: OCR/text every fixture once and store the positioned pages as JSON, so extraction changes can be scored in
 * seconds (bench/ocr/eval-cached.ts).   npx tsx bench/ocr/cache-pages.ts OUT_DIR [FIXTURE_DIR] [--only REGEX] [--workers N] [--pool-size M]
 * Like the scorer (one fresh process per document), every document starts on a worker with English loaded: N lanes, each
 * with its own one-worker pool reset to English before each document (the languages a page is read with depend on the
 * worker's state, and so does the OCR output). --pool-size 2 gives each lane a two-worker pool, so a page is read in two halves at
 * once (run it with --workers 1 to score that path: the app's job runner has a pool of two).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { OcrPool } from "../../app/documents/text/ocr";
import { readPages } from "../../app/documents/pipeline";

const args = process.argv.slice(2);
const flag = (n: string) => {
  const i = args.indexOf(n);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const only = flag("--only");
const workers = Number(flag("--workers") ?? 2);
const poolSize = Number(flag("--pool-size") ?? 1);
const out = resolve(args[0] ?? "/tmp/pages");
const dir = resolve(args[1] ?? new URL("../../../shared/fixtures/documents/", import.meta.url).pathname);
mkdirSync(out, { recursive: true });
const files = readdirSync(dir)
  .filter((f) => /\.(pdf|png|jpe?g)$/i.test(f))
  .filter((f) => !only || new RegExp(only).test(f))
  .sort();
const pools = Array.from({ length: workers }, () => new OcrPool({ size: poolSize, log: () => undefined }));
const queue = [...files];
const t0 = Date.now();
await Promise.all(
  pools.map(async (pool) => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const s = Date.now();
      await pool.setLanguages(["eng"]);
      const r = await readPages(new Uint8Array(readFileSync(join(dir, f))), { ocr: pool });
      writeFileSync(join(out, basename(f, extname(f)) + ".pages.json"), JSON.stringify(r.pages));
      process.stderr.write(`${f} ${((Date.now() - s) / 1000).toFixed(1)} s\n`);
    }
  }),
);
await Promise.all(pools.map((p) => p.terminate()));
process.stderr.write(`total ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
