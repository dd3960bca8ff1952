/** The authority that issued an authorisation, from the top of the page, in the case it prints it in mixed case. */
import { allLabels, wordRe } from "../lexicon";
import type { Row } from "../layout/rows";
import { fold } from "../parse";

export function extractIssuer(rows: Row[]): string | null {
  const issuers = allLabels("issuer");
  const re = wordRe(issuers);
  const cand = rows.slice(0, 12).find((r) => re.test(r.folded));
  if (!cand) return null;
  const cell = cand.cells.find((c) => re.test(c.folded)) ?? cand.cells[0]!;
  let t = cell.text.replace(/^.*?(?=(?:Ilustre|Colegio|Consejo|Behörde|Ordine|Ordre|Conseil|Krajowa|Health|Helsedirektoratet|Socialstyrelsen|Styrelsen|Sundhedsstyrelsen))/iu, "");
  t = t
    .replace(/^CERTIFICADO DE COLEGIACI[OÓ]N\s*[-–]\s*/i, "")
    .replace(/^URKUNDE\s*[-–]\s*/i, "")
    .trim();
  if (t === t.toUpperCase()) {
    // printed in capitals: prefer a mixed-case occurrence of the same words elsewhere
    const other = rows.find((r) => fold(r.text).includes(fold(t)) && r.text !== r.text.toUpperCase());
    if (other) {
      const i = fold(other.text).indexOf(fold(t));
      return other.text.slice(i, i + t.length).trim();
    }
    const small = new Set(["de", "del", "la", "las", "los", "y", "of", "and", "the", "for", "und", "der", "des", "dei", "di", "og", "och"]);
    return t
      .toLowerCase()
      .split(" ")
      .map((w, i) => (i > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(" ");
  }
  return t.split(/\s+[·•]\s+|\s+[-–]\s+(?=\p{Lu}\p{Ll}+$)/u)[0]!.trim();
}
