/**
 * What kind of file a byte string is, and an image's size from its header: no decoding. Shared by
 * the upload check (sniff.ts), the PDF image check (pdf-images.ts) and the page preparation
 * (image.ts), so none of them imports another for it.
 */
export type DocumentKind = "pdf" | "jpeg" | "png";

export function detectKind(b: Uint8Array): DocumentKind | null {
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return "pdf"; // %PDF-
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return "png";
  return null;
}

/** Width/height from the PNG IHDR chunk. */
export function pngDimensions(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== "IHDR") return null;
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/** Width/height from the first JPEG SOFn marker, walking the segment list (no decoding). */
export function jpegDimensions(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / start of scan before any SOF
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > b.length) return null;
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    i += 2 + len;
  }
  return null;
}

/**
 * Whether a JPEG's segments hold together up to the image data and the image data ends: every
 * header segment is followed by the next marker, a start of scan is reached, and an end-of-image
 * marker follows it. A file cut short or with garbage in its headers is not decoded at all: the
 * decoder would crash on it (issue 22, item 7: a corrupt JPEG was called "too high resolution").
 */
export function jpegLooksComplete(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return false;
  let i = 2;
  for (;;) {
    while (i < b.length && b[i] === 0xff && b[i + 1] === 0xff) i++; // fill bytes
    if (i + 4 > b.length || b[i] !== 0xff) return false;
    const marker = b[i + 1]!;
    if (marker === 0xd9 || marker === 0xd8) return false; // ends (or starts again) before any image data
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2 || i + 2 + len > b.length) return false;
    if (marker === 0xda) {
      // the scan data: an end-of-image marker must follow (trailing bytes after it are tolerated)
      for (let j = i + 2 + len; j + 1 < b.length; j++) if (b[j] === 0xff && b[j + 1] === 0xd9) return true;
      return false;
    }
    i += 2 + len;
  }
}

/**
 * The EXIF orientation (1–8) a JPEG's APP1 segment gives, 1 when it gives none. An image decoder that honours it (the canvas
 * library does) turns or mirrors the picture; pdf.js, drawing a JPEG inside a PDF, does not.
 */
export function jpegOrientation(b: Uint8Array): number {
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // image data: no more header segments
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) break;
    const s = i + 4;
    if (marker === 0xe1 && len >= 8 && String.fromCharCode(...b.subarray(s, s + 6)) === "Exif\0\0") {
      const t = s + 6; // the TIFF header
      const end = Math.min(b.length, i + 2 + len);
      const le = b[t] === 0x49; // "II": little-endian, "MM": big-endian
      const u16 = (o: number) => (o + 2 > end ? -1 : le ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!);
      const u32 = (o: number) =>
        o + 4 > end ? -1 : le ? (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 2 ** 24 : b[o]! * 2 ** 24 + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);
      const ifd = t + u32(t + 4);
      const n = u16(ifd);
      for (let k = 0; k < n; k++) {
        const e = ifd + 2 + 12 * k;
        if (u16(e) === 0x0112) {
          const v = u16(e + 8);
          return v >= 1 && v <= 8 ? v : 1;
        }
      }
      return 1;
    }
    i += 2 + len;
  }
  return 1;
}
