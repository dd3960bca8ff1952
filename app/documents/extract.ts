/**
 * Pure extraction: positioned text lines → the ExtractedDocument fields. No I/O, no OCR, no knowledge of particular clinics:
 * everything keys on per-language labels and treatment words (./lexicon), number/date formats (./parse) and on geometry
 * (cells split at wide gaps, columns inferred from a table header's positions).
 */
import { detectLanguage } from "./lexicon";
import { fold } from "./parse";
import type { ExtractedDocument, ExtractionChecks } from "./schema";
import { toRows } from "./layout/rows";
import { readTable } from "./layout/table";
import { numberStyle } from "./layout/tokens";
import { expandSummaries, repairAmounts } from "./lines/summaries";
import { extractLines } from "./lines/older";
import { tableLine } from "./lines/table-lines";
import { readBirthDate } from "./fields/birth-date";
import { detectCountry } from "./fields/country";
import { currenciesOnPage, resolveCurrency } from "./fields/currency";
import { readDiagnosis } from "./fields/diagnosis";
import { detectDocType } from "./fields/doc-type";
import { readInvoiceDate } from "./fields/invoice-date";
import { readInvoiceNumber } from "./fields/invoice-number";
import { extractPeriod } from "./fields/period";
import { printedTotals, totalWithoutDecimals } from "./fields/totals";
import { extractIssuer } from "./parties/issuer";
import { readPatientName } from "./parties/patient";
import { extractProvider } from "./parties/provider";
import { extractTherapists } from "./parties/therapists";
import type { PageText } from "./types";

export type Extracted = ExtractedDocument & { checks: ExtractionChecks };

export function extractFromPages(pages: PageText[]): Extracted {
  const rows = toRows(pages);
  const fullText = rows.map((r) => r.text).join("\n");
  const folded = fold(fullText);
  const language = detectLanguage(folded);

  const style = numberStyle(fullText);

  // totals
  const { totalCands, totalRowIdx } = printedTotals(rows, style);

  const { lines: drafts, currencies } = extractLines(rows, style, totalRowIdx);
  const { lines, alts } = expandSummaries(drafts);
  for (const c of totalCands) if (c.currency) currencies.set(c.currency, (currencies.get(c.currency) ?? 0) + 2);
  for (const c of currenciesOnPage(fullText)) currencies.set(c, (currencies.get(c) ?? 0) + 1);
  if (/\bkr\b\.?/i.test(fullText)) currencies.set("kr", (currencies.get("kr") ?? 0) + 1);

  let sum = Math.round(lines.reduce((s, l) => s + l.amount, 0) * 100) / 100;
  if (totalCands.length && !totalCands.some((c) => Math.abs(c.value - sum) < 0.005)) {
    const fix = repairAmounts(
      lines.map((l) => l.amount),
      alts,
      totalCands.map((c) => c.value),
    );
    if (fix) {
      for (const [k, v] of fix) lines[k]!.amount = v;
      sum = Math.round(lines.reduce((s, l) => s + l.amount, 0) * 100) / 100;
    }
  }
  let linesFrom: ExtractionChecks["linesFrom"] = lines.length ? "older" : null;
  // The general table reader (ADR 0018): its lines replace the older reader's whenever they add up to a printed total (the
  // witness); the older reader stands only where the general one cannot make the lines and the total agree.
  {
    const totals = totalCands.map((c) => c.value);
    const reading = readTable(rows, { style, totals });
    // (an item whose date OCR lost is not made up: a treatment line needs its date; only a fee may stand undated)
    const tableLines = reading.items.map(tableLine);
    if (reading.matchesTotal && tableLines.every((l) => l.date !== null || l.treatmentForm === "ikke-dekket")) {
      linesFrom = "table";
      lines.splice(0, lines.length, ...tableLines);
      alts.clear();
      sum = reading.sum;
    }
  }
  let total: number | null = null;
  if (totalCands.length) {
    const match = totalCands.find((c) => Math.abs(c.value - sum) < 0.005);
    total = match ? match.value : totalCands.reduce((a, b) => (b.value > a.value ? b : a)).value;
  }
  if (total === null && lines.length && totalWithoutDecimals(rows, sum)) total = sum;

  // Lines read from a page the OCR was unsure of (handwriting: mean word confidence under 75) that do not add up to the printed
  // total are not offered: the resident types them, rather than correcting invented ones. (Printed pages read at 78 or more.)
  const ocrConfidence = pages.filter((p) => p.source === "ocr" && p.confidence !== undefined).map((p) => p.confidence!);
  const unsure = ocrConfidence.length > 0 && ocrConfidence.reduce((a, b) => a + b, 0) / ocrConfidence.length < 75;
  if (unsure && lines.length && !(total !== null && Math.abs(sum - total) < 0.005)) {
    lines.splice(0, lines.length);
    sum = 0;
  }
  // (priced, dated treatment lines are an invoice's, also when OCR lost its total)
  const docType = detectDocType(folded, (lines.length >= 1 && total !== null) || lines.length >= 3);
  const country = detectCountry(fullText, folded, language, docType);
  const isInvoice = docType === "invoice";
  const currency = isInvoice ? resolveCurrency(currencies, country, language) : null;

  // fields
  const birthDate = readBirthDate(rows, fullText, folded);

  const patientName = readPatientName(rows);

  const diagnosis = readDiagnosis(rows);

  const { invoiceNumber, invoiceNumberRow } = isInvoice ? readInvoiceNumber(rows) : { invoiceNumber: null, invoiceNumberRow: -1 };

  const invoiceDate = isInvoice ? readInvoiceDate(rows, invoiceNumberRow) : null;

  const therapists = extractTherapists(rows, fullText, folded, docType);
  const issuingAuthority = docType === "authorisation" ? extractIssuer(rows) : null;
  const treatmentPeriod = docType === "epikrise" ? extractPeriod(rows, fullText) : null;
  const providerName = docType === "authorisation" ? null : extractProvider(rows);

  const checks: ExtractionChecks = {
    linesMatchTotal: lines.length && total !== null ? Math.abs(sum - total) < 0.005 : null,
    linesSum: lines.length ? sum : null,
    linesFrom: lines.length ? linesFrom : null,
  };

  return {
    documentType: docType,
    language,
    country,
    providerName,
    therapists,
    patientName: docType === "authorisation" ? null : patientName,
    patientBirthDate: docType === "authorisation" ? null : birthDate,
    invoiceNumber,
    invoiceDate,
    diagnosis: docType === "authorisation" ? null : diagnosis,
    currency,
    lines: isInvoice ? lines : [],
    total: isInvoice ? total : null,
    issuingAuthority,
    treatmentPeriod,
    checks,
  };
}
