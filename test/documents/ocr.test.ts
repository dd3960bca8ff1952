/**
 * The OCR pool's page reading: language chosen from the first pass, the single-pass path on an upright page in a loaded language,
 * and orientation recovery for an upside-down or sideways page. Born-digital fixture PDFs are rendered at 300 DPI and read as scans.
 */
import { readFileSync, existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { prepareDrawableForOcr, prepareImageForOcr, rotateGray, toPgm } from "~/documents/text/image";
import { OcrPool, type OcrImage } from "~/documents/text/ocr";
import { balancedSplitRow, bandsCovered, inkedRowShare, looksUpright, pgmRows, rotatePgm, pgmCrop, splitRow, uncoveredInk, uprightScore } from "~/documents/text/page-image";
import { openPdf } from "~/documents/text/pdf";
import { extractFromPages } from "~/documents/extract";
import type { PageText } from "~/documents/types";

const dir = new URL("../fixtures/documents/", import.meta.url).pathname;
const has = existsSync(dir);

/** A PGM page with `n` text-like rows (dark bars 24 px high, 26 px apart) starting at y0. */
function barsPage(w: number, h: number, n: number, y0 = 100): OcrImage {
  const g = new Uint8Array(w * h).fill(255);
  for (let i = 0; i < n; i++) for (let y = y0 + i * 50; y < y0 + i * 50 + 24 && y < h; y++) for (let x = 100; x < w - 100; x += 3) g[y * w + x] = 0;
  return { data: toPgm(g, w, h), width: w, height: h };
}

describe("page splitting and rotation (pure)", () => {
  it("ends the first pass in a blank gap after a dozen text rows, never through a row", () => {
    const img = barsPage(1200, 3000, 50);
    const cut = splitRow(img)!;
    expect(cut).toBeGreaterThan(100 + 11 * 50 + 24); // after the 12th row
    expect(cut).toBeLessThan(1800); // ≤ 60 % of the page
    expect((cut - 100) % 50).toBeGreaterThanOrEqual(24); // inside a gap
    expect(pgmRows(img, 0, cut).length).toBe(`P5\n1200 ${cut}\n255\n`.length + 1200 * cut);
  });

  it("has no split for an empty page", () => {
    expect(splitRow(barsPage(800, 1200, 0))).toBeNull();
  });

  it("cuts a page for two workers in its widest gap near the middle of the text, never through a row", () => {
    // 20 rows, then a section break (a 150 px gap), then 20 rows: the cut is in the break
    const w = 1200,
      h = 2600;
    const g = new Uint8Array(w * h).fill(255);
    const row = (y0: number) => {
      for (let y = y0; y < y0 + 24; y++) for (let x = 100; x < w - 100; x += 3) g[y * w + x] = 0;
    };
    for (let i = 0; i < 20; i++) row(100 + i * 50);
    for (let i = 0; i < 20; i++) row(1224 + i * 50);
    const cut = balancedSplitRow({ data: toPgm(g, w, h), width: w, height: h })!;
    expect(cut).toBeGreaterThan(100 + 19 * 50 + 24);
    expect(cut).toBeLessThan(1224);
    // evenly spaced rows: a gap between two rows near the middle
    const even = barsPage(1200, 3000, 50);
    const c2 = balancedSplitRow(even)!;
    expect((c2 - 100) % 50).toBeGreaterThanOrEqual(24);
    expect(Math.abs(c2 - (100 + 25 * 50))).toBeLessThan(300);
    // too little text to be worth two workers
    expect(balancedSplitRow(barsPage(1200, 3000, 10))).toBeNull();
  });

  it("cuts a framed page between its text rows: the frame's slanted side lines are not text", () => {
    const w = 1200,
      h = 3000;
    const framed = barsPage(w, h, 50);
    const px = framed.data.subarray(framed.data.length - w * h);
    // two 3-px side lines drifting 1 px every 40 rows (about 1.4°), as a photographed frame stays after deskew
    for (let y = 20; y < h - 20; y++) for (const x0 of [40, w - 60]) for (let k = 0; k < 3; k++) px[y * w + x0 + Math.floor(y / 40) + k] = 0;
    const cut = balancedSplitRow(framed)!;
    expect(cut).not.toBeNull();
    expect((cut - 100) % 50).toBeGreaterThanOrEqual(24); // in a gap between rows
    expect(Math.abs(cut - (100 + 25 * 50))).toBeLessThan(300);
  });

  it("measures how much of an image's text a read's words cover (a photo read that gave up on most of the image is read again)", () => {
    const img = barsPage(1200, 1200, 10);
    const word = (y: number) => ({ text: "x", confidence: 90, bbox: { x0: 100, y0: y, x1: 300, y1: y + 24 } });
    expect(bandsCovered(img.data, [word(100)])).toEqual({ bands: 10, covered: 1, share: 0.1 });
    const all = bandsCovered(
      img.data,
      Array.from({ length: 10 }, (_, i) => word(100 + i * 50)),
    )!;
    expect(all.covered).toBe(10);
    expect(all.share).toBe(1);
  });

  it("finds a column of text a read passed over: word-wide runs of ink under no word, not specks", () => {
    // ten rows, each a description (x 100–700) and an amount (x 1000–1150), plus a speck right of every row
    const w = 1300,
      h = 700;
    const g = new Uint8Array(w * h).fill(255);
    for (let i = 0; i < 10; i++)
      for (let y = 100 + i * 50; y < 124 + i * 50; y++) {
        for (let x = 100; x < 700; x += 3) g[y * w + x] = 0;
        for (let x = 1000; x < 1150; x += 3) g[y * w + x] = 0;
        g[y * w + 1250] = 0;
      }
    const img = toPgm(g, w, h);
    const word = (x0: number, x1: number, y: number) => ({ text: "x", confidence: 90, bbox: { x0, y0: y, x1, y1: y + 24 } });
    const rows = Array.from({ length: 10 }, (_, i) => 100 + i * 50);
    // the descriptions read, the amounts not: ten runs, one per row, where the amounts are
    const missed = uncoveredInk(
      img,
      rows.map((y) => word(100, 700, y)),
    )!;
    expect(missed.length).toBe(10);
    expect(missed.every((m) => m.x0 >= 990 && m.x1 <= 1160)).toBe(true);
    // everything read (a word over the "€" at the start of an amount is not enough)
    expect(
      uncoveredInk(
        img,
        rows.flatMap((y) => [word(100, 700, y), word(1000, 1150, y)]),
      ),
    ).toEqual([]);
    expect(
      uncoveredInk(
        img,
        rows.flatMap((y) => [word(100, 700, y), word(1000, 1030, y)]),
      )!.length,
    ).toBe(10);
  });

  it("cuts a rectangle out of a page, clipped to it, with its offset", () => {
    const g = new Uint8Array(40 * 30).map((_, i) => i % 251);
    const img = toPgm(g, 40, 30);
    const c = pgmCrop(img, 35, -5, 60, 3)!;
    expect([c.x, c.y]).toEqual([35, 0]);
    expect(c.data.subarray(0, 11).toString("latin1")).toBe("P5\n5 3\n255\n");
    expect([...c.data.subarray(11)]).toEqual([0, 1, 2].flatMap((y) => [35, 36, 37, 38, 39].map((x) => (y * 40 + x) % 251)));
    expect(pgmCrop(img, 50, 0, 60, 10)).toBeNull();
  });

  it("turns a page by quarter turns and back", () => {
    const img = barsPage(300, 200, 2, 20);
    const r1 = rotatePgm(img, 1);
    expect([r1.width, r1.height]).toEqual([200, 300]);
    expect(rotatePgm(r1, 3).data.equals(img.data)).toBe(true);
    expect(rotatePgm(rotatePgm(img, 2), 2).data.equals(img.data)).toBe(true);
  });

  it("tells text read the right way up from fragments", () => {
    const w = (text: string, confidence: number) => ({ text, confidence, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } });
    const upright = ["Factura", "Fecha", "Paciente", "Fisioterapia", "Total", "44,00", "EUR"].map((t) => w(t, 90));
    const garbage = ["ʞ", "oq", "'", "ɐu", "1'", "Sl", "ou", "·"].map((t) => w(t, 35));
    expect(looksUpright(upright)).toBe(true);
    expect(looksUpright(garbage)).toBe(false);
    expect(uprightScore(upright)).toBeGreaterThan(uprightScore(garbage));
  });

  it("does not take an empty read of an inked page as upright (single-column mode gives no words for a sideways page)", () => {
    const sparse = barsPage(1200, 3000, 3); // a few lines: a near-blank page
    const full = barsPage(1200, 3000, 50); // text on most rows
    expect(inkedRowShare(sparse)).toBeLessThan(0.05);
    expect(inkedRowShare(full)).toBeCloseTo(0.4, 2); // 50 rows of 24 px in 3 000
    expect(looksUpright([], sparse)).toBe(true);
    expect(looksUpright([], full)).toBe(false);
    expect(looksUpright([])).toBe(true); // no page to judge by: as before
  });
});

