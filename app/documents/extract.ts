/**
 * Pure extraction: positioned text lines → the ExtractedDocument fields. No I/O, no OCR, no knowledge of particular clinics:
 * everything keys on per-language labels and treatment words (./lexicon), number/date formats (./parse) and on geometry.
 * This file only runs the stages in order (issue 21 item 6; none imports a later one, .dependency-cruiser.cjs):
 * ./layout (text lines → rows, cells, tables) → ./fields (labels, totals, dates, numbers, currency) → ./lines (treatment
 * lines) → ./parties (patient, therapists, clinic) → ./checks (the lines against the printed total).
 */
import { detectLanguage } from "./lexicon";
import { fold } from "./parse";
import type { ExtractedDocument, ExtractionChecks } from "./schema";
import { toRows } from "./layout/rows";
import { numberStyle } from "./layout/tokens";
import { expandSummaries } from "./lines/summaries";
import { extractLines } from "./lines/older";
import { readBirthDate } from "./fields/birth-date";
import { detectCountry } from "./fields/country";
import { currencyEvidence, resolveCurrency } from "./fields/currency";
import { pageDollar } from "./lexicon/currencies";
import { readDiagnosis } from "./fields/diagnosis";
import { detectDocType } from "./fields/doc-type";
import { readInvoiceDate } from "./fields/invoice-date";
import { readInvoiceNumber } from "./fields/invoice-number";
import { extractPeriod } from "./fields/period";
import { printedTotals } from "./fields/totals";
import { extractIssuer } from "./parties/issuer";
import { readPatientName } from "./parties/patient";
import { extractProvider } from "./parties/provider";
import { extractTherapists } from "./parties/therapists";
import { extractionChecks, settleLines } from "./checks/lines-vs-total";
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
  for (const [c, weight] of currencyEvidence(fullText)) currencies.set(c, (currencies.get(c) ?? 0) + weight);

  // (counted before the lines are settled: a page the OCR was unsure of offers no lines that do not add up, but its priced,
  // dated rows still say what it is — a noisy Swedish scan with "FAKTURA" read "FA KTU RA" was taken for an epikrise)
  const pricedRows = lines.length;
  const { sum, total, linesFrom } = settleLines(pages, rows, style, totalCands, lines, alts);
  // (priced, dated treatment lines are an invoice's, also when OCR lost its total)
  const docType = detectDocType(folded, (lines.length >= 1 && total !== null) || lines.length >= 3 || pricedRows >= 3);
  const country = detectCountry(fullText, folded, language, docType);
  const isInvoice = docType === "invoice";
  const currency = isInvoice ? resolveCurrency(currencies, country, language, pageDollar(fullText)) : null;

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

  const checks = extractionChecks(lines, sum, total, linesFrom);

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
