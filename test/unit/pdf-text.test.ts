import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { wrapText } from "~/services/pdf-text.server";

describe("PDF text wraps and is never cut (issue 22, item 6)", async () => {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  it("a status too wide for its column is wrapped onto lines that each fit, with every word kept", () => {
    const lines = wrapText("Etter frikort – betalt tilbake 15. januar 2020", font, 8, 80);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 8)).toBeLessThanOrEqual(80);
    expect(lines.join(" ")).toBe("Etter frikort – betalt tilbake 15. januar 2020");
  });
  it("a single word wider than the column is broken with a hyphen, not cut", () => {
    const lines = wrapText("Fysioterapiklinikkenavdelingsleder", font, 9, 50);
    for (const l of lines) expect(font.widthOfTextAtSize(l, 9)).toBeLessThanOrEqual(50);
    expect(lines.join("").replaceAll("-", "")).toBe("Fysioterapiklinikkenavdelingsleder");
  });
  it("text that fits stays on one line", () => {
    expect(wrapText("Henrik", font, 9, 200)).toEqual(["Henrik"]);
  });
});
