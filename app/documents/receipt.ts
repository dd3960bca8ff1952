/**
 * A Norwegian receipt for an egenandel, read into the fields of the missing-egenandel report (issue 21, item 5): the provider,
 * its organisation number, the date of the service, the service type and the amount paid. Pure: from the pages and what the
 * general extractor read from them. Every field is by evidence on the page, or null (the resident types it).
 */
import { isValidOrgnr as validOrgnr } from "../kernel/orgnr";
import type { ServiceType } from "../kernel/types";
import { alternation } from "./lexicon";
import { currencyMarksIn } from "./lexicon/currencies";
import { NB_RECEIPT_WORDS, NB_SERVICE_WORDS } from "./lexicon/nb-services";
import { findDates, fold, parseAmount } from "./parse";
import type { ExtractedDocument } from "./schema";
import type { PageText } from "./types";

export interface ReceiptPrefill {
  providerName: string | null;
  /** Nine digits (the Norwegian organisation number), checked with its control digit. */
  providerOrgnr: string | null;
  serviceDate: string | null;
  serviceType: ServiceType | null;
  /** The egenandel paid, in øre. */
  amountOre: number | null;
}

const wordHit = (text: string, word: string): boolean => {
  const w = fold(word);
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  const re = w.endsWith("*") ? new RegExp(`(?<![\\p{L}])${esc(w.slice(0, -1))}`, "u") : new RegExp(`(?<![\\p{L}])${esc(w)}(?![\\p{L}])`, "u");
  return re.test(text);
};

/** The service type named on the receipt: the first type in the lexicon's order with a word on the page. */
export function serviceTypeOf(text: string): ServiceType | null {
  const t = fold(text);
  for (const [type, words] of NB_SERVICE_WORDS) if (words.some((w) => wordHit(t, w))) return type;
  return null;
}

const wholeWords = (words: readonly string[]) => new RegExp(`\\b(?:${words.map((w) => w.replace(/ /g, "\\s+")).join("|")})\\b`);
const NOT_AMOUNT = wholeWords(NB_RECEIPT_WORDS.notAmount);
const SERVICE_DATE = wholeWords(NB_RECEIPT_WORDS.serviceDate);
const BIRTH = new RegExp(`\\b(?:${NB_RECEIPT_WORDS.birthDate.join("|")})`);

const AMOUNT = /(?<![\d.,])(\d{1,3}(?:[ .\u00a0]\d{3})*(?:[.,]\d{2}|,-))(?![\d.,])/g;

/** The amount on a row labelled as the egenandel ("Egenandel", "Betalt egenandel", "Å betale", "Totalt", "Sum"), in øre. */
function labelledAmount(lines: string[]): number | null {
  const labels = NB_RECEIPT_WORDS.amountLabels.map((words) => wholeWords(words));
  for (const label of labels) {
    for (const l of lines) {
      const f = fold(l);
      if (!label.test(f) || NOT_AMOUNT.test(f)) continue;
      const amounts = [...l.matchAll(AMOUNT)].map((m) => parseAmount(m[1]!.replace(/,-$/, ",00")));
      const a = amounts.filter((x): x is number => x !== null && x > 0).pop();
      if (a !== undefined) return Math.round(a * 100);
    }
  }
  return null;
}

/** The page's text rows: lines side by side (a label and its amount far to the right) are one row, left to right. */
function rowsOf(pages: readonly PageText[]): string[] {
  const out: string[] = [];
  for (const p of pages) {
    const rows: Array<{ y0: number; y1: number; parts: Array<{ x0: number; text: string }> }> = [];
    for (const l of [...p.lines].sort((a, b) => a.y0 - b.y0)) {
      const mid = (l.y0 + l.y1) / 2;
      const row = rows.find((r) => mid > r.y0 && mid < r.y1);
      if (row) row.parts.push({ x0: l.x0, text: l.text });
      else rows.push({ y0: l.y0, y1: l.y1, parts: [{ x0: l.x0, text: l.text }] });
    }
    for (const r of rows)
      out.push(
        r.parts
          .sort((a, b) => a.x0 - b.x0)
          .map((x) => x.text)
          .join("  "),
      );
  }
  return out;
}

/** Nine digits (groups of three allowed) after an organisation number's label (../lexicon/nb-services.ts), the label a whole word. */
const ORGNR_AFTER_LABEL = new RegExp(
  `(?<![\\p{L}])(?:${alternation(NB_RECEIPT_WORDS.orgnrLabels).replace(/\\\./g, "\\.?\\s*")})\\.?\\s*:?\\s*(\\d{3}\\s?\\d{3}\\s?\\d{3})(?!\\d)`,
  "giu",
);

export function readEgenandelReceipt(doc: ExtractedDocument, pages: readonly PageText[]): ReceiptPrefill {
  const lines = rowsOf(pages);
  const text = lines.join("\n");
  // an organisation number: nine digits (groups of three allowed) after its label, or "NO 912 345 678 MVA"; checked by its control digit
  let providerOrgnr: string | null = null;
  for (const m of text.matchAll(ORGNR_AFTER_LABEL)) {
    const n = m[1]!.replace(/\s/g, "");
    if (validOrgnr(n)) {
      providerOrgnr = n;
      break;
    }
  }
  // the service date: the labelled one ("Behandlingsdato", "Dato for time", "Konsultasjon"), else the receipt's date, else the first line's
  let serviceDate: string | null = null;
  for (const l of lines) {
    if (!SERVICE_DATE.test(fold(l))) continue;
    const d = findDates(l)[0];
    if (d) {
      serviceDate = d.iso;
      break;
    }
  }
  serviceDate ??= doc.invoiceDate ?? doc.lines.find((l) => l.date)?.date ?? null;
  if (!serviceDate) {
    const first = lines.map((l) => findDates(l)[0]).find((d) => d && !BIRTH.test(fold(lines.find((l) => l.includes(d.text)) ?? "")));
    serviceDate = first?.iso ?? null;
  }
  // the amount: only Norwegian kroner (a receipt in another currency is no egenandel)
  // (a currency mark as every reader reads it, ./lexicon/currencies.ts: "kr" on a Norwegian receipt is the krone)
  const marks = currencyMarksIn(text);
  const kroner = marks.some((m) => m === "kr" || m === "NOK");
  const foreign = (doc.currency !== null && doc.currency !== "NOK") || (marks.some((m) => m !== "kr" && m !== "NOK") && !kroner);
  const amountOre = foreign ? null : (labelledAmount(lines) ?? (doc.total !== null && doc.total > 0 ? Math.round(doc.total * 100) : null));
  return {
    providerName: doc.providerName?.trim() || null,
    providerOrgnr,
    serviceDate,
    serviceType: serviceTypeOf(text),
    amountOre,
  };
}
