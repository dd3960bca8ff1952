/**
 * npm run -s extract -- FILE
 * Prints exactly one JSON object (the extracted-document schema shape, plus pages/source/confidence/checks) on stdout.
 * Everything else (pdfjs / tesseract warnings, progress) goes to stderr. Exit codes: 0 ok, 2 usage, 3 rejected file, 1 other failure.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { setting } from "../app/config.server";

// Keep stdout for the single JSON answer: libraries (and tesseract's worker thread, piped through process.stdout) may print.
const writeOut = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (process.stderr.write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
console.log = (...a: unknown[]) => console.error(...a);
console.info = (...a: unknown[]) => console.error(...a);
console.warn = (...a: unknown[]) => console.error(...a);

const { DocumentRejected, extractDocument, OcrPool } = await import("../app/documents/pipeline");

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run -s extract -- FILE\n");
  process.exit(2);
}

const verbose = setting("EXTRACT_VERBOSE");
// two workers, as the job runner has: a scanned page is read in two halves at once (OcrPool.splitPages)
const pool = new OcrPool({
  size: setting("OCR_WORKERS"),
  log: (m) => {
    if (verbose) process.stderr.write(`[ocr] ${m}\n`);
  },
});
let code = 0;
try {
  const bytes = new Uint8Array(readFileSync(file));
  const result = await extractDocument(bytes, {
    filename: basename(file),
    ocr: pool,
    log: (m) => {
      if (verbose) process.stderr.write(`${m}\n`);
    },
  });
  writeOut(JSON.stringify(result, null, 2) + "\n");
} catch (e) {
  if (e instanceof DocumentRejected) {
    process.stderr.write(`rejected: ${e.reason}: ${e.message}\n`);
    code = 3;
  } else {
    process.stderr.write(`extract failed: ${(e as Error).stack ?? String(e)}\n`);
    code = 1;
  }
} finally {
  await pool.terminate();
}
process.exit(code);
