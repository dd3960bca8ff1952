import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const standardFontDataUrl = `${process.cwd()}/node_modules/pdfjs-dist/standard_fonts/`;

/** The text layer of every page. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, standardFontDataUrl }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text +=
      content.items
        .map((it) => ("str" in it ? it.str : ""))
        .join(" ")
        .replace(/\u00a0/g, " ") + "\n";
  }
  await doc.destroy();
  return text;
}

/**
 * Renders the first page to a PNG (pdfjs + @napi-rs/canvas, as the document pipeline does; poppler's
 * pdftoppm is not installed on this machine) and reads it back with OCR (tesseract.js, offline
 * Norwegian/English data): what a person printing the letter would see.
 */
export async function renderAndRead(bytes: Uint8Array, lang: "nor" | "eng" = "nor"): Promise<{ png: Buffer; text: string }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const { createCanvas } = await import("@napi-rs/canvas");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, standardFontDataUrl }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 200 / 72 });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport }).promise;
  const png = canvas.toBuffer("image/png");
  await doc.destroy();
  const { createWorker } = await import("tesseract.js");
  const { prepareLangDir } = await import("~/documents/text/ocr");
  const dir = mkdtempSync(path.join(tmpdir(), "fp-ocr-"));
  const worker = await createWorker(lang, 1, { langPath: prepareLangDir(dir, [lang]), gzip: true, cacheMethod: "none", cachePath: dir });
  try {
    const { data } = await worker.recognize(png);
    return { png, text: data.text };
  } finally {
    await worker.terminate();
  }
}
