/**
 * Checks before a refund claim for physiotherapy in the EEA is sent (ftrl § 5-24 a): pure.
 *
 * Every check returns plain data: a `code` the UI translates, a `status`, and `params` for the
 * sentence. No clock: `today` is passed in. Rules and sources: app/rules/parameters/physio-abroad.ts
 * and docs/rules/physio-abroad.md.
 */
import { valueAt } from "../rules/parameter";
import { needleUse } from "./needles";
import { acceptedLanguages, claimDeadlineMonthsAbroad, coveredForms, frequencyRule, referralExemptForms, referralRule, referrerRule } from "../rules/parameters/physio-abroad";
import { CURRENCY_EXPONENT } from "../rules/parameters/exchange-rates";
import { addDays, daysBetween, isIsoDate, maxIso } from "../kernel/dates";
import { addMonths } from "./deadlines";
import type { IsoDate } from "../kernel/types";
import { checkPaymentProof, type PaymentFacts } from "./payment-proof-check";
import type { RateTable } from "./exchange-rates";

export type CheckStatus = "ok" | "missing" | "warning" | "flag";

export type CheckParam = string | number | boolean | null | string[];

export interface CheckResult {
  code: string;
  status: CheckStatus;
  /** The document the result is about, when it is about one. */
  documentId?: string;
  params: Record<string, CheckParam>;
}

/** The parts of an extracted document (schemas/extracted-document.schema.json) the checks read. */
export interface CheckDocument {
  id: string;
  /** What the document counts as: a proof of payment ("payment") never counts as an invoice (payment-proof-check.ts). */
  documentType: "invoice" | "authorisation" | "epikrise" | "payment" | "unknown";
  language: string | null;
  /** The uploaded file's name (for the sentences that name another document, e.g. the proof that matched). */
  filename?: string;
  /** An invoice's date (as the resident confirmed it). */
  invoiceDate?: IsoDate | null;
  /** What the document shows of payment, as read (documents/payment-proof.ts). */
  payment?: PaymentFacts | null;
  providerName?: string | null;
  therapists?: ReadonlyArray<{ name: string; authorisationNumber: string | null }>;
  invoiceNumber?: string | null;
  diagnosis?: { code: string | null; text: string | null } | null;
  currency?: string | null;
  lines?: ReadonlyArray<CheckLine>;
  /** Invoice total in major units ("1234.50" or 1234.5). */
  total?: number | string | null;
  /** Content hash of the uploaded file, e.g. a SHA-256 hex string. */
  checksum?: string | null;
  /** When the invoice was paid (from the proof of payment or the person). */
  paymentDate?: IsoDate | null;
  /** ISO 3166-1 alpha-2 of the provider or issuing body, as read from the document. */
  country?: string | null;
  /** The patient the invoice (or epikrise) is made out to (as read, or as the resident corrected it). */
  patientName?: string | null;
  /** An epikrise's treatment period, as read. */
  treatmentPeriod?: { from: IsoDate; to: IsoDate } | null;
}

export interface CheckLine {
  date: IsoDate | null;
  treatmentForm: string | null;
  /** The line's text as printed (or as the resident corrected it). */
  description?: string | null;
  durationMinutes: number | null;
  amount: number | string | null;
  count?: number;
}

/** Earliest dates of the tables; older dates use the first value. */
const RULES_FROM: IsoDate = frequencyRule.values[frequencyRule.values.length - 1]!.from;
const REFERRAL_RULES_FROM: IsoDate = referralRule.values[referralRule.values.length - 1]!.from;

const ok = (code: string, params: Record<string, CheckParam> = {}, documentId?: string): CheckResult =>
  documentId === undefined ? { code, status: "ok", params } : { code, status: "ok", params, documentId };
const result = (code: string, status: CheckStatus, params: Record<string, CheckParam>, documentId?: string): CheckResult =>
  documentId === undefined ? { code, status, params } : { code, status, params, documentId };

/** Lower case, no accents, single spaces: for matching therapist names across documents. */
export function normaliseName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// 1. Required documents.

/**
 * Invoice present; epikrise (or similar, with diagnosis, reason and result) present; proof of
 * authorisation for every therapist named on an invoice (matched by authorisation number or name).
 */
