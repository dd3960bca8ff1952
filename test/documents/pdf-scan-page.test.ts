/**
 * Issue 21 (speed): a scanner's PDF page — one JPEG over the whole page — is read from the JPEG itself, as an uploaded scan is,
 * not drawn by pdf.js at 300 DPI first; any page with more on it than that picture is still drawn as it shows.
 */
import { readFileSync } from "node:fs";
import { degrees, PDFDocument, PDFName, PDFNumber, type PDFRawStream, PDFString, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { prepareDrawableForOcr } from "~/documents/text/image";
import { RenderProcess } from "~/documents/text/isolated";
import type { OcrImage } from "~/documents/text/ocr";
import { OCR_DPI, openPdf } from "~/documents/text/pdf";
import { bareDraws, drawScanPage, scanPages } from "~/documents/text/pdf-scan-page";
import { jpegOrientation } from "~/documents/text/formats";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const jpeg = new Uint8Array(readFileSync(`${FIXTURES}inv08-es-es-phone.jpg`));
const png = new Uint8Array(readFileSync(`${FIXTURES}inv03-nb-es-scan-png.png`));

/** A JPEG with an EXIF segment giving `orientation` (big-endian TIFF, one IFD entry). */
function withOrientation(j: Uint8Array, orientation: number, littleEndian = false): Uint8Array {
  const tiff = littleEndian
    ? [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]
    : [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), Buffer.from(tiff)]);
  const len = body.length + 2;
  return new Uint8Array(Buffer.concat([j.subarray(0, 2), Buffer.from([0xff, 0xe1, len >> 8, len & 255]), body, j.subarray(2)]));
}

type Opts = {
  part?: boolean;
  text?: boolean;
  rotatePage?: boolean;
  rotateImage?: boolean;
  asPng?: boolean;
  pages?: number;
  orientation?: number;
  userUnit?: number;
  optionalContent?: boolean;
};
async function scanPdf(o: Opts = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const img = o.asPng ? await pdf.embedPng(png) : await pdf.embedJpg(o.orientation ? withOrientation(jpeg, o.orientation) : jpeg);
  for (let i = 0; i < (o.pages ?? 1); i++) {
    const page = pdf.addPage([595, 842]);
    if (o.rotatePage) page.setRotation(degrees(90));
    if (o.rotateImage) page.drawImage(img, { x: 595, y: 0, width: 842, height: 595, rotate: degrees(90) });
    else if (o.part) page.drawImage(img, { x: 40, y: 40, width: 515, height: 762 });
    else page.drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
    if (o.text) page.drawText("Betalt", { x: 400, y: 700, size: 30, font: await pdf.embedFont(StandardFonts.Helvetica) });
    if (o.userUnit) page.node.set(PDFName.of("UserUnit"), PDFNumber.of(o.userUnit));
    if (o.optionalContent) {
      // the image in an optional content group (pdf.js leaves it out when the group is off)
      const group = pdf.context.obj({ Type: "OCG", Name: PDFString.of("Skjult") });
      await img.embed(); // pdf-lib writes the image's stream at save, unless asked now
      (pdf.context.lookup(img.ref) as PDFRawStream).dict.set(PDFName.of("OC"), pdf.context.register(group));
    }
  }
  return pdf.save();
}

