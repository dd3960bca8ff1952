/** A positioned word. Coordinates are in page units (PDF points or image pixels), y grows downwards. */
export interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** OCR confidence 0–100; undefined for a PDF text layer. */
  conf?: number;
}

/** A visual text line: words that share a row, left to right. */
export interface TextLine {
  page: number;
  words: Word[];
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageText {
  page: number;
  width: number;
  height: number;
  lines: TextLine[];
  source: "text-layer" | "ocr";
  /** Tesseract languages the page was read with (OCR'd pages). */
  ocrLangs?: string;
  /** How the page was read: path taken (single pass or re-read), rotation, detected language. */
  ocr?: { langs: string; path: "single" | "switched" | "reread" | "hinted"; turns: 0 | 1 | 2 | 3; detected: string | null; parts?: number; aside?: boolean; angle?: number };
  /** Mean OCR word confidence (0–100) for OCR'd pages. */
  confidence?: number;
}
