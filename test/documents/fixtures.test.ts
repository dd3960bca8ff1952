/**
 * End-to-end on two dev fixtures: one born-digital PDF (text layer, fast) and one scan (OCR, ~5–10 s on 2 cores).
 * Kept to two documents on purpose: CI has 2 cores and a 20-minute budget for everything.
 */
import { readFileSync, existsSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument, OcrPool } from "~/documents/pipeline";

const dir = new URL("../fixtures/documents/", import.meta.url).pathname;
const has = existsSync(dir);
const load = (f: string) => new Uint8Array(readFileSync(dir + f));
const truth = (f: string) => JSON.parse(readFileSync(dir + f.replace(/\.\w+$/, ".json"), "utf8"));
const key = (l: { date: string | null; treatmentForm: string; amount: number }) => `${l.date}|${l.treatmentForm}|${l.amount.toFixed(2)}`;

describe.skipIf(!has)("fixture documents", () => {
  const pool = new OcrPool({ size: 1 });
  afterAll(() => pool.terminate());

  it("born-digital PDF: every line and the total from the text layer", async () => {
    const f = "inv10-es-es-pdf.pdf";
    const r = await extractDocument(load(f), { ocr: pool });
    const t = truth(f);
    expect(r.source).toBe("text-layer");
    expect(r.lines.map(key)).toEqual(t.lines.map(key));
    expect(r.total).toBe(t.total);
    expect(r.currency).toBe(t.currency);
    expect(r.checks.linesMatchTotal).toBe(true);
  });

  it("scanned receipt (PNG): lines and total through OCR", async () => {
    const f = "inv03-nb-es-scan-png.png";
    const r = await extractDocument(load(f), { ocr: pool });
    const t = truth(f);
    expect(r.source).toBe("ocr");
    expect(r.lines.map(key)).toEqual(t.lines.map(key));
    expect(r.total).toBe(t.total);
    expect(r.currency).toBe("EUR");
  });
});
