/**
 * Field labels: where a label (any language's, from the lexicon) stands in a row, and the value that goes with it: the rest
 * of its cell, the next cell, or the cell under it.
 */
import { allLabels } from "../lexicon";
import type { Cell, Row } from "../layout/rows";
import type { Word } from "../types";

function labelRe(labels: string[]): RegExp {
  // a label of two words or more ending or starting with "n" (the "Nº" of "Factura Nº", "Nº factura") also matches OCR's
  // readings of the º: "N2", "Ne", "No", "N°"
  const esc = (s: string) =>
    s
      .replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
      .replace(/\u0001/g, "\\p{L}")
      .replace(/ /g, "[\\s.\\-/]*")
      .replace(/\*n$/, "*n[°ºoe2?*]?")
      .replace(/^n(?=\[\\s)/, "n[°ºoe2?*]?");
  // a German label's gender forms: "Patient/in", "Therapeut*in", "Therapeutin/Therapeut"
  return new RegExp(
    `(?:^|[^\\p{L}\\p{N}])(${labels.map(esc).join("|")})(?:[/*]\\p{L}+)?(?![\\p{L}])\\.?\\s*(?:\\([^)]*\\))?\\s*[:#.]?\\s*(?:n[°ºo]\\.?|nr\\.?)?\\s*[:.]?\\s*`,
    "u",
  );
}

export interface LabelHit {
  row: Row;
  rowIndex: number;
  cell: Cell;
  cellIndex: number;
  rest: string;
  restWords: Word[];
  /** where in the cell the label starts, and the label as matched */ at: number;
  label: string;
}

/** Finds a label at the start of a cell (or anywhere in the cell when `anywhere`); returns the remainder of that cell. */
/**
 * The labels again with one letter of each long word (7+ letters) left open, for OCR's one-letter misreadings ("Disgnose",
 * "cattura n."): asked for only where the exact labels found nothing.
 */
function fuzzyLabels(labels: string[]): string[] {
  const out = new Set<string>();
  for (const l of labels) {
    const words = l.split(" ");
    words.forEach((w, k) => {
      if (!/^\p{L}{7,}$/u.test(w)) return;
      for (let i = 0; i < w.length; i++) out.add([...words.slice(0, k), `${w.slice(0, i)}\u0001${w.slice(i + 1)}`, ...words.slice(k + 1)].join(" "));
    });
  }
  return [...out];
}

/** Nothing, or a form's field number before a label: "1.", "3)", "(2)", "b.", "iv)". */
const ENUMERATOR = /^(?:|(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\(\d{1,2}\))$/;

export function findLabel(rows: Row[], labels: string[], opts: { anywhere?: boolean; from?: number; to?: number; fuzzy?: boolean } = {}): LabelHit[] {
  if (opts.fuzzy) {
    const exact = findLabel(rows, labels, { ...opts, fuzzy: false });
    return exact.length ? exact : findLabel(rows, fuzzyLabels(labels), { ...opts, fuzzy: false });
  }
  const re = labelRe(labels);
  const hits: LabelHit[] = [];
  for (let i = opts.from ?? 0; i < (opts.to ?? rows.length); i++) {
    const row = rows[i]!;
    row.cells.forEach((cell, ci) => {
      const m = re.exec(cell.folded);
      if (!m) return;
      const lead = m.index + (m[0].length - m[0].trimStart().length);
      // at the start of the cell, or after a form's field number ("1. Name", "3) Aktenzeichen", "(2) Nom")
      if (!opts.anywhere && lead > 0 && !ENUMERATOR.test(cell.folded.slice(0, m.index + 1).trim())) return;
      // map folded offset back to words (folding keeps length except for æ/ß/œ which grow; approximate by word count)
      const consumed = cell.folded.slice(0, m.index + m[0].length);
      const nWordsConsumed = consumed.trim() ? consumed.trim().split(/\s+/).length : 0;
      const endsInsideWord = m.index + m[0].length < cell.folded.length && !/\s$/.test(consumed) && !/[:.]$/.test(consumed);
      const k = endsInsideWord ? Math.max(0, nWordsConsumed - 1) : nWordsConsumed;
      let restWords = cell.words.slice(k);
      if (endsInsideWord && restWords.length) {
        // label glued to value ("Nr.22302"): strip the label characters from the first word
        const first = restWords[0]!;
        const lastLabelWord = consumed.trim().split(/\s+/).pop() ?? "";
        const cut = lastLabelWord.length;
        restWords = [{ ...first, text: first.text.slice(cut) }, ...restWords.slice(1)].filter((w) => w.text);
      }
      const rest = restWords
        .map((w) => w.text)
        .join(" ")
        .replace(/^[:#.\s]+/, "")
        .trim();
      hits.push({ row, rowIndex: i, cell, cellIndex: ci, rest, restWords, at: lead, label: m[1]! });
    });
  }
  return hits;
}

/** The value for a label: the rest of its cell, else the next cell on the row, else the cell below (same column). */
export function labelValue(rows: Row[], hit: LabelHit, accept: (s: string) => boolean = () => true): { text: string; row: Row } | null {
  if (hit.rest && accept(hit.rest)) return { text: hit.rest, row: hit.row };
  const next = hit.row.cells[hit.cellIndex + 1];
  if (!hit.rest && next && accept(next.text) && !isLabelText(next.folded)) return { text: next.text, row: hit.row };
  for (let j = hit.rowIndex + 1; j < Math.min(rows.length, hit.rowIndex + 3); j++) {
    const r = rows[j]!;
    if (r.page !== hit.row.page) break;
    if (r.y0 - hit.row.y1 > hit.row.height * 3.5) break;
    // under the label: starting near it, or ending where it ends (a right-hand block set flush right: "Paciente" over
    // "Per Øyvind Haugen")
    const below = r.cells.find(
      (c) =>
        c.x0 < hit.cell.x1 &&
        c.x1 > hit.cell.x0 - hit.row.height &&
        (Math.abs(c.x0 - hit.cell.x0) < Math.max(hit.row.height * 4, hit.cell.x1 - hit.cell.x0) || Math.abs(c.x1 - hit.cell.x1) < hit.row.height * 2),
    );
    if (below && !isLabelText(below.folded) && accept(below.text)) return { text: below.text, row: r };
    if (below) break;
  }
  return null;
}

const ALL_FIELD_LABELS = [
  ...allLabels("patient"),
  ...allLabels("birthDate"),
  ...allLabels("diagnosis"),
  ...allLabels("invoiceNumber"),
  ...allLabels("invoiceDate"),
  ...allLabels("therapist"),
  ...allLabels("period"),
];
const LABEL_ONLY_RE = new RegExp(`^(?:${ALL_FIELD_LABELS.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})[\\s:.#]*$`, "u");
export function isLabelText(folded: string): boolean {
  return LABEL_ONLY_RE.test(folded.trim());
}
