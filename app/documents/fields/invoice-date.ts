/**
 * The invoice date by evidence: a label in any supported language, a place-and-date line at the top, the invoice number's
 * row or the date alone under it.
 */
import { allLabels, allWords, alternation } from "../lexicon";
import { findHeader } from "../layout/header";
import type { Row } from "../layout/rows";
import { findDates, repairDigits } from "../parse";
import { findLabel, labelValue, type LabelHit } from "./labels";

/**
 * A date label's cell naming another date (due, birth, service, period, expiry): the lexicon's words anywhere in it, short ones
 * ("due", "nac", "geb") as whole words.
 */
const NOT_INVOICE_DATE = new RegExp(
  allWords((l) => l.fields.notInvoiceDate)
    .map((w) => (w.length <= 3 ? `\\b${alternation([w])}\\b` : alternation([w])))
    .join("|"),
);

/** A letter's place before its date ("Nice, le", "Gdańsk, dnia", "Oslo,"). */
const PLACE_BEFORE_DATE = new RegExp(`^\\p{Lu}[\\p{L}\\- ]+,\\s*(?:${alternation(allWords((l) => l.fields.placeDateWords))})?\\s*$`, "u");

/** The invoice date: by its label (never a due, birth or service date), a letter's place and date, or the invoice number's row. */
export function readInvoiceDate(rows: Row[], invoiceNumberRow: number): string | null {
  const hits = findLabel(rows, allLabels("invoiceDate"), { anywhere: true });
  // prefer specific labels ("fecha factura") over bare "date"
  const specific = (h: LabelHit) => (h.cell.folded.length - h.rest.length > 8 ? 1 : 0);
  hits.sort((a, b) => specific(b) - specific(a));
  const headerIdx = findHeader(rows)?.rowIndex;
  for (const h of hits) {
    if (headerIdx === h.rowIndex) continue;
    if (headerIdx !== undefined && h.rowIndex > headerIdx) continue;
    if (NOT_INVOICE_DATE.test(h.cell.folded)) continue;
    // a bare "date" inside a sentence ("… prescription en date du 05/03/2024") is no field of the invoice
    if (h.at > 0 && h.label.length <= 6) continue;
    const v = labelValue(rows, h, (s) => findDates(repairDigits(s)).length > 0);
    if (v) {
      const d = findDates(repairDigits(v.text))[0];
      if (d) return d.iso;
    }
  }
  // a letter's place and date at the top ("Nice, le 5 mai 2024", "Gdańsk, dnia 20.03.2023", "Oslo, 3. mars 2025")
  for (const r of rows.slice(0, 12))
    for (const c of r.cells) {
      const ds = findDates(c.text);
      if (ds.length !== 1) continue;
      const before = c.text.slice(0, ds[0]!.index),
        after = c.text.slice(ds[0]!.index + ds[0]!.length);
      if (PLACE_BEFORE_DATE.test(before) && /^\s*(?:r\.)?\s*$/.test(after)) return ds[0]!.iso;
    }
  // the invoice number's row often carries the date ("Nr. 22302   11/11/2024")
  if (invoiceNumberRow >= 0) {
    const d = findDates(rows[invoiceNumberRow]!.text)[0];
    if (d) return d.iso;
  }
  // … or the line under it, when that line is only a date ("Kvittonr 61034" over "2024-05-27")
  const under = invoiceNumberRow >= 0 ? rows[invoiceNumberRow + 1] : undefined;
  if (under && under.y0 - rows[invoiceNumberRow]!.y1 < under.height * 1.5) {
    const ds = findDates(under.text);
    if (ds.length === 1 && under.text.replace(ds[0]!.text, "").trim() === "") return ds[0]!.iso;
  }
  return null;
}
