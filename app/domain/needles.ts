/**
 * How a treatment line's words say needles were used (issue 18 item 7): as a tool inside a covered form
 * (trigger-point needling within soft-tissue treatment, electrotherapy through needles) or as acupuncture,
 * which is not covered. The words are data in rules/parameters/needles.ts; this reads them.
 */
import { NEEDLE_TERMS, type NeedleUse } from "../rules/parameters/needles";

export type { NeedleUse };

/** Folds a line's text as the terms are written. */
export function foldNeedleText(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .replace(/[-_/]+/g, " ")
    .replace(/\s+/g, " ");
}

/**
 * How the line's text says needles were used, and the word that said it; null when it says nothing
 * about needles. A line that names acupuncture is acupuncture, even beside a needle-tool word: it is not
 * covered, and the resident and caseworker see why.
 */
export function needleUse(text: string): { use: NeedleUse; term: string } | null {
  const t = foldNeedleText(text);
  const find = (use: NeedleUse) => NEEDLE_TERMS[use].find((w) => new RegExp(`(^|[^\\p{L}])${w.replace(/ /g, "\\s")}`, "u").test(t)) ?? null;
  const acu = find("acupuncture");
  if (acu) return { use: "acupuncture", term: acu };
  for (const use of ["needles-in-electrotherapy", "needles-in-soft-tissue"] as const) {
    const w = find(use);
    if (w) return { use, term: w };
  }
  return null;
}
