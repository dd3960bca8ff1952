/**
 * Hard limits on what decoding a document may allocate (issue 16, item 1). The content check (`sniff.ts`) refuses a file whose
 * images are too large before anything is decoded; these are the second line: every canvas this code (or pdf.js, through
 * `BoundedCanvasFactory`) creates is capped by area, and pdf.js is told to skip any image above the pixel limit instead of
 * decoding it. The third line is the process that renders (`isolated.ts`), whose memory is capped by the operating system.
 */
import { type Canvas, createCanvas } from "@napi-rs/canvas";

/** Max pixels of one decoded image, in a file or inside a PDF (≈ A4 at 600 DPI is 35 MP). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Max width or height of one image. */
export const MAX_IMAGE_SIDE = 12_000;
/**
 * Max pixels of any canvas: a PDF page is rendered at 300 DPI only up to 1.5 × MAX_IMAGE_PIXELS (sniff refuses larger pages),
 * so 64 MP (256 MB of RGBA) is never needed by a document the content check let through.
 */
export const MAX_CANVAS_PIXELS = 64_000_000;

/** A canvas (or decoded image) above the limits: the document is refused as "image-too-large". */
export class CanvasTooLarge extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`a ${Math.round(width)}×${Math.round(height)} canvas is above the limit of ${MAX_CANVAS_PIXELS} pixels`);
    this.name = "CanvasTooLarge";
  }
}

export function checkCanvasSize(width: number, height: number): void {
  if (!(width > 0 && height > 0) || width * height > MAX_CANVAS_PIXELS || width > 32_767 || height > 32_767) throw new CanvasTooLarge(width, height);
}

/**
 * An allocation that failed at the render process' memory cap (or a canvas above the area cap): the error an allocator, V8 or
 * Skia gives. A parser's catch must let these through: they are about memory, not about the file being broken.
 */
export function isAllocationFailure(e: unknown): boolean {
  if (e instanceof CanvasTooLarge || e instanceof RangeError) return true;
  const s = String((e as Error)?.message ?? e);
  return /allocation failed|skia surface|out of memory|ENOMEM|Invalid array length|Cannot allocate|too large/i.test(s);
}

/** `createCanvas` with the area cap: every canvas this code makes goes through here. */
export function boundedCanvas(width: number, height: number): Canvas {
  checkCanvasSize(width, height);
  return createCanvas(width, height);
}

/**
 * pdf.js' canvas factory (the `CanvasFactory` option of `getDocument`) with the area cap: the page canvas and every scratch
 * canvas pdf.js makes while rendering (soft masks, patterns, groups) are checked before they are allocated. Same interface as
 * pdf.js' own NodeCanvasFactory (which it replaces), on the same @napi-rs/canvas build.
 */
export class BoundedCanvasFactory {
  constructor(_opts: { enableHWA?: boolean } = {}) {}
  create(width: number, height: number) {
    const canvas = boundedCanvas(width, height);
    return { canvas, context: canvas.getContext("2d") };
  }
  reset(entry: { canvas: { width: number; height: number } | null }, width: number, height: number): void {
    if (!entry.canvas) throw new Error("Canvas is not specified");
    checkCanvasSize(width, height);
    entry.canvas.width = width;
    entry.canvas.height = height;
  }
  destroy(entry: { canvas: { width: number; height: number } | null; context: unknown }): void {
    if (!entry.canvas) throw new Error("Canvas is not specified");
    entry.canvas.width = entry.canvas.height = 0;
    entry.canvas = null;
    entry.context = null;
  }
}

/**
 * pdf.js' own limits, for every `getDocument` call: images above the pixel limit are left out rather than decoded (the content
 * check has refused such files already; this holds if it missed one), no OffscreenCanvas or ImageDecoder paths, and the capped
 * canvas factory.
 */
export const PDFJS_LIMITS = {
  maxImageSize: MAX_IMAGE_PIXELS,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
  canvasMaxAreaInBytes: MAX_CANVAS_PIXELS * 4,
  CanvasFactory: BoundedCanvasFactory,
} as const;
