/** The patient: by a patient label (the name before any birth marker on its line), or else the recipient's address block. */
import { allLabels, allWords, alternation, exactWordRe, LEXICONS } from "../lexicon";
import type { Cell, Row } from "../layout/rows";
import { findLabel, isLabelText, labelValue } from "../fields/labels";
import { fold, printedAlternation } from "../parse";
import { canonicalName } from "./names";

/** "Norway" in the languages of the documents: the last line of a Norwegian resident's address printed abroad. */
const NORWAY_RE = new RegExp(`^(?:${alternation(allWords((l) => l.fields.norway))})$`);

/** A line that says only "Norway", in one language or two ("Norge / Norway"), with a stray mark of OCR's beside it ("Norway |"). */
function isNorwayLine(folded: string): boolean {
  const words = folded.split(/[^\p{L}]+/u).filter(Boolean);
  return words.length > 0 && words.length <= 3 && words.every((w) => NORWAY_RE.test(w));
}

/**
 * The patient's name where no label names it: the top line of the recipient's address block, the block a clinic abroad prints
 * for its Norwegian patient. Anchored on the line just under the name that says who it is — a birth-date line ("DOB 19/01/1959",
 * "nato/a il …") — or on the block's last line, "Norway" in any of the languages: walking up from it over the address lines
 * (street and number, postcode and town), the first line without digits is the name when it reads as one. Nothing else counts
 * (a clinic's or therapist's name has neither anchor under it).
 */
function recipientName(rows: Row[]): string | null {
  // the nearest line above in the same column (a line beside it, in the clinic's column or the invoice details, is passed over)
  const above = (i: number, cell: Cell): [number, Cell] | undefined => {
    const r = rows[i];
    for (let j = i - 1; r && j >= 0 && j >= i - 3; j--) {
      const up = rows[j]!;
      if (up.page !== r.page || r.y0 - up.y1 > r.height * (2.5 + 2 * (i - 1 - j))) return undefined;
      // aligned on the left, or on the right (a block set flush right, as a window envelope's address often is)
      const c = up.cells.find((c) => (Math.abs(c.x0 - cell.x0) < r.height * 2 || Math.abs(c.x1 - cell.x1) < r.height * 2) && c.x0 < cell.x1 && c.x1 > cell.x0);
      if (c) return [j, c];
    }
    return undefined;
  };
  const nameIn = (c: Cell | undefined) => (c && !/\d/.test(c.text) && !isLabelText(c.folded) ? canonicalName(c.text) : null);
  // one letter read wrong in a long label still anchors it ("Fédelsedatum" for "Födelsedatum")
  for (const h of findLabel(rows, allLabels("birthDate"), { fuzzy: true })) {
    const name = nameIn(above(h.rowIndex, h.cell)?.[1]);
    if (name) return name;
  }
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i]!.cells.find((c) => isNorwayLine(c.folded));
    if (!cell) continue;
    let at: [number, Cell] | undefined = [i, cell];
    for (let steps = 0; steps < 4; steps++) {
      at = above(at[0], at[1]);
      if (!at) break;
      if (/\d/.test(at[1].text)) continue;
      const name = nameIn(at[1]);
      if (name) return name;
      break;
    }
  }
  return null;
}

/**
 * What ends the name on the patient's line: a birth marker or field, or an identity document ("Nygård, Terje, geb. 10.03.1960",
 * "Terje Vestbø  Fecha nac.: …"; ./lexicon: fields.afterName).
 */
const BORN_AFTER_NAME = new RegExp(`(?:,\\s*|\\s+)\\(?(?:${printedAlternation(allWords((l) => l.fields.afterName))})(?![\\p{L}])`, "u");

/** The patient's name (null: none found). */
export function readPatientName(rows: Row[]): string | null {
  // a heading beside the patient's ("DATOS DEL PACIENTE" | "DATOS DE LA FACTURA") is no name
  const docWordRe = exactWordRe(LEXICONS.flatMap((l) => l.docType.invoice));
  for (const h of findLabel(rows, allLabels("patient"))) {
    const v = labelValue(
      rows,
      h,
      (s) =>
        !docWordRe.test(fold(s)) &&
        canonicalName(
          s
            .split(/\s{2,}/)[0]!
            .split(BORN_AFTER_NAME)[0]!
            .replace(/\s*\d.*$/, ""),
        ) !== null,
    );
    if (v) return canonicalName(v.text.split(BORN_AFTER_NAME)[0]!.replace(/\s*\d.*$/, ""));
  }
  return recipientName(rows);
}
