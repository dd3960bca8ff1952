/**
 * Text in the residents' PDFs (pdf-lib, standard Helvetica): made safe for WinAnsi and wrapped to a
 * width, never cut (issue 22, item 6). A word wider than the column is broken between letters with
 * a hyphen rather than dropped.
 */
import type { PDFFont } from "pdf-lib";

/** Helvetica (WinAnsi) has no glyphs for e.g. the minus sign or CJK; keep the text readable, never drop it silently. */
export function winAnsiSafe(s: string): string {
  return s
    .replace(/[\u2010-\u2012\u2212]/g, "-")
    .replace(/\u202f/g, "\u00a0")
    .replace(/[^\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac]/g, "?");
}

/** The lines `text` needs at `size` in `width` points; every character of the text is on one of them. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  // Only ordinary spaces break a line: a no-break space keeps "1 234 kr" together.
  const safe = winAnsiSafe(text)
    .replace(/[ \t\r\n]+/g, " ")
    .trim();
  if (!safe) return [""];
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let current = "";
  for (const word of safe.split(" ")) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    // A word too long for a line of its own is broken with a hyphen.
    let rest = word;
    while (!fits(rest)) {
      let n = rest.length - 1;
      while (n > 1 && !fits(`${rest.slice(0, n)}-`)) n--;
      lines.push(`${rest.slice(0, n)}-`);
      rest = rest.slice(n);
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines;
}
