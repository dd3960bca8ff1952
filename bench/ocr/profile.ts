/**
 * Where a scanned page's time goes:  npx tsx bench/ocr/profile.ts [FILE...]
 * For each file (default: the first two of each scanned rendering in the dev fixtures): decoding + preparation (best of 3),
 * our deskew angle, the residual gradient tesseract's own layout analysis still finds on the prepared page (rotateAuto; it
 * reports 0 below its 0.005 rad threshold), and the time of the detection read of the top and of one full read (no
 * rotateAuto), English model. Prints figures only; for the pipeline against native tesseract use bench.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { createWorker, OEM } from "tesseract.js";
import { prepareImageForOcr } from "../../app/documents/text/image";
import { prepareLangDir } from "../../app/documents/text/ocr";
import { detectionImage } from "../../app/documents/text/page-image";

const dir = resolve(new URL("../../../shared/fixtures/documents/", import.meta.url).pathname);
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : (() => {
      const all = readdirSync(dir)
        .filter((f) => /-(scan-png|scan-jpg|phone)\.(png|jpe?g)$/.test(f))
        .sort();
      return ["scan-png", "scan-jpg", "phone"].flatMap((r) => all.filter((f) => f.includes(`-${r}.`)).slice(0, 2)).map((f) => join(dir, f));
    })();
const now = () => performance.now();
const langDir = prepareLangDir(join(tmpdir(), `frikort-tessdata-${process.getuid?.() ?? 0}`), ["eng"]);
const worker = await createWorker("eng", OEM.LSTM_ONLY, { langPath: langDir, gzip: true, cacheMethod: "none" });
await worker.setParameters({ user_defined_dpi: "300", preserve_interword_spaces: "1" });
const best = async <T>(n: number, f: () => Promise<T>): Promise<[number, T]> => {
  let t = Infinity,
    r: T | undefined;
  for (let i = 0; i < n; i++) {
    const t0 = now();
    r = await f();
    t = Math.min(t, now() - t0);
  }
  return [t, r!];
};
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(f));
  const [prep, img] = await best(3, () => prepareImageForOcr(bytes));
  const grad = (await worker.recognize(img.data, { rotateAuto: true }, { blocks: false, text: false })).data as { rotateRadians?: number };
  const det = detectionImage(img)!;
  const [detect] = await best(2, () => worker.recognize(det.data, { rotateAuto: false }, { blocks: true, text: false }));
  const [read] = await best(2, () => worker.recognize(img.data, { rotateAuto: false }, { blocks: true, text: false }));
  console.log(
    `${basename(f)} → ${img.width}×${img.height}: prepare ${prep.toFixed(0)} ms, skew ${(((img.skewRadians ?? 0) * 180) / Math.PI).toFixed(2)}°, ` +
      `residual gradient ${(grad.rotateRadians ?? 0).toFixed(4)} rad; detection read ${detect.toFixed(0)} ms (${det.width}×${det.height}), full read ${read.toFixed(0)} ms`,
  );
}
await worker.terminate();
