/**
 * Hostile and odd upload files, built at test time (nothing large is committed): the upload torture set of issue 16 and the
 * sniff tests share them.
 */
import { createDeflate, deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";

const enc = (s: string) => Buffer.from(s, "latin1");

/**
 * A hand-written PDF from object bodies (object i+1 is `objects[i]`; object 1 must be the catalog). Streams are given as
 * `{ dict, data }` and get their /Length. `extraTrailer` goes into the trailer dictionary.
 */
export function rawPdf(objects: Array<string | { dict: string; data: Buffer }>, extraTrailer = ""): Buffer {
  const parts: Buffer[] = [enc("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const body =
      typeof o === "string"
        ? enc(`${i + 1} 0 obj\n${o}\nendobj\n`)
        : Buffer.concat([enc(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.data.length} >>\nstream\n`), o.data, enc("\nendstream\nendobj\n")]);
    parts.push(body);
    length += body.length;
  });
  const xref = length;
  parts.push(enc(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")));
  parts.push(enc(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${extraTrailer}>>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** `bytes` zero bytes, Flate-compressed at the best ratio (streamed: nothing of that size is ever in memory). */
const zeros = new Map<number, Promise<Buffer>>();
export function deflatedZeros(bytes: number): Promise<Buffer> {
  let p = zeros.get(bytes);
  if (!p) {
    p = deflateZeros(bytes);
    zeros.set(bytes, p);
  }
  return p;
}
/** `prefix`, then zero bytes up to `bytes` in all, Flate-compressed at the best ratio, streamed. */
async function deflateZeros(bytes: number, prefix?: Buffer): Promise<Buffer> {
  const z = createDeflate({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  z.on("data", (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    z.on("end", resolve);
    z.on("error", reject);
  });
  if (prefix) z.write(prefix);
  const chunk = Buffer.alloc(4 << 20);
  for (let left = bytes - (prefix?.length ?? 0); left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (!z.write(piece)) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

const A4 = "/MediaBox [0 0 595 842]";

/**
 * The in-PDF image bomb of issue 16: an ordinary A4 page that draws one `side` × `side` 8-bit greyscale image (all zeros,
 * Flate-compressed: 30 000² = 900 MB decoded in under 1 MB of file). `where` puts the image directly on the page, inside a
 * Form XObject, or inline in the content stream (BI … ID … EI).
 */
export async function imageBombPdf(side = 30_000, where: "page" | "form" | "inline" = "page"): Promise<Buffer> {
  const data = await deflatedZeros(side * side);
  const imageDict = `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`;
  const draw = "q 595 0 0 842 0 0 cm /Im1 Do Q";
  if (where === "inline") {
    const content = Buffer.concat([enc(`q 595 0 0 842 0 0 cm\nBI /W ${side} /H ${side} /CS /G /BPC 8 /F /Fl ID\n`), data, enc("\nEI\nQ\n")]);
    return rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      `<< /Type /Page /Parent 2 0 R ${A4} /Resources << >> /Contents 4 0 R >>`,
      { dict: "", data: content },
    ]);
  }
  if (where === "form") {
    return rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      `<< /Type /Page /Parent 2 0 R ${A4} /Resources << /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>`,
      { dict: "", data: enc("/Fm1 Do") },
      { dict: "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Im1 6 0 R >> >>", data: enc(draw) },
      { dict: imageDict, data },
    ]);
  }
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R ${A4} /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>`,
    { dict: "", data: enc(draw) },
    { dict: imageDict, data },
  ]);
}

/** A one-page PDF holding an ordinary scan-sized image (1 700 × 2 400 grey, white): must be accepted. */
export function ordinaryImagePdf(): Buffer {
  const w = 1700,
    h = 2400;
  const data = deflateSync(Buffer.alloc(w * h, 255));
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R ${A4} /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>`,
    { dict: "", data: enc("q 595 0 0 842 0 0 cm /Im1 Do Q") },
    { dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, data },
  ]);
}

/** A minimal PDF whose trailer references an /Encrypt dictionary (pdf-lib cannot encrypt). */
export function encryptedPdf(): Buffer {
  return rawPdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      `<< /Type /Page /Parent 2 0 R ${A4} >>`,
      "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <" + "00".repeat(32) + "> /U <" + "00".repeat(32) + "> >>",
    ],
    `/Encrypt 4 0 R /ID [<${"ab".repeat(16)}> <${"ab".repeat(16)}>] `,
  );
}

export async function pdfWithPages(n: number, text = "Side"): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < n; i++) doc.addPage([595, 842]).drawText(`${text} ${i + 1}`, { x: 50, y: 780, size: 12, font });
  return Buffer.from(await doc.save());
}

/** The first 33 bytes of a PNG: signature and an IHDR of the given size (a decompression bomb needs no more to be refused). */
export function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.set([8, 0, 0, 0, 0], 24);
  return b;
}

/** A stored (uncompressed) ZIP archive with one file, built by hand (no dependency). */
export function zipWith(name: string, content: Buffer): Buffer {
  const crc = crc32(content);
  const n = enc(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(n.length, 28);
  const localSize = local.length + n.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, n, content, central, n, end]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/**
 * A one-page PDF whose three objects (catalog, pages, page) sit in an object stream that inflates to `bytes` (the objects, then
 * zero bytes, which a PDF parser reads as white space): pdf-lib and pdf.js both inflate an object stream whole, without a cap.
 * Streamed: nothing of that size is ever in this process's memory.
 */
export async function objectStreamBomb(bytes: number): Promise<Buffer> {
  const objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", `<< /Type /Page /Parent 2 0 R ${A4} >>`];
  let header = "";
  let body = "";
  objs.forEach((o, i) => {
    header += `${i + 1} ${body.length} `;
    body += o + "\n";
  });
  const first = header.length;
  const data = await deflateZeros(bytes, enc(header + body));
  const head = enc("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  const objStm = Buffer.concat([
    enc(`4 0 obj\n<< /Type /ObjStm /N 3 /First ${first} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
    data,
    enc("\nendstream\nendobj\n"),
  ]);
  const xrefAt = head.length + objStm.length;
  // /W [1 4 2]: type, offset or object stream number, generation or index
  const row = (type: number, a: number, b: number) => {
    const r = Buffer.alloc(7);
    r.writeUInt8(type, 0);
    r.writeUInt32BE(a, 1);
    r.writeUInt16BE(b, 5);
    return r;
  };
  const table = Buffer.concat([row(0, 0, 65535), row(2, 4, 0), row(2, 4, 1), row(2, 4, 2), row(1, head.length, 0), row(1, xrefAt, 0)]);
  const xref = Buffer.concat([enc(`5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length ${table.length} >>\nstream\n`), table, enc("\nendstream\nendobj\n")]);
  return Buffer.concat([head, objStm, xref, enc(`startxref\n${xrefAt}\n%%EOF\n`)]);
}
