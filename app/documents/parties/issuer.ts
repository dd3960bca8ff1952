/** The authority that issued an authorisation, from the top of the page, in the case it prints it in mixed case. */
import { allLabels, allWords, alternation, wordRe } from "../lexicon";
import type { Row } from "../layout/rows";
import { fold, printedAlternation } from "../parse";

/** What stands in the authority's cell before its first word ("Colegio", "Behörde", "Helsedirektoratet"). */
const BEFORE_AUTHORITY = new RegExp(`^.*?(?=(?:${printedAlternation(allWords((l) => l.fields.authorityStarts))}))`, "u");
/** A document's title and a dash before the authority's name ("CERTIFICADO DE COLEGIACIÓN – ", "URKUNDE – "). */
const TITLE_BEFORE = new RegExp(`^(?:${printedAlternation(allWords((l) => l.fields.authorisationTitles))})\\s*[-–]\\s*`, "u");
/** The small words an authority's name printed in capitals keeps in lower case ("de", "of", "und", "og"). */
const LOWER_CASE = new RegExp(`^(?:${alternation(allWords((l) => l.fields.authorityLowerCase))})$`);

export function extractIssuer(rows: Row[]): string | null {
  const issuers = allLabels("issuer");
  const re = wordRe(issuers);
  const cand = rows.slice(0, 12).find((r) => re.test(r.folded));
  if (!cand) return null;
  const cell = cand.cells.find((c) => re.test(c.folded)) ?? cand.cells[0]!;
  let t = cell.text.replace(BEFORE_AUTHORITY, "");
  t = t.replace(TITLE_BEFORE, "").trim();
  if (t === t.toUpperCase()) {
    // printed in capitals: prefer a mixed-case occurrence of the same words elsewhere
    const other = rows.find((r) => fold(r.text).includes(fold(t)) && r.text !== r.text.toUpperCase());
    if (other) {
      const i = fold(other.text).indexOf(fold(t));
      return other.text.slice(i, i + t.length).trim();
    }
    return t
      .toLowerCase()
      .split(" ")
      .map((w, i) => (i > 0 && LOWER_CASE.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(" ");
  }
  return t.split(/\s+[·•]\s+|\s+[-–]\s+(?=\p{Lu}\p{Ll}+$)/u)[0]!.trim();
}
