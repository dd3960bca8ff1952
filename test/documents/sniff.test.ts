import { describe, expect, it } from "vitest";
import { sniff, jpegDimensions, pngDimensions } from "~/documents/text/sniff";
import { DocumentRejected, extractDocument } from "~/documents/pipeline";
import { encryptedPdf, imageBombPdf, ordinaryImagePdf, pdfWithPages, rawPdf } from "../support/hostile-files";

const enc = (s: string) => new TextEncoder().encode(s);

function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const dv = new DataView(b.buffer);
  dv.setUint32(16, width);
  dv.setUint32(20, height);
  b.set([8, 0, 0, 0, 0], 24);
  return b;
}

function jpegHeader(width: number, height: number): Uint8Array {
  // SOI, APP0 (JFIF, 16 bytes), SOF0 with the given size
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x01,
    0x01,
    0x11,
    0x00,
  ]);
}

describe("sniff", () => {
  it("rejects an empty file", async () => {
    expect(await sniff(new Uint8Array())).toMatchObject({ ok: false, reason: "empty" });
  });

  it("rejects a text file renamed to .pdf (content decides, not the name)", async () => {
    expect(await sniff(enc("Dette er ikke en PDF, bare tekst.\n"))).toMatchObject({ ok: false, reason: "unsupported-type" });
    await expect(extractDocument(enc("hello"), { filename: "faktura.pdf" })).rejects.toBeInstanceOf(DocumentRejected);
  });

  it("rejects other formats (GIF, ZIP)", async () => {
    expect(await sniff(enc("GIF89a........"))).toMatchObject({ ok: false, reason: "unsupported-type" });
    expect(await sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false, reason: "unsupported-type" });
  });

  it("rejects a file above the size limit", async () => {
    expect(await sniff(new Uint8Array(2048).fill(0x25), { maxBytes: 1024 })).toMatchObject({ ok: false, reason: "too-large" });
  });

  it("accepts a small PDF and counts its pages", async () => {
    expect(await sniff(await pdfWithPages(2))).toMatchObject({ ok: true, kind: "pdf", pages: 2 });
  });

  it("rejects a 200-page PDF with a clear reason", async () => {
    const r = await sniff(await pdfWithPages(200));
    expect(r).toMatchObject({ ok: false, reason: "too-many-pages" });
    if (!r.ok) expect(r.detail).toContain("200 pages");
  });

  it("rejects an encrypted PDF", async () => {
    expect(await sniff(encryptedPdf())).toMatchObject({ ok: false, reason: "encrypted" });
  });

  it("rejects a broken PDF", async () => {
    const good = await pdfWithPages(1);
    const broken = good.slice(0, 40); // header and a fragment of the first object, no xref, no trailer
    expect(await sniff(broken)).toMatchObject({ ok: false, reason: "corrupt" });
    expect(await sniff(enc("%PDF-1.4\n%garbage only\n"))).toMatchObject({ ok: false, reason: "corrupt" });
  });

  it("reads PNG and JPEG dimensions from the header without decoding", () => {
    expect(pngDimensions(pngHeader(1700, 2400))).toEqual({ width: 1700, height: 2400 });
    expect(jpegDimensions(jpegHeader(2000, 2800))).toEqual({ width: 2000, height: 2800 });
  });

  it("rejects a PNG header claiming 100000×100000 pixels (decompression bomb) before decoding", async () => {
    expect(await sniff(pngHeader(100_000, 100_000))).toMatchObject({ ok: false, reason: "image-too-large" });
    expect(await sniff(jpegHeader(60_000, 60_000))).toMatchObject({ ok: false, reason: "image-too-large" });
  });

  it("rejects an image whose header is truncated", async () => {
    expect(await sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toMatchObject({ ok: false, reason: "corrupt" });
  });

  // issue 16, item 1: an 875 KB PDF holding a 30 000 × 30 000 greyscale image took the server from 0.9 to 5 GB
  it.each(["page", "form", "inline"] as const)("rejects a PDF with a 30 000 × 30 000 image (%s) as too high resolution, before decoding it", async (where) => {
    const bomb = await imageBombPdf(30_000, where);
    expect(bomb.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage().rss;
    const r = await sniff(bomb);
    expect(r).toMatchObject({ ok: false, reason: "image-too-large" });
    if (!r.ok) expect(r.detail).toContain("30000×30000");
    // nothing of the 900 MB image was decoded
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("rejects a PDF whose JPEG says another (huge) size in its own header than in the PDF dictionary", async () => {
    const jpeg = Buffer.from(jpegHeader(60_000, 60_000));
    const pdf = rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
      { dict: "", data: Buffer.from("q 595 0 0 842 0 0 cm /Im1 Do Q") },
      { dict: "/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", data: jpeg },
    ]);
    expect(await sniff(pdf)).toMatchObject({ ok: false, reason: "image-too-large" });
  });

  it("accepts a PDF holding an ordinary scan-sized image", async () => {
    expect(await sniff(ordinaryImagePdf())).toMatchObject({ ok: true, kind: "pdf", pages: 1 });
  });
});

// A PDF is parsed in the capped render process (above); with FRIKORT_ISOLATE_RENDER=off, in the process that checks it
describe("sniff, a PDF parsed in this process", () => {
  it("gives the same answers", async () => {
    expect(await sniff(await pdfWithPages(2), {}, null)).toMatchObject({ ok: true, kind: "pdf", pages: 2 });
    expect(await sniff(await pdfWithPages(200), {}, null)).toMatchObject({ ok: false, reason: "too-many-pages" });
    expect(await sniff(enc("%PDF-1.4\n%garbage only\n"), {}, null)).toMatchObject({ ok: false, reason: "corrupt" });
    expect(await sniff(await imageBombPdf(30_000, "page"), {}, null)).toMatchObject({ ok: false, reason: "image-too-large" });
    expect(await sniff(ordinaryImagePdf(), {}, null)).toMatchObject({ ok: true, kind: "pdf", pages: 1 });
  });
});