export function checkRequiredDocuments(docs: readonly CheckDocument[]): CheckResult[] {
  const out: CheckResult[] = [];
  const invoices = docs.filter((d) => d.documentType === "invoice");
  out.push(invoices.length > 0 ? ok("documents.invoice.present", { count: invoices.length }) : result("documents.invoice.missing", "missing", {}));
  const epikriser = docs.filter((d) => d.documentType === "epikrise");
  out.push(epikriser.length > 0 ? ok("documents.epikrise.present", { count: epikriser.length }) : result("documents.epikrise.missing", "missing", {}));

  const authorised = docs.filter((d) => d.documentType === "authorisation").flatMap((d) => d.therapists ?? []);
  const seen = new Set<string>();
  let therapistCount = 0;
  for (const inv of invoices) {
    for (const t of inv.therapists ?? []) {
      const key = normaliseName(t.name);
      if (seen.has(key)) continue;
      seen.add(key);
      therapistCount++;
      // by authorisation number, or by name as OCR reads it (a letter off, a middle name left out)
      const covered = authorised.some((a) => sameTherapist(t, a));
      out.push(
        covered ? ok("documents.authorisation.present", { therapist: t.name }, inv.id) : result("documents.authorisation.missing", "missing", { therapist: t.name }, inv.id),
      );
    }
  }
  if (invoices.length > 0 && therapistCount === 0) out.push(result("documents.therapist.unnamed", "warning", {}));
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Invoice contents.

function hasPrice(a: number | string | null): boolean {
  if (a === null) return false;
  if (typeof a === "number") return Number.isFinite(a) && a > 0;
  return /^\d+(?:[.,]\d+)?$/.test(a.trim()) && Number(a.trim().replace(",", ".")) > 0;
}

/**
 * A line that is no treatment at all (an elastic band, tape, a gym fee, a cancellation fee: the
 * form "ikke-dekket") is not a visit: it has no duration and does not count as a treatment day
 * (issue 22, item 8). A line whose form is not known yet still counts.
 */
export function isTreatmentLine(l: Pick<CheckLine, "treatmentForm">): boolean {
  return l.treatmentForm !== "ikke-dekket";
}

/** Duration matters only where it can change the refund: a covered form, or a form not chosen yet. */
function needsDuration(l: CheckLine): boolean {
  if (!l.treatmentForm) return true;
  const covered = valueAt(coveredForms, maxIso(l.date && isIsoDate(l.date) ? l.date : RULES_FROM, RULES_FROM)) as Readonly<Record<string, boolean>>;
  return covered[l.treatmentForm] === true;
}

/** Diagnosis, and per treatment line: treatment type, date, duration and price. */
export function checkInvoiceContents(invoice: CheckDocument): CheckResult[] {
  const id = invoice.id;
  const out: CheckResult[] = [];
  const dx = invoice.diagnosis;
  out.push(
    dx && ((dx.code ?? "").trim() !== "" || (dx.text ?? "").trim() !== "") ? ok("invoice.diagnosis.present", {}, id) : result("invoice.diagnosis.missing", "missing", {}, id),
  );
  const lines = invoice.lines ?? [];
  if (lines.length === 0) {
    out.push(result("invoice.lines.missing", "missing", {}, id));
    return out;
  }
  const missing: Record<"treatment-type" | "date" | "duration" | "price", number[]> = { "treatment-type": [], date: [], duration: [], price: [] };
  lines.forEach((l, i) => {
    const n = i + 1;
    if (!l.treatmentForm) missing["treatment-type"].push(n);
    if (!l.date || !isIsoDate(l.date)) missing.date.push(n);
    if (needsDuration(l) && (l.durationMinutes === null || !(l.durationMinutes > 0))) missing.duration.push(n);
    if (!hasPrice(l.amount)) missing.price.push(n);
  });
  for (const [what, lineNumbers] of Object.entries(missing)) {
    out.push(lineNumbers.length === 0 ? ok(`invoice.line.${what}.present`, {}, id) : result(`invoice.line.${what}.missing`, "missing", { lines: lineNumbers.map(String) }, id));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 3. Language.

/** nb/nn/sv/da/en are fine; another language may need a state-authorised translation. */
export function checkLanguage(doc: CheckDocument, governingDate: IsoDate): CheckResult {
  const langs = valueAt(acceptedLanguages, governingDate);
  const lang = doc.language?.trim().toLowerCase() ?? null;
  if (lang === null || lang === "") return result("language.unknown", "warning", {}, doc.id);
  if (langs.includes(lang)) return ok("language.ok", { language: lang }, doc.id);
  return result("language.translation-may-be-required", "warning", { language: lang }, doc.id);
}

// ---------------------------------------------------------------------------------------------
// 4. Deadline: six months from the payment date (ftrl § 22-13).

export interface AbroadDeadline {
  paymentDate: IsoDate;
  /** The last day the claim can reach Helfo. */
  deadline: IsoDate;
  passed: boolean;
  /** Days from today to the deadline (0 on the deadline day, negative after). */
  daysLeft: number;
}

export function abroadClaimDeadline(paymentDate: IsoDate, today: IsoDate): AbroadDeadline {
  const deadline = addMonths(paymentDate, valueAt(claimDeadlineMonthsAbroad, paymentDate));
  return { paymentDate, deadline, passed: today > deadline, daysLeft: daysBetween(today, deadline) };
}

export function checkDeadline(invoice: CheckDocument, today: IsoDate): CheckResult {
  if (!invoice.paymentDate || !isIsoDate(invoice.paymentDate)) return result("deadline.payment-date.missing", "missing", {}, invoice.id);
  const d = abroadClaimDeadline(invoice.paymentDate, today);
  const params = { paymentDate: d.paymentDate, deadline: d.deadline, daysLeft: d.daysLeft };
  return d.passed ? result("deadline.passed", "warning", params, invoice.id) : ok("deadline.ok", params, invoice.id);
}

// ---------------------------------------------------------------------------------------------
// 5. Referral (treatment before 1 January 2018).

export type ReferrerKind = "lege" | "kiropraktor" | "manuellterapeut" | "annen";

/** Who wrote the referral, as the resident answered (optional: not asked, no check). */
export interface Referrer {
  kind: ReferrerKind;
  /** Norwegian health personnel, or abroad. */
  inNorway: boolean;
  /** For a doctor abroad: the illness or injury arose while the person was in that country. */
  illnessAroseAbroad?: boolean | null;
}

export interface ReferralInput {
  /** Dated treatments; a row with count counts that many times. The form decides whether it needs a referral (manual therapy never did). */
  treatments: ReadonlyArray<{ date: IsoDate; count?: number; treatmentForm?: string | null }>;
  referral: { date: IsoDate; referrer?: Referrer | null } | null;
}

/** Who may refer (referrerRule on the referral's date): one result, or none when the resident was not asked. */
export function checkReferrer(referral: { date: IsoDate; referrer?: Referrer | null }): CheckResult | null {
  const r = referral.referrer;
  if (!r) return null;
  const rule = valueAt(referrerRule, maxIso(referral.date, REFERRAL_RULES_FROM));
  if (r.inNorway) {
    return r.kind !== "annen" && rule.norwegian.includes(r.kind)
      ? ok("referral.referrer-ok", { referrer: r.kind })
      : result("referral.referrer-not-accepted", "warning", { referrer: r.kind });
  }
  if (r.kind !== "lege") return result("referral.referrer-not-accepted", "warning", { referrer: r.kind });
  if (!rule.foreignDoctorOnlyWhenIllnessAroseAbroad || r.illnessAroseAbroad === true) return ok("referral.referrer-foreign-ok", {});
  return result("referral.referrer-foreign-not-accepted", "warning", {});
}

/**
 * For treatments before 2018-01-01: a referral is required, covers up to 24 treatments, the first
 * treatment must start within 6 months of it, and no gap between treatments may exceed 6 months.
 * Treatments from 2018-01-01 need no referral.
 */
export function checkReferral(input: ReferralInput): CheckResult[] {
  const required = input.treatments.filter((t) => valueAt(referralRule, maxIso(t.date, REFERRAL_RULES_FROM)).required);
  const needing = required
    .filter((t) => !(t.treatmentForm && (valueAt(referralExemptForms, maxIso(t.date, REFERRAL_RULES_FROM)) as readonly string[]).includes(t.treatmentForm)))
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // manual therapy before 2018 needed no referral: its lines do not count toward the referral's limit
  if (needing.length === 0) return [ok(required.length > 0 ? "referral.not-required-form" : "referral.not-required", {})];
  const rule = valueAt(referralRule, maxIso(needing[0]!.date, REFERRAL_RULES_FROM));
  const out: CheckResult[] = [];
  const first = needing[0]!.date;
  const last = needing[needing.length - 1]!.date;
  if (input.referral === null) return [result("referral.missing", "missing", { firstTreatment: first, lastTreatment: last })];
  const ref = input.referral.date;
  const count = needing.reduce((n, t) => n + (t.count ?? 1), 0);
  out.push(
    count > rule.maxTreatments
      ? result("referral.too-many-treatments", "warning", { count, max: rule.maxTreatments })
      : ok("referral.treatment-count", { count, max: rule.maxTreatments }),
  );
  const referrer = checkReferrer(input.referral);
  if (referrer) out.push(referrer);
  if (first < ref) out.push(result("referral.treatment-before-referral", "warning", { referralDate: ref, firstTreatment: first }));
  const startBy = addMonths(ref, rule.startWithinMonths);
  out.push(
    first > startBy
      ? result("referral.late-start", "warning", { referralDate: ref, startBy, firstTreatment: first })
      : ok("referral.start", { referralDate: ref, startBy, firstTreatment: first }),
  );
  const gaps: string[] = [];
  for (let i = 1; i < needing.length; i++) {
    const prev = needing[i - 1]!.date;
    const next = needing[i]!.date;
    if (next > addMonths(prev, rule.maxGapMonths)) gaps.push(`${prev}/${next}`);
  }
  out.push(
    gaps.length > 0 ? result("referral.gap-too-long", "warning", { gaps, maxGapMonths: rule.maxGapMonths }) : ok("referral.no-long-gap", { maxGapMonths: rule.maxGapMonths }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// 6. Duplicates.

export interface ClaimKeys {
  /** "file:<checksum>" or null. */
  fileKey: string | null;
  /** "invoice:<provider>|<invoice number>|<total in minor units><currency>" or null when a part is missing. */
  invoiceKey: string | null;
}

function totalMinor(total: number | string | null | undefined, currency: string): number | null {
  if (total === null || total === undefined) return null;
  const exp = CURRENCY_EXPONENT[currency] ?? 2;
  const s = typeof total === "number" ? total.toFixed(exp) : total.trim().replace(",", ".");
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? "").padEnd(exp, "0").slice(0, exp);
  return Number(m[1]) * 10 ** exp + Number(frac || "0");
}

export function claimKeys(doc: CheckDocument): ClaimKeys {
  const fileKey = doc.checksum && doc.checksum.trim() !== "" ? `file:${doc.checksum.trim().toLowerCase()}` : null;
  const provider = doc.providerName ? normaliseName(doc.providerName) : "";
  const number = doc.invoiceNumber ? doc.invoiceNumber.replace(/\s+/g, "").toUpperCase() : "";
  const currency = doc.currency?.toUpperCase() ?? "";
  const minor = currency === "" ? null : totalMinor(doc.total, currency);
  const invoiceKey = provider !== "" && number !== "" && minor !== null ? `invoice:${provider}|${number}|${minor}${currency}` : null;
  return { fileKey, invoiceKey };
}

/**
 * Duplicate detection over keys already claimed (by this person, or for the caseworker, anyone),
 * and within the documents of this claim.
 */
export function checkDuplicates(docs: readonly CheckDocument[], previouslyClaimed: { fileKeys: Iterable<string>; invoiceKeys: Iterable<string> }): CheckResult[] {
  const prevFiles = new Set(previouslyClaimed.fileKeys);
  const prevInvoices = new Set(previouslyClaimed.invoiceKeys);
  const thisFiles = new Map<string, string>();
  const thisInvoices = new Map<string, string>();
  const out: CheckResult[] = [];
  for (const doc of docs) {
    const { fileKey, invoiceKey } = claimKeys(doc);
    if (fileKey !== null) {
      if (prevFiles.has(fileKey)) out.push(result("duplicate.file.claimed-before", "flag", { key: fileKey }, doc.id));
      else if (thisFiles.has(fileKey)) out.push(result("duplicate.file.in-this-claim", "flag", { key: fileKey, otherDocument: thisFiles.get(fileKey)! }, doc.id));
      thisFiles.set(fileKey, doc.id);
    }
    if (doc.documentType === "invoice" && invoiceKey !== null) {
      if (prevInvoices.has(invoiceKey)) out.push(result("duplicate.invoice.claimed-before", "flag", { key: invoiceKey }, doc.id));
      else if (thisInvoices.has(invoiceKey)) out.push(result("duplicate.invoice.in-this-claim", "flag", { key: invoiceKey, otherDocument: thisInvoices.get(invoiceKey)! }, doc.id));
      thisInvoices.set(invoiceKey, doc.id);
    }
  }
  if (out.length === 0) out.push(ok("duplicate.none", {}));
  return out;
}

// ---------------------------------------------------------------------------------------------
// 7. Frequency.

export interface FrequencyEvidence {
  treatmentDays: number;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  /** Days in the period, first to last inclusive. */
  periodDays: number;
  /** Started weeks in the period (periodDays / 7, rounded up). */
  weeks: number;
  /** Average treatment days per week over the period, as a decimal string with 2 places. */
  averagePerWeek: string;
  /** The 7-day window with most treatment days. */
  densestWindow: { from: IsoDate; to: IsoDate; dates: IsoDate[] } | null;
}

/**
 * Counts treatment days (a day with examination and treatment is one visit). Flags when more than
 * `maxDaysInRolling7` days fall in any 7 consecutive days, or when the average per started week
 * of the period (first to last treatment) exceeds `maxAveragePerWeek`. Rows without a date
 * cannot be placed in time and are reported separately.
 */
export function checkFrequency(lines: ReadonlyArray<{ date: IsoDate | null; count?: number }>, governingDate?: IsoDate): CheckResult {
  const days = [...new Set(lines.filter((l) => l.date !== null && isIsoDate(l.date)).map((l) => l.date as IsoDate))].sort();
  const undated = lines.filter((l) => l.date === null || !isIsoDate(l.date)).reduce((n, l) => n + (l.count ?? 1), 0);
  const rule = valueAt(frequencyRule, maxIso(governingDate ?? days[0] ?? RULES_FROM, RULES_FROM));
  const evidence: FrequencyEvidence = {
    treatmentDays: days.length,
    firstDate: days[0] ?? null,
    lastDate: days[days.length - 1] ?? null,
    periodDays: 0,
    weeks: 0,
    averagePerWeek: "0.00",
    densestWindow: null,
  };
  const params = (): Record<string, CheckParam> => ({
    treatmentDays: evidence.treatmentDays,
    firstDate: evidence.firstDate,
    lastDate: evidence.lastDate,
    periodDays: evidence.periodDays,
    weeks: evidence.weeks,
    averagePerWeek: evidence.averagePerWeek,
    densestWindowFrom: evidence.densestWindow?.from ?? null,
    densestWindowTo: evidence.densestWindow?.to ?? null,
    densestWindowDates: evidence.densestWindow?.dates ?? [],
    maxDaysInRolling7: rule.maxDaysInRolling7,
    maxAveragePerWeek: `${rule.maxAveragePerWeek.num}/${rule.maxAveragePerWeek.den}`,
    undatedTreatments: undated,
  });
  if (days.length === 0) return ok("frequency.ok", params());
  const first = days[0]!;
  const last = days[days.length - 1]!;
  evidence.periodDays = daysBetween(first, last) + 1;
  // The period is counted in started weeks (8 days with 2 visits a week apart is 2 weeks, 1 a week).
  evidence.weeks = Math.ceil(evidence.periodDays / 7);
  const hundredths = Math.floor((days.length * 100 * 2 + evidence.weeks) / (evidence.weeks * 2)); // display only
  evidence.averagePerWeek = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
  let best: FrequencyEvidence["densestWindow"] = null;
  for (const start of days) {
    const end = addDays(start, 6);
    const inWindow = days.filter((d) => d >= start && d <= end);
    if (best === null || inWindow.length > best.dates.length) best = { from: start, to: end, dates: inWindow };
  }
  evidence.densestWindow = best;
  const tooDense = best !== null && best.dates.length > rule.maxDaysInRolling7;
  // days / weeks > num/den  ⇔  days·den > num·weeks  (integers only)
  const tooOften = days.length * rule.maxAveragePerWeek.den > rule.maxAveragePerWeek.num * evidence.weeks;
  if (!tooDense && !tooOften) return ok("frequency.ok", params());
  return result(tooDense && tooOften ? "frequency.high.both" : tooDense ? "frequency.high.rolling-7-days" : "frequency.high.average", "flag", params());
}

// ---------------------------------------------------------------------------------------------
// 8. The resident's start answers: country and treatment period.

/**
 * Invoices and authorisations should come from the country the resident said they were treated in
 * (the therapist's authorisation must be valid "in that country"). An epikrise or referral may come
 * from Norway, so it is not compared. A document whose country was not read is not flagged.
 */
export function checkCountry(docs: readonly CheckDocument[], statedCountry: string): CheckResult[] {
  const stated = statedCountry.toUpperCase();
  const out: CheckResult[] = [];
  for (const d of docs) {
    if (d.documentType !== "invoice" && d.documentType !== "authorisation") continue;
    const c = d.country?.trim().toUpperCase();
    if (!c) continue;
    if (c !== stated) out.push(result("country.differs", "flag", { stated, found: c }, d.id));
  }
  if (out.length === 0) out.push(ok("country.matches", { stated }));
  return out;
}

/** Treatment lines dated outside the period the resident gave. */
export function checkPeriod(invoices: readonly CheckDocument[], period: { from: IsoDate; to: IsoDate }): CheckResult[] {
  const out: CheckResult[] = [];
  for (const inv of invoices) {
    const outside = (inv.lines ?? [])
      .map((l, i) => ({ n: i + 1, date: l.date }))
      .filter((l) => l.date !== null && isIsoDate(l.date) && (l.date < period.from || l.date > period.to));
    if (outside.length > 0) out.push(result("period.outside", "flag", { from: period.from, to: period.to, lines: outside.map((l) => String(l.n)) }, inv.id));
  }
  if (out.length === 0) out.push(ok("period.inside", { from: period.from, to: period.to }));
  return out;
}

/**
 * Needles on an invoice line (issue 18 item 7): as a tool inside a covered form (dry needling in
 * soft-tissue treatment, electrotherapy through needles) the line counts as that form; acupuncture as a
 * treatment is not covered. One result per line that mentions needles, naming the line and the word.
 */
export function checkNeedles(invoices: readonly CheckDocument[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const inv of invoices) {
    for (const [i, l] of (inv.lines ?? []).entries()) {
      const n = l.description ? needleUse(l.description) : null;
      if (!n) continue;
      const params = { line: String(i + 1), term: n.term };
      out.push(n.use === "acupuncture" ? result("needles.acupuncture", "warning", params, inv.id) : ok(`needles.${n.use}`, params, inv.id));
    }
  }
  return out;
}

/** Folds a name for comparison: no case, no accents, æ/ø/å spelled out as OCR of a non-Nordic page tends to read them. */
function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/[øö]/g, "o")
    .replace(/[åä]/g, "a")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .split(/[^\p{L}]+/u)
    .filter((t) => t.length > 1);
}

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The invoice names the applicant: every name on the invoice is one of the applicant's names (a middle name may be left out),
 * and the family name is there. One letter may differ in a name (two in a long one): "Bjern Levas" is Bjørn Løvås read by OCR.
 */
export function namesMatch(onInvoice: string, applicant: string): boolean {
  const got = nameTokens(onInvoice);
  const want = nameTokens(applicant);
  if (got.length === 0 || want.length === 0) return false;
  const close = (a: string, b: string) => editDistance(a, b) <= (Math.max(a.length, b.length) >= 8 ? 2 : 1);
  const family = want[want.length - 1]!;
  return got.every((g) => want.some((w) => close(g, w))) && got.some((g) => close(g, family));
}

/** Invoices made out to someone other than the applicant are flagged for the caseworker (a relative's invoice, a mix-up). */
export function checkPatient(invoices: readonly CheckDocument[], applicantName: string): CheckResult[] {
  const out: CheckResult[] = [];
  for (const inv of invoices) {
    const found = inv.patientName?.trim();
    if (found && !namesMatch(found, applicantName)) out.push(result("patient.differs", "flag", { found, applicant: applicantName }, inv.id));
  }
  if (out.length === 0 && invoices.some((i) => i.patientName?.trim())) out.push(ok("patient.matches", { applicant: applicantName }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// 9. The documents against each other (issue 21, item 4): authorisations and epikriser against the invoices.

/** Two therapists are the same person: the same authorisation number, or names that match either way (OCR, a middle name left out). */
function sameTherapist(a: { name: string; authorisationNumber: string | null }, b: { name: string; authorisationNumber: string | null }): boolean {
  const na = a.authorisationNumber?.replace(/\s+/g, "").toUpperCase();
  const nb = b.authorisationNumber?.replace(/\s+/g, "").toUpperCase();
  if (na && nb && na === nb) return true;
  return namesMatch(a.name, b.name) || namesMatch(b.name, a.name);
}

/**
 * Authorisations and epikriser read against the invoices:
 * - an authorisation for a therapist on none of the invoices is flagged (a proof for someone else, or an invoice missing);
 * - the same therapist with another authorisation number on the invoice than on the proof is flagged;
 * - an epikrise for another patient than the applicant (or, without the applicant's name, than the invoices) is flagged;
 * - an epikrise whose treatment period does not cover every dated treatment on the invoices is flagged (with the dates
 *   outside it); one whose period was not read gets a warning, so the resident or caseworker looks at it.
 * An invoice therapist without any proof is `documents.authorisation.missing` (checkRequiredDocuments).
 */
export function checkDocumentsAgree(docs: readonly CheckDocument[], applicantName?: string | null): CheckResult[] {
  const out: CheckResult[] = [];
  const invoices = docs.filter((d) => d.documentType === "invoice");
  const invoiceTherapists = invoices.flatMap((i) => i.therapists ?? []);
  for (const auth of docs.filter((d) => d.documentType === "authorisation")) {
    const therapists = auth.therapists ?? [];
    if (therapists.length === 0) {
      out.push(result("authorisation.unread", "warning", {}, auth.id));
      continue;
    }
    for (const t of therapists) {
      const onInvoice = invoiceTherapists.filter((it) => sameTherapist(it, t));
      if (invoices.length > 0 && onInvoice.length === 0) {
        out.push(result("authorisation.not-on-invoice", "flag", { therapist: t.name, number: t.authorisationNumber ?? "" }, auth.id));
        continue;
      }
      const proofNumber = t.authorisationNumber?.replace(/\s+/g, "").toUpperCase();
      const other = onInvoice.find((it) => {
        const n = it.authorisationNumber?.replace(/\s+/g, "").toUpperCase();
        return proofNumber && n && n !== proofNumber;
      });
      if (other)
        out.push(result("authorisation.number-differs", "flag", { therapist: t.name, onProof: t.authorisationNumber ?? "", onInvoice: other.authorisationNumber ?? "" }, auth.id));
      else if (onInvoice.length > 0) out.push(ok("authorisation.matches-invoice", { therapist: t.name, number: t.authorisationNumber ?? "" }, auth.id));
    }
  }

  const epikriser = docs.filter((d) => d.documentType === "epikrise");
  const invoicePatients = invoices.map((i) => i.patientName?.trim()).filter((n): n is string => !!n);
  const dates = [...new Set(invoices.flatMap((i) => (i.lines ?? []).filter(isTreatmentLine).map((l) => l.date)).filter((d): d is IsoDate => d !== null && isIsoDate(d)))].sort();
  for (const epi of epikriser) {
    const patient = epi.patientName?.trim();
    if (patient) {
      const against = applicantName?.trim() ? [applicantName.trim()] : invoicePatients;
      const same = against.length === 0 || against.some((p) => namesMatch(patient, p) || namesMatch(p, patient));
      out.push(same ? ok("epikrise.patient-matches", { patient }, epi.id) : result("epikrise.patient-differs", "flag", { found: patient, expected: against[0]! }, epi.id));
    }
  }
  if (epikriser.length > 0 && dates.length > 0) {
    const periods = epikriser
      .map((e) => ({ id: e.id, p: e.treatmentPeriod }))
      .filter((e): e is { id: string; p: { from: IsoDate; to: IsoDate } } => !!e.p && isIsoDate(e.p.from) && isIsoDate(e.p.to));
    for (const e of epikriser) if (!periods.some((p) => p.id === e.id)) out.push(result("epikrise.period-unread", "warning", {}, e.id));
    if (periods.length > 0) {
      // a treatment is covered when some epikrise's period holds its date
      const outside = dates.filter((d) => !periods.some(({ p }) => d >= p.from && d <= p.to));
      const first = periods[0]!;
      out.push(
        outside.length === 0
          ? ok("epikrise.period-covers", { from: first.p.from, to: first.p.to }, first.id)
          : result("epikrise.period-not-covering", "flag", { from: first.p.from, to: first.p.to, dates: outside, count: outside.length }, first.id),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// All checks.

export interface AbroadChecksInput {
  documents: readonly CheckDocument[];
  today: IsoDate;
  referral?: { date: IsoDate; referrer?: Referrer | null } | null;
  previouslyClaimed?: { fileKeys: Iterable<string>; invoiceKeys: Iterable<string> };
  /** The country the resident said they were treated in (start question). */
  statedCountry?: string | null;
  /** The treatment period the resident gave (start question). */
  statedPeriod?: { from: IsoDate; to: IsoDate } | null;
  /** The applicant's name in the person register. */
  applicantName?: string | null;
  /** Norges Bank's rates, to match a NOK payment with an invoice in another currency (default: the embedded file). */
  rates?: RateTable;
}

/**
 * 9. Proof of payment (seed 004, issue 18 item 8): one result per invoice, from the invoices' own paid marks and the
 * documents that count as proof of payment (payment-proof-check.ts).
 */
export function checkPayments(documents: readonly CheckDocument[], today: IsoDate, rates?: RateTable): CheckResult[] {
  return checkPaymentProof(
    documents
      .filter((d) => d.documentType === "invoice")
      .map((i) => ({
        id: i.id,
        currency: i.currency ?? "",
        total: i.total === null || i.total === undefined ? "" : String(i.total),
        invoiceDate: i.invoiceDate && isIsoDate(i.invoiceDate) ? i.invoiceDate : null,
        evidence: (i.payment?.evidence ?? []).map((e) => e.kind),
      })),
    documents
      .filter((d) => d.documentType === "payment")
      .map((d) => ({ id: d.id, name: d.filename ?? "", evidence: (d.payment?.evidence ?? []).map((e) => e.kind), payments: d.payment?.payments ?? [] })),
    today,
    rates,
  );
}

export function runAbroadChecks(input: AbroadChecksInput): CheckResult[] {
  const out: CheckResult[] = [...checkRequiredDocuments(input.documents)];
  const invoices = input.documents.filter((d) => d.documentType === "invoice");
  for (const inv of invoices) {
    out.push(...checkInvoiceContents(inv));
    out.push(checkDeadline(inv, input.today));
  }
  // a card slip or a bank statement is not a document Helfo needs translated
  for (const doc of input.documents) if (doc.documentType !== "payment") out.push(checkLanguage(doc, input.today));
  // Only visits count as treatment days (frequency, referral); a fee or a product is not one.
  const lines = invoices.flatMap((i) => i.lines ?? []).filter(isTreatmentLine);
  const dated = lines.filter((l): l is CheckLine & { date: IsoDate } => l.date !== null && isIsoDate(l.date));
  const referralInput: ReferralInput = {
    treatments: dated.map((l) => ({ date: l.date, treatmentForm: l.treatmentForm, ...(l.count === undefined ? {} : { count: l.count }) })),
    referral: input.referral ?? null,
  };
  out.push(...checkReferral(referralInput));
  out.push(...checkDuplicates(input.documents, input.previouslyClaimed ?? { fileKeys: [], invoiceKeys: [] }));
  out.push(checkFrequency(lines));
  out.push(...checkNeedles(invoices));
  if (input.statedCountry) out.push(...checkCountry(input.documents, input.statedCountry));
  if (input.statedPeriod) out.push(...checkPeriod(invoices, input.statedPeriod));
  if (input.applicantName) out.push(...checkPatient(invoices, input.applicantName));
  out.push(...checkDocumentsAgree(input.documents, input.applicantName));
  // 9. Every invoice paid (seed 004): by its own paid mark or a matching proof of payment.
  out.push(...checkPayments(input.documents, input.today, input.rates));
  return out;
}
