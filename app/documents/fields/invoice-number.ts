/**
 * The invoice number: by its label ("Invoice No", "Factura Nº", "Rechnungsnummer"), in a compound title ("Privatrechnung Nr. …"),
 * or beside the document's title above the table.
 */
import { allLabels, allWords, alternation } from "../lexicon";
import { findHeader } from "../layout/header";
import type { Row } from "../layout/rows";
import { findDates } from "../parse";
import { findLabel, labelValue } from "./labels";

/** "Nr", "No", "Número" over every language, and the titles a number may stand beside ("Factura", "Receipt"), from ./lexicon. */
const NUMBER_WORDS = allWords((l) => l.fields.numberWords);
const TITLE_NUMBER_LABELS = allWords((l) => l.fields.invoiceTitles);
/** A compound title with its number's word ("Privatrechnung Nr.", "Slutfaktura nr"). */
const COMPOUND_NUMBER = new RegExp(`^\\p{L}{3,}(?:${alternation(allWords((l) => l.fields.invoiceCompounds))})\\s+(?:nr|no|n[°º])\\.?(?:\\s+|$)`, "u");
/** The labels a number may follow alone: the number words and the one-word titles ("Factura simplificada" needs its number's label). */
const BARE_NUMBER_LABELS = [...NUMBER_WORDS, ...TITLE_NUMBER_LABELS.filter((l) => !l.includes(" "))];

/** The invoice number by its label and shape (never from an address or a phone row), and the row it was read on (-1: none). */
export function readInvoiceNumber(rows: Row[]): { invoiceNumber: string | null; invoiceNumberRow: number } {
  let invoiceNumberRow = -1;
  const invoiceNumber = (() => {
    const okFirst = (t: string) => /^[A-Za-z]{0,4}[-/]?\d[\w\-/.]*$/.test(t) && !findDates(t).length && (t.match(/\d/g) ?? []).length >= 2;
    const pickValue = (s: string, dateShape = false): string | null => {
      // "Invoice No : #12345", "Nº: №2024-17": the number sign is no part of the number
      // an abbreviation before it, "Lp. R/2025/06/064", "No. 4411", is the number's word, not the number
      const toks = s
        .replace(/^[#№]\s?/, "")
        .replace(/^\p{L}{1,3}\.\s+(?=\S*\d)/u, "")
        .split(/\s+/);
      // a series prefix and its number ("FV 26/11/2024" is invoice 26 of November: with the prefix, a date's shape is a number)
      const numberAfterPrefix = (t: string) => okFirst(t) || (/^\d{1,4}\/\d{1,2}\/\d{2,4}$/.test(t) && (t.match(/\d/g) ?? []).length >= 2);
      if (/^[A-Z]{1,3}$/.test(toks[0] ?? "") && toks[1] && numberAfterPrefix(toks[1])) return `${toks[0]} ${toks[1]}`.replace(/[.,;:]$/, "");
      // a number in a date's shape right after an invoice number's own label ("Faktura nr: 2025/03/28": numbered by day)
      if (dateShape && toks[0] && /^\d{1,4}\/\d{1,2}\/\d{2,4}[.,;:]?$/.test(toks[0])) return toks[0].replace(/[.,;:]$/, "");
      return toks[0] && okFirst(toks[0]) ? toks[0].replace(/[.,;:]$/, "") : null;
    };
    const specific = allLabels("invoiceNumber").filter((l) => !BARE_NUMBER_LABELS.includes(l));
    const hits = [
      ...findLabel(rows, specific, { anywhere: true, fuzzy: true }),
      ...findLabel(rows, BARE_NUMBER_LABELS.flatMap((l) => [`${l}.`, `${l}:`]).concat(["nr", "no", "n"])),
    ];
    // the first own label's value, when only its date shape keeps the general reading below from taking it
    const own = hits.find((h) => specific.includes(h.label));
    const dated = own ? labelValue(rows, own, (s) => pickValue(s, true) !== null) : null;
    if (dated && !pickValue(dated.text)) {
      invoiceNumberRow = rows.indexOf(dated.row);
      return pickValue(dated.text, true);
    }
    for (const h of hits) {
      const v = labelValue(rows, h, (s) => pickValue(s) !== null);
      if (v) {
        invoiceNumberRow = rows.indexOf(v.row);
        return pickValue(v.text);
      }
    }
    // a compound title with its number ("Privatrechnung Nr. RE 3645", "Slutfaktura nr 1234")
    for (const r of rows)
      for (const c of r.cells) {
        const m = COMPOUND_NUMBER.exec(c.folded);
        if (!m) continue;
        const n = m[0].trim().split(/\s+/).length;
        const v = pickValue(
          c.words
            .slice(n)
            .map((w) => w.text)
            .join(" "),
        );
        if (v) {
          invoiceNumberRow = rows.indexOf(r);
          return v;
        }
      }
    // the document's title alone in its cell ("FACTURA") with the number beside or under it: a stacked header whose "Nº" OCR
    // lost ("FACTURA Nº" over "2025/000947" read as "FACTURA")
    const tableStart = findHeader(rows)?.rowIndex ?? rows.length;
    for (const h of findLabel(rows, TITLE_NUMBER_LABELS)) {
      if (h.rest.trim()) {
        // the title with its number after it ("Receipt HP-12240", "Faktura 250747", "Factura A-25-0960"): the title opens its
        // cell above the table, and the number has the shape of one (three digits or more, no date, not a phone or an address)
        const v = h.at === 0 && h.rowIndex < tableStart ? pickValue(h.rest.trim()) : null;
        if (v && (v.match(/\d/g) ?? []).length >= 3 && !/^\+|^\d{2,4}[\s-]\d{2,}[\s-]\d{2,}$/.test(v)) {
          invoiceNumberRow = h.rowIndex;
          return v;
        }
        continue;
      }
      const v = labelValue(rows, h, (s) => pickValue(s) !== null);
      if (v) {
        invoiceNumberRow = rows.indexOf(v.row);
        return pickValue(v.text);
      }
    }
    return null;
  })();
  return { invoiceNumber, invoiceNumberRow };
}
