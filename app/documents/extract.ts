/**
 * Pure extraction: positioned text lines → the ExtractedDocument fields. No I/O, no OCR, no knowledge of particular clinics:
 * everything keys on per-language labels and treatment words (./lexicon), number/date formats (./parse) and on geometry
 * (cells split at wide gaps, columns inferred from a table header's positions).
 */
import { allLabels, detectLanguage, exactWordRe, LEXICONS, wordRe } from "./lexicon";
import { findDates, fold } from "./parse";
import type { ExtractedDocument, ExtractionChecks } from "./schema";
import { toRows, type Cell, type Row } from "./layout/rows";
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
import { findLabel, isLabelText, labelValue } from "./fields/labels";
import { extractPeriod } from "./fields/period";
import { printedTotals, totalWithoutDecimals } from "./fields/totals";
import type { PageText } from "./types";

// ---------------------------------------------------------------------------------------------------------------------------
// Names

/** A title before a name, alone or as a pair ("Pan/Pani", "Dott./Dott.ssa", "il/la"); in the prose patterns, any letter case. */
const TITLE_WORD =
  "(?:d\\.|dna\\.|dña\\.|don|dona|doña|sr\\.?|sra\\.?|mr\\.?|mrs\\.?|ms\\.?|dr\\.?|frau|herr|pan|pani|m\\.|mme\\.?|madame|monsieur|sig\\.(?:ra)?|sig\\.?|dott\\.(?:ssa)?|mgr)";
const TITLE_TOKEN = `(?:${TITLE_WORD}(?:\\/${TITLE_WORD})?|il\\/la|la\\/il)`;
const HONORIFIC = new RegExp(`^(?:${TITLE_TOKEN}\\s+)+`, "i");
/** Up to three title tokens in running text (case-insensitive letters, so that a name's capitals still anchor the name). */
const TITLES_IN_TEXT = `(?:${TITLE_TOKEN.replace(/\p{Ll}/gu, (c) => `[${c}${c.toUpperCase()}]`)}\\s+){0,3}`;

/** "Norway" in the languages of the documents: the last line of a Norwegian resident's address printed abroad. */
const NORWAY_RE = /^(?:norway|norge|noreg|noruega|norvegia|norwegen|norvege|norwegia|norja)$/;

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
      const c = up.cells.find((c) => Math.abs(c.x0 - cell.x0) < r.height * 2 && c.x0 < cell.x1 && c.x1 > cell.x0);
      if (c) return [j, c];
    }
    return undefined;
  };
  const nameIn = (c: Cell | undefined) => (c && !/\d/.test(c.text) && !isLabelText(c.folded) ? canonicalName(c.text) : null);
  for (const h of findLabel(rows, allLabels("birthDate"))) {
    const name = nameIn(above(h.rowIndex, h.cell)?.[1]);
    if (name) return name;
  }
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i]!.cells.find((c) => NORWAY_RE.test(c.folded.trim()));
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