describe("a bare scan page", () => {
  it("is found in a scanner-style PDF, on every page, as the very JPEG that was scanned", async () => {
    const pages = await scanPages(await scanPdf({ pages: 2 }));
    expect(Buffer.from(pages.jpeg(1)!.jpeg).equals(Buffer.from(jpeg))).toBe(true);
    expect(Buffer.from(pages.jpeg(2)!.jpeg).equals(Buffer.from(jpeg))).toBe(true);
    expect(pages.jpeg(1)).toMatchObject({ view: [0, 0, 595, 842], rect: [0, 0, 595, 842] });
    expect(pages.jpeg(3)).toBeNull();
    // the scanned PDF among the fixtures is one
    expect((await scanPages(new Uint8Array(readFileSync(`${FIXTURES}inv12-es-es-scan-pdf.pdf`)))).jpeg(1)).not.toBeNull();
  });

  it("is not one when the page shows more than the picture, or shows it otherwise", async () => {
    // (the canvas library turns a JPEG by its EXIF orientation, pdf.js does not: such a JPEG is left to pdf.js)
    for (const o of [
      { text: true },
      { part: true },
      { rotatePage: true },
      { rotateImage: true },
      { asPng: true },
      { orientation: 3 },
      { userUnit: 2 },
      { optionalContent: true },
    ] satisfies Opts[])
      expect((await scanPages(await scanPdf(o))).jpeg(1), JSON.stringify(o)).toBeNull();
    // a born-digital PDF, and a file that is not a PDF at all
    expect((await scanPages(new Uint8Array(readFileSync(`${FIXTURES}inv02-sv-se-pdf.pdf`)))).jpeg(1)).toBeNull();
    expect((await scanPages(new TextEncoder().encode("not a pdf"))).jpeg(1)).toBeNull();
  });

  it("reads a JPEG's EXIF orientation, in either byte order, 1 without one", () => {
    expect(jpegOrientation(jpeg)).toBe(1);
    expect(jpegOrientation(withOrientation(jpeg, 3))).toBe(3);
    expect(jpegOrientation(withOrientation(jpeg, 6, true))).toBe(6);
    expect(jpegOrientation(withOrientation(jpeg, 1))).toBe(1);
  });

  it("reads content streams of q/Q/cm/Do only, with the matrices composed", () => {
    expect(bareDraws("q 595 0 0 842 0 0 cm /Im0 Do Q")).toEqual([{ name: "Im0", ctm: [595, 0, 0, 842, 0, 0] }]);
    expect(bareDraws("q 1 0 0 1 10 20 cm q 2 0 0 3 0 0 cm /X Do Q Q")).toEqual([{ name: "X", ctm: [2, 0, 0, 3, 10, 20] }]);
    expect(bareDraws("q 595 0 0 842 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET")).toBeNull();
    expect(bareDraws("/GS0 gs q 595 0 0 842 0 0 cm /Im0 Do Q")).toBeNull();
    expect(bareDraws("Q")).toBeNull();
  });
});

/** Share of the two prepared pages' pixels that differ by more than `by` grey levels (1 when their sizes differ). */
function differ(a: OcrImage, b: OcrImage, by: number): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  const da = a.data.subarray(a.data.length - a.width * a.height),
    db = b.data.subarray(b.data.length - b.width * b.height);
  let n = 0;
  for (let i = 0; i < da.length; i++) if (Math.abs(da[i]! - db[i]!) > by) n++;
  return n / da.length;
}

async function pdfjsPage(bytes: Uint8Array): Promise<OcrImage> {
  const doc = await openPdf(bytes);
  try {
    const page = await doc.getPage(1);
    const rv = page.getViewport({ scale: OCR_DPI / 72 });
    const w = Math.ceil(rv.width),
      h = Math.ceil(rv.height);
    const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: unknown } } }).canvasFactory;
    const cc = factory.create(w, h);
    await page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport: rv }).promise;
    return prepareDrawableForOcr(cc.canvas as never, w, h);
  } finally {
    await doc.destroy();
  }
}

async function fromJpeg(bytes: Uint8Array): Promise<OcrImage> {
  const drawn = (await drawScanPage((await scanPages(bytes)).jpeg(1)!, OCR_DPI))!;
  return prepareDrawableForOcr(drawn.canvas, drawn.width, drawn.height);
}

describe("a bare scan page drawn from its JPEG", () => {
  it("is the page pdf.js draws: same size, same place, same smoothing (only the JPEG decoders' rounding differs)", async () => {
    // the fixture's scan (1,968 px wide on a 2,481-px page: enlarged 1.26×, smoothed as pdf.js does) and the photo (enlarged
    // 1.45×: without smoothing, as pdf.js does)
    for (const bytes of [new Uint8Array(readFileSync(`${FIXTURES}inv12-es-es-scan-pdf.pdf`)), await scanPdf()]) {
      const [a, b] = [await pdfjsPage(bytes), await fromJpeg(bytes)];
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      // measured: the scan 0.07 % of pixels differ, none by more than 8 levels; the photo 1.2 %, 0.002 % by more than 32 (with the
      // wrong smoothing, or the image a pixel off, edges differ all over the page)
      expect(differ(a, b, 32)).toBeLessThan(1e-4);
      expect(differ(a, b, 0)).toBeLessThan(0.02);
    }
  });

  it("is what the render process reads", async () => {
    const renderer = new RenderProcess({ log: () => undefined });
    try {
      const bytes = await scanPdf();
      const pdf = renderer.openPdf(bytes);
      const there = await pdf.page(1, false);
      pdf.close();
      // the same code on the same machine: the very same pixels (pdf.js's own draw differs in 0.05–0.2 % of them)
      const here = await fromJpeg(bytes);
      expect(differ(there, here, 0)).toBe(0);
    } finally {
      renderer.end();
    }
  });
});
