/**
 * The text height estimate (image.ts `textHeight`) of each scanned page and photo:  npx tsx bench/ocr/text-height.ts [DIR...]
 * Measured on the page drawn at PREVIEW (default 800) px wide, printed in pixels of the original file, beside the file's width.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { rgbaToGray, scaleFor, textHeight } from "../../app/documents/text/image";

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [new URL("../../../shared/fixtures/documents/", import.meta.url).pathname];
const PW = Number(process.env.PREVIEW ?? 800);
for (const d of dirs.map((x) => resolve(x)))
  for (const f of readdirSync(d)
    .filter((f) => /-(scan-png|scan-jpg|phone)\.(png|jpe?g)$/.test(f))
    .sort()) {
    const img = await loadImage(readFileSync(join(d, f)));
    const k = PW / img.width;
    const pw = PW,
      ph = Math.round(img.height * k);
    const c = createCanvas(pw, ph);
    const ctx = c.getContext("2d");
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "medium";
    ctx.drawImage(img, 0, 0, pw, ph);
    const t0 = performance.now();
    const th = textHeight(rgbaToGray(ctx.getImageData(0, 0, pw, ph).data, pw, ph), pw, ph);
    const ms = performance.now() - t0;
    const s = scaleFor(img.width, img.height);
    console.log(
      `${f.padEnd(28)} ${String(img.width).padStart(5)} px, scale ${s.toFixed(2)}: text height ${(th / k).toFixed(1)} px original, ${((th / k) * s).toFixed(1)} px as read now (${ms.toFixed(0)} ms)`,
    );
  }