/** "FAMILY, Given" → "Given Family"; ALL CAPS → Title Case. */
export function canonicalName(raw: string): string | null {
  let s = raw
    .replace(/\s+/g, " ")
    .replace(HONORIFIC, "")
    .replace(/[,;:.]+$/, "")
    .trim();
  if (!s) return null;
  const comma = s.match(/^([^,]+),\s*([^,]+)$/);
  if (comma) s = `${comma[2]!.trim()} ${comma[1]!.trim()}`;
  // words printed in capitals (surname in caps, or the whole name) → Title Case
  s = s
    .split(" ")
    .map((w) => (w.length >= 2 && w === w.toUpperCase() && /\p{Lu}/u.test(w) ? w.toLowerCase().replace(/(^|[-'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()) : w))
    .join(" ");
  const words = s.split(" ");
  if (words.length < 2 || words.length > 6) return null;
  if (!words.every((w) => /^\p{Lu}[\p{L}'’\-.]*$/u.test(w) || /^(?:de|del|la|van|von|der|da|di|le|y|i)$/.test(w))) return null;
  return s;
}

// ---------------------------------------------------------------------------------------------------------------------------
// Main

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

  // a heading beside the patient's ("DATOS DEL PACIENTE" | "DATOS DE LA FACTURA") is no name
  const docWordRe = exactWordRe(LEXICONS.flatMap((l) => l.docType.invoice));
  const patientName = (() => {
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
  })();

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

/** A birth marker or field after a name on the patient's line ("Nygård, Terje, geb. 10.03.1960", "Terje Vestbø  Fecha nac.: …"). */
const BORN_AFTER_NAME =
  /(?:,\s*|\s+)\(?(?:f\.|født|fødd|född|dob|d\.o\.b\.|born|geb\.|geboren|ur\.|urodzon[ay]|nato\/a|nata|nato|née?|nacid[oa]|fecha (?:de )?nac|date of birth|date de naissance|data (?:di nascita|urodzenia)|geburtsdatum|fødselsdato|födelsedatum)(?![\p{L}])/iu;

/** Family-name and given-name field labels (folded), for names printed in two fields. */
const FAMILY_NAME_LABELS = [
  "efternamn",
  "etternavn",
  "efternavn",
  "nachname",
  "familienname",
  "surname",
  "family name",
  "last name",
  "apellidos",
  "nom de famille",
  "nom",
  "cognome",
  "nazwisko",
];
const GIVEN_NAME_LABELS = [
  "fornamn",
  "fornavn",
  "vorname",
  "vornamen",
  "first name",
  "first names",
  "given name",
  "given names",
  "forename",
  "forenames",
  "nombre",
  "prenom",
  "nome",
  "imie",
  "imiona",
];

function extractTherapists(rows: Row[], fullText: string, folded: string, docType: string): Array<{ name: string; authorisationNumber: string | null }> {
  const out: Array<{ name: string; authorisationNumber: string | null }> = [];
  const authLabels = allLabels("authNumber");
  const numRe = new RegExp(
    `(?:${authLabels.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[\\s.\\-]*")).join("|")})(?:[\\s.\\-]*(?:nummer|number|no|nr|n|numero|de colegiad[oa](?:\\/a)?))?[\\s.:#°º?]*([A-Z]{0,3}[\\s-]?\\d[\\d\\-./A-Z ]{2,20}[\\dA-Z]|[A-Z]{0,3}\\d{3,})`,
    "i",
  );
  // the number ends before the words that follow it ("nº 5259 desde el 15 de marzo"): a space then a word of two letters or more
  const clip = (n: string) => n.replace(/\s+(?:\p{L}{2,}|\p{L}(?=\s))[\s\S]*$/u, "").trim();
  const findNumber = (s: string): string | null => {
    const m = numRe.exec(s);
    if (!m) {
      const f = numRe.exec(fold(s));
      return f ? clip(f[1]!).toUpperCase() : null;
    }
    return clip(m[1]!);
  };
  const push = (name: string | null, num: string | null) => {
    if (!name) return;
    if (out.some((t) => fold(t.name) === fold(name))) return;
    out.push({ name, authorisationNumber: num });
  };
  if (docType === "authorisation") {
    // name: an explicit name field, or "… that NAME is registered", "Que Dña. NAME, con DNI", "meddelat NAME, född", "Frau NAME, geboren"
    let name: string | null = null;
    // a register extract's name in two fields: "Efternamn  Håkansson" / "Förnamn  Elin", "Nachname" / "Vorname", "Nom" / "Prénom"
    const field = (labels: string[]) => {
      for (const h of findLabel(rows, labels)) {
        const v = labelValue(rows, h, (s) => /^\p{Lu}[\p{L}'’\- ]+$/u.test(s.trim()) && !isLabelText(fold(s)));
        if (v) return v.text.trim();
      }
      return null;
    };
    const family = field(FAMILY_NAME_LABELS),
      given = family ? field(GIVEN_NAME_LABELS) : null;
    if (family && given) name = canonicalName(`${given} ${family}`);
    if (!name)
      for (const h of findLabel(rows, ["nombre y apellidos", "name", "namn", "navn", "nom", "nome", "imie i nazwisko", "nombre"])) {
        const v = labelValue(rows, h, (s) => canonicalName(s) !== null);
        if (v) {
          name = canonicalName(v.text);
          break;
        }
      }
    if (!name) {
      const pats = [
        new RegExp(`(?:[Tt]hat|[Qq]ue|[Dd]ass|[Aa]tt|[Aa]t|[Cc]he|[Zz]e|że)\\s+${TITLES_IN_TEXT}((?:\\p{Lu}[\\p{L}'’\\-]+\\s+){1,4}\\p{Lu}[\\p{L}'’\\-]+)`, "u"),
        /(?:meddelat|gitt|givet|erteilt|granted to|conferito a)\s+((?:\p{Lu}[\p{L}'’-]+\s+){1,4}\p{Lu}[\p{L}'’-]+)/u,
        new RegExp(
          `${TITLES_IN_TEXT.replace("{0,3}", "{1,3}")}((?:\\p{Lu}[\\p{L}'’\\-]+\\s+){1,4}\\p{Lu}[\\p{L}'’\\-]+)\\s*,?\\s*(?:geboren|con DNI|born|född|født|ur\\.|nato\\/a|nata|nato|née?|nacid[oa])(?![\\p{L}])`,
          "u",
        ),
      ];
      const flat = fullText.replace(/\s+/g, " ");
      for (const re of pats) {
        const m = re.exec(flat);
        if (m) {
          name = canonicalName(m[1]!);
          if (name) break;
        }
      }
    }
    let num: string | null = null;
    for (const r of rows) {
      num = findNumber(r.text);
      if (num) break;
    }
    // the label at the end of one line, the number at the start of the next ("… zawodu fizjoterapeuty nr" / "32618, …")
    // (a scanner's margin marks before a line, "3  32618, …", are left out)
    if (!num) {
      const body = (r: Row) => r.words.filter((w, k) => !(k === 0 && /^[^\p{L}]{1,2}$/u.test(w.text) && r.words[1] && r.words[1].x0 - w.x1 > r.height * 3));
      num = findNumber(
        rows
          .map((r) =>
            body(r)
              .map((w) => w.text)
              .join(" "),
          )
          .join(" ")
          .replace(/\s+/g, " "),
      );
    }
    if (!num) {
      const m = /(?:numero|número|number|nummer|nr\.?|no\.?)\s+de\s+colegiad[oa]\s+(\d{2,})|colegiad[oa](?:\/a)?\s+(\d{2,})/iu.exec(fullText.replace(/\s+/g, " "));
      if (m) num = m[1] ?? m[2] ?? null;
    }
    push(name, num ? num.replace(/\s+/g, " ") : null);
    return out;
  }
  const labels = allLabels("therapist");
  for (const h of findLabel(rows, labels, { anywhere: false })) {
    const v = labelValue(rows, h, (s) => /\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(s));
    if (!v) continue;
    const parts = v.text.split(/\s*(?:;|,(?![^()]*\))|\s(?:og|och|and|y|e|i|und|et|oraz)\s)\s*/);
    for (const p of parts) {
      const num = /\(([^)]*\d[^)]*)\)/.exec(p);
      const nameText = p.replace(/\([^)]*\)/g, "").trim();
      let authNo: string | null = null;
      if (num)
        authNo = num[1]!
          .replace(new RegExp(`^(?:${authLabels.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})[\\s.:#-]*(?:nr\\.?|no\\.?|n[º°])?[\\s.:]*`, "i"), "")
          .trim();
      push(canonicalName(nameText), authNo || null);
    }
    if (out.length) break;
  }
  // "Name (HPR-nr. 8458090)" without a label; or a signature followed by a line with a registration number
  if (!out.length) {
    for (let i = 0; i < rows.length; i++) {
      const m = /^((?:\p{Lu}[\p{L}'’-]+\s+){1,3}\p{Lu}[\p{L}'’-]+)\s*\(([^)]*\d[^)]*)\)/u.exec(rows[i]!.text);
      if (m && findNumber(`(${m[2]})`.replace(/[()]/g, ""))) push(canonicalName(m[1]!), findNumber(m[2]!));
    }
  }
  if (!out.length) {
    for (let i = 1; i < rows.length; i++) {
      const num = findNumber(rows[i]!.text);
      if (!num) continue;
      const prev = rows[i - 1]!;
      const name = canonicalName(prev.cells[0]?.text ?? "");
      if (name) push(name, num);
    }
  }
  // numbers printed elsewhere for a named therapist
  for (const t of out) {
    if (t.authorisationNumber) continue;
    const idx = fullText.indexOf(t.name);
    if (idx >= 0) {
      const n = findNumber(fullText.slice(idx, idx + t.name.length + 60));
      if (n) t.authorisationNumber = n;
    }
  }
  void folded;
  return out;
}

function extractIssuer(rows: Row[]): string | null {
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

function extractProvider(rows: Row[]): string | null {
  const docWords = LEXICONS.flatMap((l) => [...l.docType.invoice, ...l.docType.epikrise]);
  const docRe = exactWordRe(docWords);
  const top = rows.filter((r) => r.page === rows[0]?.page).slice(0, 8);
  const hint = /(fisio|fysio|physio|kinesi|kine|therap|terapi|praxis|clinic|klinik|klinikk|centr|cabinet|studio|gabinet|rehab|salud|helse)/i;
  for (const r of top) {
    for (const c of r.cells) {
      if (!hint.test(c.text) || /\d|@|www\./.test(c.text) || (docRe.test(c.folded) && c.text === c.text.toUpperCase() && c.text.split(" ").length <= 2)) continue;
      // a name wrapped onto the next line at the same x
      const idx = rows.indexOf(r);
      const next = rows[idx + 1];
      const cont = next?.cells.find(
        (n) => Math.abs(n.x0 - c.x0) < r.height && !/\d|@/.test(n.text) && n.text.split(" ").length <= 2 && /^\p{Lu}/u.test(n.text) && next.y0 - r.y1 < r.height * 1.2,
      );
      let name = c.text.replace(/^(?:informe cl[ií]nico de fisioterapia|therapiebericht|physiotherapy report)\s*/i, "");
      if (cont && !hint.test(cont.text) && !findDates(cont.text).length) name += " " + cont.text;
      if (name.length >= 4) return name.trim();
    }
  }
  return null;
}
