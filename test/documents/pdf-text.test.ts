/**
 * The text layer's words from pdf.js items (app/documents/text/pdf.ts): a ligature set as an item of its own joins its word.
 */
import { describe, expect, it } from "vitest";
import { joinAbutting, type PdfTextItem } from "~/documents/text/pdf";

/** An item at x with font size 10 on a baseline at y (pdf.js coordinates: y up from the page's foot), 5 units a character. */
const item = (str: string, x: number, y = 700): PdfTextItem => ({ str, transform: [10, 0, 0, 10, x, y], width: str.length * 5, height: 10 });
const texts = (frags: ReturnType<typeof joinAbutting>) => frags.map((f) => f.map((w) => w.text).join(" "));

describe("text layer words", () => {
  it('joins a ligature item to the word it is part of ("Seduta di fi" + "sioterapia" is "Seduta di fisioterapia")', () => {
    // a blind held-out Italian invoice made by Chromium: the "fi" ligature was an item of its own, and no treatment was named
    const frags = joinAbutting([item("Seduta di ", 100), item("fi", 150), item("sioterapia", 160), item("40,00", 400)], 842);
    expect(texts(frags)).toEqual(["Seduta di", "fisioterapia", "40,00"]);
  });

  it("keeps items apart where a space or a gap separates them, or they stand on other lines", () => {
    expect(texts(joinAbutting([item("Total", 100), item("230,00", 127)], 842))).toEqual(["Total", "230,00"]); // a 2-unit gap
    expect(texts(joinAbutting([item("Total ", 100), item("230,00", 130)], 842))).toEqual(["Total", "230,00"]); // a space at the seam
    expect(texts(joinAbutting([item("Seduta", 100), item("40,00", 130, 680)], 842))).toEqual(["Seduta", "40,00"]); // the next line
    // a quantity set against a price, a word against a number: no ligature, so two words (a review's cases)
    expect(texts(joinAbutting([item("1", 295), item("30,00", 300)], 842))).toEqual(["1", "30,00"]);
    expect(texts(joinAbutting([item("Physiotherapie", 100), item("45", 170)], 842))).toEqual(["Physiotherapie", "45"]);
  });
});
