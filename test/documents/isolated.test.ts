/**
 * Issue 16, item 1: page rendering and image decoding run in a separate process whose memory the operating system caps, and
 * every canvas is capped by area, so a file that gets past the content check cannot take the web process's memory with it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { RenderFailed, RenderLimitExceeded, RenderProcess, shouldReplace } from "~/documents/text/isolated";
import { boundedCanvas, CanvasTooLarge } from "~/documents/text/limits";
import { DocumentRejected, extractDocument } from "~/documents/pipeline";
import { readPdf } from "~/documents/text/pdf";
import { sniff } from "~/documents/text/sniff";
import { objectStreamBomb } from "../support/hostile-files";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const processes: RenderProcess[] = [];
afterAll(() => processes.forEach((p) => p.end()));

/**
 * A 36-megapixel photo-sized JPEG (under the 40 MP content-check limit, so it gets through to decoding), drawn in another
 * process so that drawing it does not count toward this one's memory.
 */
let big: Promise<Uint8Array> | undefined;
/** Drawn once per file, in another process and without blocking this one (a 36 MP draw takes seconds on a loaded machine). */
function bigJpeg(): Promise<Uint8Array> {
  return (big ??= drawBigJpeg());
}
async function drawBigJpeg(): Promise<Uint8Array> {
  const script = `const { createCanvas } = require("@napi-rs/canvas");
    const c = createCanvas(5400, 6700); const ctx = c.getContext("2d");
    ctx.fillStyle = "white"; ctx.fillRect(0, 0, 5400, 6700); ctx.fillStyle = "black"; ctx.font = "120px sans-serif";
    ctx.fillText("Faktura 123", 400, 600); process.stdout.write(c.toBuffer("image/jpeg"));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { maxBuffer: 64 << 20, encoding: "buffer" });
  return new Uint8Array(stdout);
}

describe("the capped render process", () => {
  it("refuses a canvas above the area cap before allocating it", () => {
    expect(() => boundedCanvas(30_000, 30_000)).toThrow(CanvasTooLarge);
    expect(boundedCanvas(2481, 3508).width).toBe(2481);
  });

  it("an image that needs more memory than the cap: refused as too high resolution, and this process does not grow", async () => {
    const renderer = new RenderProcess({ memoryMb: 250, log: () => undefined });
    processes.push(renderer);
    const bytes = await bigJpeg();
    const before = process.memoryUsage().rss;
    const err = await extractDocument(bytes, { renderer }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentRejected);
    expect((err as DocumentRejected).reason).toBe("image-too-large");
    // the decoded image (36 MP × 4 bytes = 145 MB) never lived here
    expect(process.memoryUsage().rss - before).toBeLessThan(120 * 1024 * 1024);
    expect(renderer.pid).toBeNull(); // the process that hit its cap is gone; the next page gets a fresh one
  });

  it("a page in the process when another hits the cap is read again in a fresh one, not refused with it", async () => {
    // 400 MB: the scan fits, the 36 MP photo does not
    const renderer = new RenderProcess({ memoryMb: 400, log: () => undefined });
    processes.push(renderer);
    const scan = new Uint8Array(readFileSync(`${FIXTURES}inv03-nb-es-scan-png.png`));
    const big = renderer.prepareImage(await bigJpeg(), false).catch((e: unknown) => e);
    const small = renderer.prepareImage(scan, false).catch((e: unknown) => e);
    expect((await big) as Error).toBeInstanceOf(Error);
    expect(((await big) as Error).message).toMatch(/memory limit/);
    const read = await small;
    expect(read).not.toBeInstanceOf(Error);
    expect((read as { width: number }).width).toBeGreaterThan(0);
    expect(renderer.starts).toBeGreaterThanOrEqual(2);
  });

  it("parses an uploaded PDF there: an object stream that inflates past its cap is refused, and this process does not grow", async () => {
    // made by another copy of the module, as the web build's copy makes the render process the job runner's copy uses
    const copy = "../../app/documents/text/isolated.ts?copy=web";
    const other = (await import(/* @vite-ignore */ copy)) as typeof import("~/documents/text/isolated");
    expect(other.RenderProcess).not.toBe(RenderProcess);
    const renderer = new other.RenderProcess({ memoryMb: 200, log: () => undefined });
    processes.push(renderer);
    // the same file made small is an ordinary one-page PDF, in either process
    const small = await objectStreamBomb(1 << 20);
    expect(await sniff(small, {}, renderer)).toMatchObject({ ok: true, kind: "pdf", pages: 1 });
    expect(await sniff(small, {}, null)).toMatchObject({ ok: true, kind: "pdf", pages: 1 });
    // 640 MB of object stream in a 640 KB file: pdf-lib (the image check) and pdf.js would each inflate all of it
    const bomb = await objectStreamBomb(640 << 20);
    expect(bomb.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage().rss;
    const starts = renderer.starts;
    const r = await sniff(bomb, {}, renderer);
    expect(r).toMatchObject({ ok: false, reason: "corrupt" });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    // alone in a fresh process, the file itself is what reached the cap: not read a second time
    expect(renderer.starts - starts).toBeLessThanOrEqual(1);
  });

  it("a render process that cannot start is a failure of the server, not a corrupt upload", async () => {
    const dir = mkdtempSync(join(tmpdir(), "render-child-"));
    const broken = join(dir, "child.mjs");
    writeFileSync(broken, "process.exit(3);\n");
    process.env.FRIKORT_COMPILED_RENDER_CHILD = broken;
    try {
      const renderer = new RenderProcess({ log: () => undefined });
      processes.push(renderer);
      const err = await sniff(await objectStreamBomb(1 << 20), {}, renderer).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderFailed);
      expect(err).not.toBeInstanceOf(RenderLimitExceeded);
      expect(renderer.starts).toBe(2); // tried once more, in case the first start was unlucky
    } finally {
      delete process.env.FRIKORT_COMPILED_RENDER_CHILD;
    }
  });

  it("waits longer before it exits when it holds little (the next upload's check need not start it), not when it holds much", async () => {
    const small = await objectStreamBomb(1 << 20);
    // 110 MB after a check: a tenth of the 1 GB cap
    const light = new RenderProcess({ idleMs: 200, lightIdleMs: 1500, log: () => undefined });
    processes.push(light);
    expect(await sniff(small, {}, light)).toMatchObject({ ok: true });
    const pid = light.pid;
    await new Promise((r) => setTimeout(r, 700));
    expect(light.pid).toBe(pid);
    await expect.poll(() => light.pid, { timeout: 5000 }).toBeNull();
    // the same under a 400 MB cap is a quarter of it: gone after the short wait
    const tight = new RenderProcess({ memoryMb: 400, idleMs: 200, lightIdleMs: 60_000, log: () => undefined });
    processes.push(tight);
    expect(await sniff(small, {}, tight)).toMatchObject({ ok: true });
    await expect.poll(() => tight.pid, { timeout: 3000 }).toBeNull();
  });

  it("reads a PDF's text layer there, the same words as read here", async () => {
    const renderer = new RenderProcess({ log: () => undefined });
    processes.push(renderer);
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}inv02-sv-se-pdf.pdf`));
    const there = await readPdf(bytes, undefined, undefined, undefined, undefined, renderer);
    const here = await readPdf(bytes);
    expect(there.pages[0]!.lines.map((l) => l.text).join("\n")).toMatch(/Faktura/i);
    expect(there).toEqual(here);
  });

  it("is replaced after a large image or near its cap, never with work in hand, and at once at its cap", () => {
    const after = (held: number, sawLarge: boolean, pending = 0, limit = false) => shouldReplace({ limit, pending, held, sawLarge });
    expect(after(0.6, false)).toBe(false); // 300-DPI pages: 0.4–0.6 of the cap, steady
    expect(after(0.6, true)).toBe(true); // after a 16 MP+ image
    expect(after(0.3, true)).toBe(false);
    expect(after(0.8, false)).toBe(true);
    expect(after(0.8, true, 1)).toBe(false); // pages still pending in it
    expect(after(0.1, false, 2, true)).toBe(true); // hit its cap
  });

  it("keeps one render process over ordinary pages, and starts afresh after a large image", async () => {
    const renderer = new RenderProcess({ log: () => undefined });
    processes.push(renderer);
    // a PDF page drawn at 300 DPI (8.7 MP) leaves the process holding 0.4–0.6 GB of its 1 GB (a scan with a stamp over it: not a
    // bare scan page, which would be read from its JPEG; pdf-scan-page.ts)
    const stamped = await PDFDocument.load(readFileSync(`${FIXTURES}inv12-es-es-scan-pdf.pdf`));
    stamped.getPage(0).drawText("Betalt", { x: 400, y: 700, size: 30, font: await stamped.embedFont(StandardFonts.Helvetica) });
    const pdf = renderer.openPdf(await stamped.save());
    await pdf.page(1, false);
    const pid = renderer.pid;
    await pdf.page(1, false);
    pdf.close();
    // replacing it after each page cost a process start (node, the modules, the PDF opened again) every time
    expect(renderer.pid).toBe(pid);
    expect(renderer.starts).toBe(1);
    // a 36 MP photo (at or above LARGE_PIXELS) leaves freed memory fragmented: the process ends, the next page gets a fresh one
    const photo = await renderer.prepareImage(await bigJpeg(), false);
    expect(photo.width).toBeGreaterThan(0);
    expect(renderer.pid).toBeNull();
  });

  it("reads a scanned invoice decoded and prepared in the render process, which ends when idle", async () => {
    const renderer = new RenderProcess({ idleMs: 300, lightIdleMs: 300, log: () => undefined });
    processes.push(renderer);
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}inv03-nb-es-scan-png.png`));
    const r = await extractDocument(bytes, { renderer });
    expect(r.source).toBe("ocr");
    expect(r.lines.length).toBeGreaterThan(0);
    expect(renderer.starts).toBe(1);
    await expect.poll(() => renderer.pid, { timeout: 5000 }).toBeNull();
  });
});
