/** The clinic: a name near the top of the first page with a word of the trade in it ("Fisioterapia", "Praxis", "Clinic"). */
import { allWords, alternation, exactWordRe, LEXICONS } from "../lexicon";
import type { Row } from "../layout/rows";
import { findDates, printedAlternation } from "../parse";

/** A stem of a clinic's name anywhere in a word ("Fisioterapia", "Physiotherapy", "Praxis"), over every language. */
const hint = new RegExp(`(${alternation(allWords((l) => l.fields.clinicWords))})`, "i");

/** A report's title printed before the clinic's name in its cell ("Informe clínico de fisioterapia", "Therapiebericht"). */
const REPORT_TITLE = new RegExp(`^(?:${printedAlternation(allWords((l) => l.fields.reportTitles))})\\s*`, "u");

export function extractProvider(rows: Row[]): string | null {
  const docWords = LEXICONS.flatMap((l) => [...l.docType.invoice, ...l.docType.epikrise]);
  const docRe = exactWordRe(docWords);
  const top = rows.filter((r) => r.page === rows[0]?.page).slice(0, 8);
  for (const r of top) {
    for (const c of r.cells) {
      if (!hint.test(c.text) || /\d|@|www\./.test(c.text) || (docRe.test(c.folded) && c.text === c.text.toUpperCase() && c.text.split(" ").length <= 2)) continue;
      // a name wrapped onto the next line at the same x
      const idx = rows.indexOf(r);
      const next = rows[idx + 1];
      const cont = next?.cells.find(
        (n) => Math.abs(n.x0 - c.x0) < r.height && !/\d|@/.test(n.text) && n.text.split(" ").length <= 2 && /^\p{Lu}/u.test(n.text) && next.y0 - r.y1 < r.height * 1.2,
      );
      let name = c.text.replace(REPORT_TITLE, "");
      if (cont && !hint.test(cont.text) && !findDates(cont.text).length) name += " " + cont.text;
      if (name.length >= 4) return name.trim();
    }
  }
  return null;
}