describe.skipIf(!has)("reading rendered pages", () => {
  const pool = new OcrPool({ size: 1, log: () => undefined });
  afterAll(() => pool.terminate());
  const pages = new Map<string, OcrImage>();
  const page = async (f: string): Promise<OcrImage> => {
    const hit = pages.get(f);
    if (hit) return hit;
    const doc = await openPdf(new Uint8Array(readFileSync(dir + f)));
    try {
      const p = await doc.getPage(1);
      const vp = p.getViewport({ scale: 300 / 72 });
      const w = Math.ceil(vp.width),
        h = Math.ceil(vp.height);
      const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: unknown } } }).canvasFactory;
      const cc = factory.create(w, h);
      await p.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport: vp }).promise;
      const img = prepareDrawableForOcr(cc.canvas as never, w, h);
      pages.set(f, img);
      return img;
    } finally {
      await doc.destroy();
    }
  };
  const truth = (f: string) => JSON.parse(readFileSync(dir + f.replace(/\.\w+$/, ".json"), "utf8"));

  it("Spanish page: language from the first pass, then the single-pass path once Spanish is loaded", async () => {
    const f = "inv10-es-es-pdf.pdf";
    const img = await page(f);
    await pool.setLanguages(["eng"]);
    const first = await pool.recognize(img);
    expect(first.ocr).toMatchObject({ detected: "es", langs: "spa+eng", turns: 0 });
    expect(first.ocr!.path).not.toBe("single"); // Spanish was not loaded
    const second = await pool.recognize(img);
    expect(second.ocr).toMatchObject({ path: "single", langs: "spa+eng", detected: "es", turns: 0 });
    expect(extractFromPages([second]).total).toBe(truth(f).total);
  });

  it("German and Swedish pages are read with their own language", async () => {
    for (const [f, lang, tess] of [
      ["inv22-de-de-pdf.pdf", "de", "deu+eng"],
      ["inv02-sv-se-pdf.pdf", "sv", "swe+eng"],
    ] as const) {
      const r = await pool.recognize(await page(f));
      expect(r.ocr).toMatchObject({ detected: lang, langs: tess, turns: 0 });
      expect(extractFromPages([r]).checks.linesSum).toBe(truth(f).total); // every line read (the German total bar is not)
    }
  });

  it("an English page on a worker with Spanish loaded keeps the single pass (English is loaded)", async () => {
    await pool.setLanguages(["spa", "eng"]);
    const r = await pool.recognize(await page("epi04-en-gb-pdf.pdf"));
    expect(r.ocr).toMatchObject({ path: "single", langs: "spa+eng", detected: "en" });
  });

  it("a language hint skips the detection read; a wrong hint is corrected from the page's words", async () => {
    const f = "inv10-es-es-pdf.pdf";
    const img = await page(f);
    await pool.setLanguages(["eng"]);
    const hinted = await pool.recognize(img, 1, { hint: "es" });
    expect(hinted.ocr).toMatchObject({ path: "hinted", langs: "spa+eng", detected: "es", turns: 0 });
    expect(extractFromPages([hinted]).total).toBe(truth(f).total);
    const wrong = await pool.recognize(img, 1, { hint: () => "de" });
    expect(wrong.ocr).toMatchObject({ path: "reread", langs: "spa+eng", detected: "es" });
  });

  it("with two idle workers a scanned page is read in two halves at once, to the same lines and total", async () => {
    const f = "inv03-nb-es-scan-png.png";
    const img = await prepareImageForOcr(new Uint8Array(readFileSync(dir + f)));
    expect(img.photo).toBe(false); // a scan, not a photo
    const cut = balancedSplitRow(img)!;
    expect(cut).toBeGreaterThan(img.height * 0.15);
    expect(cut).toBeLessThan(img.height * 0.85);
    const two = new OcrPool({ size: 2, log: () => undefined });
    try {
      await two.setLanguages(["nor", "eng"]);
      const halves = await two.recognize(img);
      expect(halves.ocr).toMatchObject({ path: "single", langs: "nor+eng", detected: "nb" });
      expect(halves.ocr?.parts).toBe(2);
      await pool.setLanguages(["nor", "eng"]);
      const whole = await pool.recognize(img);
      expect(whole.ocr?.parts).toBe(1);
      const key = (r: typeof whole) => extractFromPages([r]).lines.map((l) => `${l.date} ${l.treatmentForm} ${l.amount}`);
      expect(key(halves)).toEqual(key(whole));
      expect(key(halves)).toHaveLength(truth(f).lines.length);
      expect(extractFromPages([halves]).total).toBe(truth(f).total);
      // two pages at once each get a worker and are read whole
      const [a, b] = await Promise.all([two.recognize(img), two.recognize(img)]);
      expect([a.ocr?.parts, b.ocr?.parts]).toEqual([1, 1]);
    } finally {
      await two.terminate();
    }
  });

  it("a phone photo is read in halves too, in single-column mode, to the lines and total it has read whole", async () => {
    const f = "inv08-es-es-phone.jpg"; // a stamp printed at an angle below the table: in single-block mode its half read askew
    const img = await prepareImageForOcr(new Uint8Array(readFileSync(dir + f)));
    expect(img.photo).toBe(true);
    const two = new OcrPool({ size: 2, log: () => undefined });
    try {
      await two.setLanguages(["spa", "eng"]);
      const halves = await two.recognize(img);
      expect(halves.ocr).toMatchObject({ path: "single", langs: "spa+eng", detected: "es", parts: 2 });
      await pool.setLanguages(["spa", "eng"]);
      const whole = await pool.recognize(img);
      expect(whole.ocr?.parts).toBe(1);
      const key = (r: PageText) => extractFromPages([r]).lines.map((l) => `${l.date} ${l.treatmentForm} ${l.amount}`);
      const want = truth(f).lines.map((l: { date: string; treatmentForm: string; amount: number }) => `${l.date} ${l.treatmentForm} ${l.amount}`);
      expect(key(whole)).toEqual(want);
      expect(key(halves)).toEqual(want);
      expect(extractFromPages([halves]).total).toBe(truth(f).total);
    } finally {
      await two.terminate();
    }
  });

  it("a photo still skewed after preparation is read turned by tesseract's residual angle, its durations kept", async () => {
    const f = "inv08-es-es-phone.jpg";
    const img = await prepareImageForOcr(new Uint8Array(readFileSync(dir + f)));
    const off = img.data.length - img.width * img.height;
    // 2° of skew left over, as perspective leaves on a phone photo (read unturned, a "30" came out "90")
    const gray = rotateGray(new Uint8Array(img.data.subarray(off)), img.width, img.height, (2.0 * Math.PI) / 180);
    const skewed: OcrImage = { data: toPgm(gray, img.width, img.height), width: img.width, height: img.height, photo: true };
    const two = new OcrPool({ size: 2, log: () => undefined });
    try {
      await two.setLanguages(["spa", "eng"]);
      const r = await two.recognize(skewed);
      expect(Math.abs(r.ocr?.angle ?? 0)).toBeGreaterThan(0.015);
      const got = extractFromPages([r]).lines.map((l) => `${l.date} ${l.treatmentForm} ${l.durationMinutes} ${l.amount}`);
      expect(got).toEqual(
        truth(f).lines.map(
          (l: { date: string; treatmentForm: string; durationMinutes: number; amount: number }) => `${l.date} ${l.treatmentForm} ${l.durationMinutes} ${l.amount}`,
        ),
      );
      // a straight photo is read as it is
      expect((await two.recognize(img)).ocr?.angle).toBeUndefined();
    } finally {
      await two.terminate();
    }
  });

  it("with a second worker idle, a photo's detection read runs beside its read; the lines are those read on one worker", async () => {
    const f = "inv16-pl-pl-phone.jpg";
    const img = await prepareImageForOcr(new Uint8Array(readFileSync(dir + f)));
    expect(img.photo).toBe(true);
    // a page read whole while the other worker is idle (one that has no wide gap near the middle; here: splitting off)
    const two = new OcrPool({ size: 2, splitPages: false, log: () => undefined });
    try {
      const text = (r: PageText) => r.lines.map((l) => l.text).join("\n");
      await pool.setLanguages(["pol", "eng"]);
      const alone = await pool.recognize(img);
      expect(alone.ocr).toMatchObject({ path: "single", langs: "pol+eng", detected: "pl", parts: 1 });
      expect(alone.ocr?.aside).toBeUndefined();
      expect(extractFromPages([alone]).total).toBe(truth(f).total);
      await two.setLanguages(["pol", "eng"]);
      const same = await two.recognize(img);
      expect(same.ocr).toMatchObject({ path: "single", langs: "pol+eng", detected: "pl", parts: 1, aside: true });
      expect(text(same)).toBe(text(alone));
      // a worker with another language loaded: the read ahead is dropped, the page read again in Polish
      await two.setLanguages(["eng"]);
      const other = await two.recognize(img);
      expect(other.ocr).toMatchObject({ path: "reread", langs: "pol+eng", detected: "pl", aside: true });
      expect(text(other)).toBe(text(alone));
      // both workers were handed back: two pages at once each get one
      const [a, b] = await Promise.all([two.recognize(img), two.recognize(img)]);
      expect([a.ocr?.aside, b.ocr?.aside]).toEqual([undefined, undefined]);
      expect(text(a)).toBe(text(alone));
    } finally {
      await two.terminate();
    }
  });

  it("tells a page's preparation whether another core is free (a second thread helps only then)", async () => {
    const two = new OcrPool({ size: 2, log: () => undefined });
    try {
      await two.warmUp();
      const img = barsPage(600, 400, 2);
      const seen: boolean[] = [];
      const prep = ({ spareCore }: { spareCore: boolean }) => {
        seen.push(spareCore);
        return img;
      };
      await two.recognizeLazy(prep);
      expect(seen).toEqual([true]); // alone: the other worker is idle
      seen.length = 0;
      await Promise.all([two.recognizeLazy(prep), two.recognizeLazy(prep)]);
      expect(seen).toEqual([false, false]); // two pages: both workers busy
    } finally {
      await two.terminate();
    }
  });

  it("prepares a page while the worker that will read it starts, not after", async () => {
    const cold = new OcrPool({ size: 1, log: () => undefined });
    try {
      let workersWhenPrepared = -1;
      let started = -1;
      const t0 = Date.now();
      const pt = await cold.recognizeLazy(() => {
        workersWhenPrepared = (cold as unknown as { slots: unknown[] }).slots.length;
        started = Date.now() - t0;
        return barsPage(600, 400, 2);
      });
      // no worker yet when the page was prepared: a worker takes 0.3–0.9 s to start, and the page waited for it before
      expect(workersWhenPrepared).toBe(0);
      expect(started).toBeLessThan(200);
      expect(pt.source).toBe("ocr");
    } finally {
      await cold.terminate();
    }
  });

  it("an upside-down scan is turned and read", async () => {
    const f = "inv10-es-es-pdf.pdf";
    const r = await pool.recognize(rotatePgm(await page(f), 2));
    expect(r.ocr?.turns).toBe(2);
    expect(extractFromPages([r]).total).toBe(truth(f).total);
  });

  it("a sideways scan is turned and read", async () => {
    const f = "inv02-sv-se-pdf.pdf";
    const r = await pool.recognize(rotatePgm(await page(f), 1));
    expect(r.ocr?.turns).toBe(3);
    expect(extractFromPages([r]).checks.linesSum).toBe(truth(f).total); // every line read
  });
});
