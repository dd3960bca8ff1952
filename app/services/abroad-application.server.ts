/**
 * Refund of physiotherapy abroad (issue 5), the steps after upload: what the resident corrected of
 * what we read, the checks and the estimate, the bank account, submitting, and the status after.
 * docs/decisions/0010-abroad-application.md.
 *
 * - The raw extraction stays in abroad_documents.result, untouched. The resident's corrections live
 *   in abroad_applications.data.invoices[documentId]; everything downstream reads those.
 * - Submitting is idempotent: the row is locked and only a draft becomes "received"; a second submit
 *   finds it received and changes nothing. What was sent is frozen in data.sent (the receipt reads
 *   only that), with the claim keys later applications are checked against for duplicates.
 * - Every read and write is scoped by the person.
 */
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { cleanString } from "~/utils/text";
import type { Db } from "~/db/client.server";
import { abroadApplications, abroadDocuments, cases, uploads } from "~/db/schema";
import { claimKeys, runAbroadChecks, type CheckDocument, type CheckResult } from "~/domain/abroad-checks";
import {
  countryStatus,
  firstUnansweredStart,
  isStatedExemptionKind,
  periodNeedsPaymentQuestion,
  referralQuestionNeeded,
  validatePeriod,
  type PeriodAnswer,
  type StartAnswers,
  type StartStep,
} from "~/domain/abroad-start";
import { isIsoDate, yearOf } from "~/kernel/dates";
import { validateKontonummer } from "~/kernel/kontonummer";
import { estimateRefund, frikortFromOverviews, type Estimate } from "~/domain/refund-estimate";
import type { IsoDate } from "~/kernel/types";
import { getPerson } from "~/models/person.server";
import { CURRENCY_EXPONENT } from "~/rules/parameters/exchange-rates";
import { TREATMENT_FORMS } from "~/kernel/treatment-forms";
import { parseNorwegianDate } from "~/schemas/self-service";
import { isUuid, type AbroadApplication, type AbroadDocument } from "./abroad-documents.server";
import { newReference } from "./cases.server";
import { overviewForPersonYear } from "./engine.server";
import { applyRegisterRequests, registrationHash } from "./register.server";
import type { RegisterRequest } from "~/domain/register";
import { notify } from "./notify.server";
import { exchangeRateTable } from "./exchange-rates.server";

// ---------------------------------------------------------------------------------------------
// What is stored in abroad_applications.data.

export const STATUS_FLOW = ["received", "under-review", "more-info", "decided", "paid"] as const;
export type AbroadStatus = "draft" | (typeof STATUS_FLOW)[number];

export interface LineAnswer {
  date: IsoDate | null;
  treatmentForm: string;
  description: string;
  durationMinutes: number | null;
  /** Decimal with a dot, in the invoice currency ("42.00"). */
  amount: string;
  count?: number;
}

export interface InvoiceAnswers {
  providerName: string;
  invoiceNumber: string;
  invoiceDate: IsoDate | null;
  patientName: string;
  diagnosisCode: string;
  diagnosisText: string;
  currency: string;
  total: string;
  paymentDate: IsoDate;
  /** The resident confirmed amounts read by OCR. */
  amountsConfirmed: boolean;
  lines: LineAnswer[];
}

export type AccountAnswer = { kind: "no"; kontonummer: string } | { kind: "foreign"; iban: string; bic: string };

export interface StatusEvent {
  status: (typeof STATUS_FLOW)[number];
  at: string;
  note?: string;
}

export interface SentSnapshot {
  documents: Array<{ id: string; kind: string; filename: string; sha256: string | null }>;
  invoices: Array<{ documentId: string; answers: InvoiceAnswers }>;
  estimate: { refundOre: number; paidOre: number; indicative: boolean; rateMissing: boolean };
  account: AccountAnswer;
  claimKeys: { fileKeys: string[]; invoiceKeys: string[] };
  /** The start answers (country, period, exemption) and the referral answer, as sent. */
  start?: StartAnswers;
}

/**
 * The start questions (country, treatment period, exemption) and the referral question live in
 * the same jsonb as the rest (StartAnswers): no migration.
 */
export interface AbroadData extends StartAnswers {
  invoices?: Record<string, InvoiceAnswers>;
  /** Only asked when the person has an approved yrkesskade. */
  yrkesskadeApplies?: boolean;
  account?: AccountAnswer;
  reference?: string;
  submittedAt?: string;
  events?: StatusEvent[];
  sent?: SentSnapshot;
  /**
   * What the resident typed on "Check what we read" and has not saved yet (after adding or removing
   * a line, or when a field had an error), so that leaving the page loses nothing. Keyed by the form's
   * field names for the invoices in `invoiceIds`' order; dropped when those invoices change and
   * cleared when the answers are saved.
   */
  checkInProgress?: CheckInProgress;
}

export interface CheckInProgress {
  invoiceIds: string[];
  values: Record<string, string>;
  savedAt: string;
}

/** Typed values kept at most: 40 lines × 7 fields per invoice for 10 invoices is well inside. */
const MAX_IN_PROGRESS_VALUES = 4000;

export const dataOf = (app: AbroadApplication): AbroadData => (app.data ?? {}) as AbroadData;

/** The extraction stored by the job (extracted-document schema + checks/pages/source). */
export interface Extraction {
  documentType?: string;
  language?: string | null;
  providerName?: string | null;
  therapists?: Array<{ name: string; authorisationNumber: string | null }>;
  patientName?: string | null;
  invoiceNumber?: string | null;
  invoiceDate?: string | null;
  diagnosis?: { code: string | null; text: string | null } | null;
  currency?: string | null;
  country?: string | null;
  lines?: Array<{ date: string | null; treatmentForm: string; description: string; durationMinutes: number | null; amount: number; count?: number }>;
  total?: number | null;
  checks?: { linesMatchTotal?: boolean; linesSum?: number };
  pages?: number;
  source?: string;
  confidence?: number;
}

export const extractionOf = (doc: AbroadDocument): Extraction => (doc.result ?? {}) as Extraction;
/** Amounts were read by OCR (not from the PDF's text layer): the resident must confirm them. */
export const readByOcr = (doc: AbroadDocument): boolean => {
  const s = extractionOf(doc).source;
  return s !== undefined && s !== "text-layer";
};

const decimal = (n: number | null | undefined, exp = 2): string => (n === null || n === undefined || !Number.isFinite(n) ? "" : n.toFixed(exp));

/** The answers before the resident has changed anything: what we read, payment date = invoice date. */
export function answersFromExtraction(doc: AbroadDocument): InvoiceAnswers {
  const r = extractionOf(doc);
  const currency = (r.currency ?? "").toUpperCase();
  const exp = CURRENCY_EXPONENT[currency] ?? 2;
  const invoiceDate = r.invoiceDate && isIsoDate(r.invoiceDate) ? r.invoiceDate : null;
  const lines = (r.lines ?? []).map((l): LineAnswer => {
    const a: LineAnswer = {
      date: l.date && isIsoDate(l.date) ? l.date : null,
      treatmentForm: l.treatmentForm,
      description: l.description ?? "",
      durationMinutes: l.durationMinutes ?? null,
      amount: decimal(l.amount, exp),
    };
    if (l.count !== undefined) a.count = l.count;
    return a;
  });
  const lastLine =
    lines
      .map((l) => l.date)
      .filter((d): d is IsoDate => d !== null)
      .sort()
      .pop() ?? null;
  return {
    providerName: r.providerName ?? "",
    invoiceNumber: r.invoiceNumber ?? "",
    invoiceDate,
    patientName: r.patientName ?? "",
    diagnosisCode: r.diagnosis?.code ?? "",
    diagnosisText: r.diagnosis?.text ?? "",
    currency,
    total: decimal(r.total, exp),
    paymentDate: (invoiceDate ?? lastLine ?? "") as IsoDate,
    amountsConfirmed: false,
    lines,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the application.

export interface ApplicationDocument {
  doc: AbroadDocument;
  sha256: string | null;
  mimeType: string | null;
}

export interface ApplicationView {
  app: AbroadApplication;
  data: AbroadData;
  documents: ApplicationDocument[];
  /** Invoices that were read, with the answers in force (saved corrections, else the extraction). */
  invoices: Array<{ doc: AbroadDocument; answers: InvoiceAnswers; saved: boolean; ocr: boolean }>;
}

export async function loadApplication(db: Db, personId: string, applicationId: string): Promise<ApplicationView | null> {
  if (!isUuid(applicationId)) return null;
  const [app] = await db
    .select()
    .from(abroadApplications)
    .where(and(eq(abroadApplications.id, applicationId), eq(abroadApplications.personId, personId)));
  if (!app) return null;
  const rows = await db
    .select({ doc: abroadDocuments, sha256: uploads.sha256, mimeType: uploads.mimeType })
    .from(abroadDocuments)
    .leftJoin(uploads, and(eq(uploads.id, abroadDocuments.uploadId), eq(uploads.personId, personId)))
    .where(and(eq(abroadDocuments.applicationId, app.id), eq(abroadDocuments.personId, personId)))
    .orderBy(asc(abroadDocuments.createdAt), asc(abroadDocuments.id));
  const data = dataOf(app);
  const invoices = rows
    .filter((r) => r.doc.kind === "invoice" && r.doc.status === "done")
    .map(({ doc }) => {
      const saved = data.invoices?.[doc.id];
      return { doc, answers: saved ?? answersFromExtraction(doc), saved: saved !== undefined, ocr: readByOcr(doc) };
    });
  return { app, data, documents: rows.map((r) => ({ doc: r.doc, sha256: r.sha256 ?? null, mimeType: r.mimeType ?? null })), invoices };
}

/** Where a draft stands: start questions answered, every file read, every invoice checked, an account given. */
export function progressOf(view: ApplicationView, birthDate: IsoDate | null = null, today: IsoDate = "2000-01-01") {
  const docs = view.documents.map((d) => d.doc);
  const referralNeeded = referralQuestionNeeded(
    view.invoices.flatMap((i) => i.answers.lines.map((l) => l.date)),
    view.data.period,
  );
  return {
    firstUnansweredStart: firstUnansweredStart(view.data, birthDate, today),
    allRead: docs.length > 0 && docs.every((d) => d.status === "done"),
    hasInvoice: view.invoices.length > 0,
    invoicesChecked: view.invoices.length > 0 && view.invoices.every((i) => i.saved),
    referralNeeded,
    referralAnswered: !referralNeeded || view.data.referral !== undefined,
    hasAccount: view.data.account !== undefined,
  };
}

export type DraftStep = StartStep | "dokumenter" | "kontroll" | "henvisning" | "vurdering" | "konto" | "oppsummering";

/**
 * The page a resident who comes back to a draft lands on: the first start question not answered,
 * else the first step after upload that is not done.
 */
export function resumeStep(view: ApplicationView, birthDate: IsoDate | null, today: IsoDate): DraftStep {
  const p = progressOf(view, birthDate, today);
  if (p.firstUnansweredStart) return p.firstUnansweredStart;
  if (!p.allRead || !p.hasInvoice) return "dokumenter";
  if (!p.invoicesChecked) return "kontroll";
  if (!p.referralAnswered) return "henvisning";
  if (!p.hasAccount) return "vurdering";
  return "oppsummering";
}

/**
 * For the loader of a page after the start questions: the page to send the resident back to when
 * an earlier step is not done, or null. `upTo` is the page being shown.
 */
export function missingStepBefore(view: ApplicationView, birthDate: IsoDate | null, today: IsoDate, upTo: DraftStep): DraftStep | null {
  const order: DraftStep[] = ["land", "periode", "fritak", "dokumenter", "kontroll", "henvisning", "vurdering", "konto", "oppsummering"];
  const p = progressOf(view, birthDate, today);
  const at = order.indexOf(upTo);
  const needs: Array<[DraftStep, boolean]> = [
    [p.firstUnansweredStart ?? "land", p.firstUnansweredStart !== null],
    ["kontroll", !p.invoicesChecked],
    ["henvisning", !p.referralAnswered],
    ["konto", !p.hasAccount],
  ];
  for (const [step, missing] of needs) if (missing && order.indexOf(step) < at) return step;
  return null;
}

/** The uploaded bytes of one document, for the preview; scoped by person and application. */
export async function getDocumentFile(db: Db, personId: string, applicationId: string, documentId: string) {
  if (!isUuid(applicationId) || !isUuid(documentId)) return null;
  const [row] = await db
    .select({ filename: uploads.filename, mimeType: uploads.mimeType, content: uploads.content })
    .from(abroadDocuments)
    .innerJoin(uploads, and(eq(uploads.id, abroadDocuments.uploadId), eq(uploads.personId, personId)))
    .where(and(eq(abroadDocuments.id, documentId), eq(abroadDocuments.applicationId, applicationId), eq(abroadDocuments.personId, personId)));
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Saving answers (drafts only).

async function updateDraftData(db: Db, personId: string, applicationId: string, change: (d: AbroadData) => AbroadData): Promise<boolean> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [app] = await tx
      .select()
      .from(abroadApplications)
      .where(and(eq(abroadApplications.id, applicationId), eq(abroadApplications.personId, personId)))
      .for("update");
    if (!app || app.status !== "draft") return false;
    await tx
      .update(abroadApplications)
      .set({ data: change(dataOf(app)), updatedAt: new Date() })
      .where(eq(abroadApplications.id, app.id));
    return true;
  });
}

export function saveInvoiceAnswers(db: Db, personId: string, applicationId: string, answers: Record<string, InvoiceAnswers>, yrkesskadeApplies?: boolean) {
  return updateDraftData(db, personId, applicationId, (d) => {
    const { checkInProgress: _typed, ...rest } = d;
    const out: AbroadData = { ...rest, invoices: { ...(d.invoices ?? {}), ...answers } };
    if (yrkesskadeApplies !== undefined) out.yrkesskadeApplies = yrkesskadeApplies;
    return out;
  });
}

/** Keeps what was typed on the check page but not saved (see AbroadData.checkInProgress). */
export function saveCheckInProgress(db: Db, personId: string, applicationId: string, invoiceIds: string[], values: Record<string, string>, now: Date = new Date()) {
  const kept = Object.fromEntries(Object.entries(values).slice(0, MAX_IN_PROGRESS_VALUES));
  return updateDraftData(db, personId, applicationId, (d) => ({ ...d, checkInProgress: { invoiceIds, values: kept, savedAt: now.toISOString() } }));
}

/** The unsaved values, when they belong to exactly these invoices (in this order); else null. */
export function checkInProgressFor(d: AbroadData, invoiceIds: string[]): Record<string, string> | null {
  const w = d.checkInProgress;
  if (!w || w.invoiceIds.length !== invoiceIds.length || w.invoiceIds.some((id, i) => id !== invoiceIds[i])) return null;
  return w.values;
}

export function saveAccount(db: Db, personId: string, applicationId: string, account: AccountAnswer) {
  return updateDraftData(db, personId, applicationId, (d) => ({ ...d, account }));
}

/** Saves one start answer (or the referral answer); saving the same answer twice changes nothing else. */
export function saveStartAnswer(db: Db, personId: string, applicationId: string, patch: Partial<StartAnswers>) {
  return updateDraftData(db, personId, applicationId, (d) => {
    const out: AbroadData = { ...d, ...patch };
    // The yrkesskade question now belongs to the exemption question.
    if (patch.exemption) delete out.yrkesskadeApplies;
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Forms: one zod schema each. Messages are translation keys.

const req = (key: string) => cleanString("abroad.err.invalidCharacters", { error: key }).trim().min(1, { error: key });
/** Optional free text: no control characters or unpaired surrogates (app/utils/text.ts). */
const freeText = () => cleanString("abroad.err.invalidCharacters");

/** A decimal amount in the invoice currency: "1 234,50", "1234.5" → "1234.50" (dot, fixed decimals later). */
export function parseDecimalAmount(s: string): string | null {
  const t = s.replace(/[\s\u00a0\u202f]/g, "");
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return `${Number(m[1])}.${(m[2] ?? "").padEnd(2, "0")}`;
}

const amountField = (key: string) =>
  req(key).transform((s, ctx) => {
    const v = parseDecimalAmount(s);
    if (v === null) {
      ctx.addIssue({ code: "custom", message: "abroad.err.amount" });
      return z.NEVER;
    }
    return v;
  });

const dateField = (key: string, today: IsoDate) =>
  req(key).transform((s, ctx) => {
    const iso = parseNorwegianDate(s);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "abroad.err.date" });
      return z.NEVER;
    }
    if (iso > today) {
      ctx.addIssue({ code: "custom", message: "abroad.err.date.future" });
      return z.NEVER;
    }
    return iso as IsoDate;
  });

export function lineSchema(today: IsoDate) {
  return z.object({
    date: dateField("abroad.err.line.date", today),
    treatmentForm: z.enum(TREATMENT_FORMS, { error: "abroad.err.line.form" }),
    description: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    durationMinutes: z
      .string()
      .trim()
      .transform((s, ctx) => {
        if (s === "") return null;
        if (!/^\d{1,3}$/.test(s) || Number(s) < 1 || Number(s) > 300) {
          ctx.addIssue({ code: "custom", message: "abroad.err.line.duration" });
          return z.NEVER;
        }
        return Number(s);
      }),
    amount: amountField("abroad.err.line.amount"),
  });
}

/** The "Sjekk det vi leste" form for one invoice. */
export function invoiceSchema(today: IsoDate, mustConfirm: boolean) {
  return z.object({
    providerName: req("abroad.err.provider").pipe(z.string().max(200, { error: "abroad.err.tooLong" })),
    invoiceNumber: req("abroad.err.invoiceNumber").pipe(z.string().max(60, { error: "abroad.err.tooLong" })),
    invoiceDate: dateField("abroad.err.invoiceDate", today),
    patientName: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    diagnosisCode: freeText().trim().max(20, { error: "abroad.err.tooLong" }),
    diagnosisText: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    currency: req("abroad.err.currency")
      .transform((s) => s.toUpperCase())
      .refine((c) => CURRENCY_EXPONENT[c] !== undefined, { error: "abroad.err.currency" }),
    total: amountField("abroad.err.total"),
    paymentDate: dateField("abroad.err.paymentDate", today),
    confirmed: mustConfirm ? z.literal("ja", { error: "abroad.err.confirm" }) : z.string().optional(),
    lines: z.array(lineSchema(today)),
  });
}

// The start questions. Each returns field errors as message keys (with values for the message).

export type FieldErrors = Record<string, { key: string; vars?: Record<string, string | number> }>;

/** Which country: any code from the list (a country outside the scheme is answered, not an error). */
export function countrySchema() {
  return z.object({ country: req("abroad.err.country").pipe(z.string().regex(/^(?:[A-Z]{2}|OTHER)$/, { error: "abroad.err.country" })) });
}

function dateOnly(key: string) {
  return req(key).transform((s, ctx) => {
    const iso = parseNorwegianDate(s);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "abroad.err.date" });
      return z.NEVER;
    }
    return iso as IsoDate;
  });
}

/** Treatment period: two dates, then the period rules (validatePeriod). */
export function parsePeriod(values: { from: string; to: string; paidRecently: string }, today: IsoDate): { ok: true; period: PeriodAnswer } | { ok: false; errors: FieldErrors } {
  const parsed = z.object({ from: dateOnly("abroad.err.period.from"), to: dateOnly("abroad.err.period.to") }).safeParse(values);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0]);
      if (!errors[f]) errors[f] = { key: issue.message };
    }
    return { ok: false, errors };
  }
  const paidRecently = values.paidRecently === "ja" ? true : values.paidRecently === "nei" ? false : undefined;
  for (const e of validatePeriod({ ...parsed.data, paidRecently }, today)) {
    if (errors[e.field]) continue;
    if (e.code === "before-scheme") errors[e.field] = { key: "abroad.err.period.beforeScheme", vars: { date: e.schemeStart } };
    else if (e.code === "deadline") errors[e.field] = { key: "abroad.err.period.paidRecently", vars: { date: e.paidOnOrAfter } };
    else errors[e.field] = { key: e.code === "future" ? "abroad.err.date.future" : "abroad.err.period.beforeFrom" };
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const period: PeriodAnswer = { from: parsed.data.from, to: parsed.data.to };
  if (periodNeedsPaymentQuestion(period.to, today) && paidRecently !== undefined) period.paidRecently = paidRecently;
  return { ok: true, period };
}

/** Exemption: none, frikort, yrkesskade, or another (then say which). */
export function exemptionSchema(today: IsoDate) {
  return z
    .object({
      exemption: z.string({ error: "abroad.err.exemption" }).refine((v) => v === "none" || isStatedExemptionKind(v, today), { error: "abroad.err.exemption" }),
      otherText: freeText().trim().max(200, { error: "abroad.err.tooLong" }),
    })
    .superRefine((v, ctx) => {
      if (v.exemption === "other" && v.otherText === "") ctx.addIssue({ code: "custom", path: ["otherText"], message: "abroad.err.exemption.other" });
    })
    .transform((v): NonNullable<StartAnswers["exemption"]> =>
      v.exemption === "other" ? { kind: "other", otherText: v.otherText } : { kind: v.exemption as "none" | "frikort" | "yrkesskade" },
    );
}

/** Referral for treatment before 2018: yes with its date (not in the future), or no. */
export function referralSchema(today: IsoDate) {
  return z.object({ had: z.enum(["ja", "nei"], { error: "abroad.err.referral" }), date: z.string().optional() }).transform((v, ctx): NonNullable<StartAnswers["referral"]> => {
    if (v.had === "nei") return { had: false };
    const d = dateField("abroad.err.referral.date", today).safeParse(v.date ?? "");
    if (!d.success) {
      ctx.addIssue({ code: "custom", path: ["date"], message: d.error.issues[0]!.message });
      return z.NEVER;
    }
    return { had: true, date: d.data };
  });
}

/** Norwegian kontonummer, or IBAN + BIC for an account abroad. */
export function accountSchema() {
  return z.discriminatedUnion(
    "accountType",
    [
      z.object({
        accountType: z.literal("no"),
        kontonummer: req("abroad.err.kontonummer.required").transform((s, ctx) => {
          const v = validateKontonummer(s);
          if (!v.valid) {
            ctx.addIssue({ code: "custom", message: v.reason === "format" ? "abroad.err.kontonummer.format" : "abroad.err.kontonummer.checksum" });
            return z.NEVER;
          }
          return v.normalized;
        }),
      }),
      z.object({
        accountType: z.literal("foreign"),
        iban: req("abroad.err.iban.required").transform((s, ctx) => {
          const v = normaliseIban(s);
          if (!isValidIban(v)) {
            ctx.addIssue({ code: "custom", message: "abroad.err.iban.invalid" });
            return z.NEVER;
          }
          return v;
        }),
        bic: req("abroad.err.bic.required")
          .transform((s) => s.replace(/\s/g, "").toUpperCase())
          .refine(isValidBic, { error: "abroad.err.bic.invalid" }),
      }),
    ],
    { error: "abroad.err.accountType" },
  );
}

export const normaliseIban = (s: string) => s.replace(/[\s-]/g, "").toUpperCase();

/** ISO 13616: two letters, two check digits, up to 30 letters/digits; mod 97 of the rearranged number is 1. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

/** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3). */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic);
}

export function maskAccount(a: AccountAnswer): string {
  if (a.kind === "no") return `****.**.*${a.kontonummer.slice(-4)}`;
  return `${a.iban.slice(0, 4)} **** ${a.iban.slice(-4)} (${a.bic})`;
}

// ---------------------------------------------------------------------------------------------
// Checks and estimate.

export interface InvoiceEstimate {
  documentId: string;
  answers: InvoiceAnswers;
  estimate: Estimate | null;
  /** Why there is no estimate (no payment date, unknown currency). */
  error: string | null;
}

export interface Assessment {
  checks: CheckResult[];
  invoices: InvoiceEstimate[];
  totals: { refundOre: number; paidOre: number; egenandelDeductedOre: number; norwegianPriceOre: number };
  indicative: boolean;
  rateMissing: boolean;
  exemptions: {
    childUntil16: boolean;
    yrkesskade: boolean;
    /** The exemption the resident stated that the register does not show on some line: Helfo verifies it. */
    toVerify: "frikort" | "yrkesskade" | "other" | null;
    frikortYears: Array<{ year: number; from: IsoDate }>;
  };
}

/** The claim keys of the person's earlier applications that were sent (not this one). */
export async function previouslyClaimed(db: Db, personId: string, exceptId: string) {
  const rows = await db
    .select({ data: abroadApplications.data })
    .from(abroadApplications)
    .where(and(eq(abroadApplications.personId, personId), ne(abroadApplications.status, "draft"), ne(abroadApplications.id, exceptId)));
  const fileKeys: string[] = [];
  const invoiceKeys: string[] = [];
  for (const r of rows) {
    const keys = (r.data as AbroadData).sent?.claimKeys;
    if (keys) {
      fileKeys.push(...keys.fileKeys);
      invoiceKeys.push(...keys.invoiceKeys);
    }
  }
  return { fileKeys, invoiceKeys };
}

function checkDocuments(view: ApplicationView): CheckDocument[] {
  const answers = new Map(view.invoices.map((i) => [i.doc.id, i.answers]));
  return view.documents
    .filter((d) => d.doc.status === "done")
    .map(({ doc, sha256 }): CheckDocument => {
      const r = extractionOf(doc);
      const base: CheckDocument = {
        id: doc.id,
        documentType: doc.kind as CheckDocument["documentType"],
        language: r.language ?? null,
        therapists: r.therapists ?? [],
        checksum: sha256,
        country: r.country ?? null,
      };
      const a = answers.get(doc.id);
      if (doc.kind !== "invoice" || !a) return base;
      return {
        ...base,
        providerName: a.providerName,
        patientName: a.patientName,
        invoiceNumber: a.invoiceNumber,
        diagnosis: { code: a.diagnosisCode || null, text: a.diagnosisText || null },
        currency: a.currency,
        total: a.total,
        paymentDate: a.paymentDate || null,
        lines: a.lines.map((l) => ({
          date: l.date,
          treatmentForm: l.treatmentForm,
          description: l.description,
          durationMinutes: l.durationMinutes,
          amount: l.amount,
          ...(l.count ? { count: l.count } : {}),
        })),
      };
    });
}

export async function assess(db: Db, personId: string, view: ApplicationView, today: IsoDate): Promise<Assessment> {
  const documents = checkDocuments(view);
  const d = view.data;
  const person = await getPerson(db, personId);
  const checks = runAbroadChecks({
    documents,
    today,
    previouslyClaimed: await previouslyClaimed(db, personId, view.app.id),
    referral: d.referral?.had ? { date: d.referral.date } : null,
    statedCountry: d.country && countryStatus(d.country, today).covered ? d.country : null,
    statedPeriod: d.period ? { from: d.period.from, to: d.period.to } : null,
    applicantName: person?.name ?? null,
  });
  const statedKind = d.exemption?.kind ?? null;
  const approvedYrkesskade = Boolean(person?.yrkesskadeApprovedOn);
  // The register shows an approved yrkesskade: the resident's "yes" is enough. Without it, the
  // statement is used but marked for Helfo to verify (as are "frikort" beyond the register and "other").
  const yrkesskade = approvedYrkesskade && (statedKind === "yrkesskade" || (statedKind === null && d.yrkesskadeApplies === true));
  const statedExemption: "frikort" | "yrkesskade" | "other" | null =
    statedKind === "frikort" || statedKind === "other" ? statedKind : statedKind === "yrkesskade" && !yrkesskade ? "yrkesskade" : null;
  const years = [...new Set(view.invoices.flatMap((i) => i.answers.lines.map((l) => (l.date ? yearOf(l.date) : null)).filter((y): y is number => y !== null)))];
  const overviews = [];
  for (const y of years) {
    const o = await overviewForPersonYear(db, personId, y);
    if (o) overviews.push(o);
  }
  const frikortFrom = frikortFromOverviews(overviews);
  // Norges Bank's rates as stored in PostgreSQL (the embedded file plus the imports), the same in every process
  const rates = await exchangeRateTable(db, [...new Set(view.invoices.map((i) => i.answers.currency))]);
  const invoices = view.invoices.map(({ doc, answers }): InvoiceEstimate => {
    if (!answers.paymentDate || !isIsoDate(answers.paymentDate)) return { documentId: doc.id, answers, estimate: null, error: "payment-date-missing" };
    try {
      const estimate = estimateRefund({
        currency: answers.currency,
        paymentDate: answers.paymentDate,
        invoiceDate: answers.invoiceDate,
        birthDate: person?.birthDate ?? null,
        yrkesskade,
        frikortFrom,
        statedExemption,
        lines: answers.lines.map((l) => ({
          date: l.date,
          treatmentForm: l.treatmentForm,
          durationMinutes: l.durationMinutes,
          amount: l.amount,
          ...(l.count ? { count: l.count } : {}),
        })),
        settings: { rates },
      });
      return { documentId: doc.id, answers, estimate, error: null };
    } catch {
      return { documentId: doc.id, answers, estimate: null, error: "not-estimated" };
    }
  });
  const totals = { refundOre: 0, paidOre: 0, egenandelDeductedOre: 0, norwegianPriceOre: 0 };
  for (const i of invoices) {
    if (!i.estimate) continue;
    totals.refundOre += i.estimate.totals.refundOre;
    totals.paidOre += i.estimate.totals.paidOre;
    totals.egenandelDeductedOre += i.estimate.totals.egenandelDeductedOre;
    totals.norwegianPriceOre += i.estimate.totals.norwegianPriceOre;
  }
  const rateMissing = invoices.some((i) => i.estimate?.lines.some((l) => l.reason === "rate-missing" || l.reason === "currency-unknown"));
  const lines = invoices.flatMap((i) => i.estimate?.lines ?? []);
  return {
    checks,
    invoices,
    totals,
    indicative: invoices.some((i) => !i.estimate || i.estimate.indicative),
    rateMissing,
    exemptions: {
      childUntil16: lines.some((l) => l.egenandelExemption === "child-under-16"),
      yrkesskade,
      toVerify: lines.some((l) => l.exemptionToVerify) ? statedExemption : null,
      frikortYears: overviews.map((o) => ({ year: o.year, from: frikortFrom[o.year] ?? null })).filter((x): x is { year: number; from: IsoDate } => x.from !== null),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Submitting and status.

/** Only the start answers out of the draft's data (for the sent snapshot). */
export function startAnswersOf(d: AbroadData): StartAnswers {
  const out: StartAnswers = {};
  if (d.country) out.country = d.country;
  if (d.period) out.period = d.period;
  if (d.exemption) out.exemption = d.exemption;
  if (d.referral) out.referral = d.referral;
  return out;
}

async function allocateReference(tx: Db, year: number): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const ref = newReference(year);
    const [a] = await tx
      .select({ id: abroadApplications.id })
      .from(abroadApplications)
      .where(sql`${abroadApplications.data}->>'reference' = ${ref}`);
    const [c] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.reference, ref));
    if (!a && !c) return ref;
  }
  throw new Error("could not allocate a reference");
}

export type SubmitResult =
  { ok: true; app: AbroadApplication; fresh: boolean } | { ok: false; reason: "not-found" | "documents" | "invoices" | "account" | StartStep | "henvisning" };

/**
 * draft → received, once. The caller computes the estimate (it needs the register) and passes it;
 * under the row lock a second submit sees "received" and returns the same application.
 */
export async function submitApplication(db: Db, personId: string, applicationId: string, today: IsoDate, now: Date = new Date()): Promise<SubmitResult> {
  const view = await loadApplication(db, personId, applicationId);
  if (!view) return { ok: false, reason: "not-found" };
  if (view.app.status !== "draft") return { ok: true, app: view.app, fresh: false };
  const person = await getPerson(db, personId);
  const p = progressOf(view, person?.birthDate ?? null, today);
  if (p.firstUnansweredStart) return { ok: false, reason: p.firstUnansweredStart };
  if (!p.allRead || !p.hasInvoice) return { ok: false, reason: "documents" };
  if (!p.invoicesChecked) return { ok: false, reason: "invoices" };
  if (!p.referralAnswered) return { ok: false, reason: "henvisning" };
  if (!view.data.account) return { ok: false, reason: "account" };
  const assessment = await assess(db, personId, view, today);
  const docs = checkDocuments(view);
  const keys = docs.map((d) => claimKeys(d));
  const sent: SentSnapshot = {
    documents: view.documents.map((d) => ({ id: d.doc.id, kind: d.doc.kind, filename: d.doc.filename, sha256: d.sha256 })),
    invoices: view.invoices.map((i) => ({ documentId: i.doc.id, answers: i.answers })),
    estimate: { refundOre: assessment.totals.refundOre, paidOre: assessment.totals.paidOre, indicative: assessment.indicative, rateMissing: assessment.rateMissing },
    account: view.data.account,
    claimKeys: {
      fileKeys: keys.map((k) => k.fileKey).filter((k): k is string => k !== null),
      invoiceKeys: docs
        .filter((d) => d.documentType === "invoice")
        .map((d) => claimKeys(d).invoiceKey)
        .filter((k): k is string => k !== null),
    },
    start: startAnswersOf(view.data),
  };
  const result = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [app] = await tx
      .select()
      .from(abroadApplications)
      .where(and(eq(abroadApplications.id, applicationId), eq(abroadApplications.personId, personId)))
      .for("update");
    if (!app) return null;
    if (app.status !== "draft") return { app, fresh: false };
    const reference = await allocateReference(tx, yearOf(today));
    const data: AbroadData = {
      ...dataOf(app),
      reference,
      submittedAt: now.toISOString(),
      events: [{ status: "received", at: now.toISOString() }],
      sent,
    };
    const [u] = await tx.update(abroadApplications).set({ status: "received", data, updatedAt: now }).where(eq(abroadApplications.id, app.id)).returning();
    return { app: u!, fresh: true };
  });
  if (!result) return { ok: false, reason: "not-found" };
  if (result.fresh) {
    const ref = dataOf(result.app).reference!;
    await notify(db, personId, "case-status", { reference: ref, kind: "abroad-refund", status: "received" }, `abroad:${result.app.id}:received`);
  }
  return { ok: true, ...result };
}

const CASE_STATUS_KEY: Record<(typeof STATUS_FLOW)[number], string> = {
  received: "received",
  "under-review": "under-review",
  "more-info": "more-info",
  decided: "decided",
  paid: "paid",
};

/** Helfo's side: moves a sent application on, with a dated event and an inbox message. */
/** The register's provider for egenandeler Helfo approves on refund claims from abroad. */
export const ABROAD_PROVIDER = { orgnr: "000000001", name: "Helfo (fysioterapi i utlandet)" };

/**
 * When a claim is decided, the egenandel deducted on each approved line counts towards the
 * resident's ceiling like any other: it is registered (idempotent per application line) and the
 * engine recomputes the years. Returns how many egenandeler were registered.
 */
export async function registerApprovedEgenandeler(db: Db, applicationId: string, today: IsoDate): Promise<number> {
  const [app] = await db.select().from(abroadApplications).where(eq(abroadApplications.id, applicationId));
  if (!app || app.status === "draft") return 0;
  const view = await loadApplication(db, app.personId, app.id);
  if (!view) return 0;
  const assessment = await assess(db, app.personId, view, today);
  const reference = dataOf(app).reference ?? app.id;
  const rows: Array<{ claimId: string; serviceDate: IsoDate; amountOre: number }> = [];
  assessment.invoices.forEach((inv, i) => {
    for (const line of inv.estimate?.lines ?? []) {
      if (line.egenandelDeductedOre > 0) rows.push({ claimId: `${reference}-${i + 1}-${line.index + 1}`, serviceDate: line.priceDate, amountOre: line.egenandelDeductedOre });
    }
  });
  if (!rows.length) return 0;
  // Through the register's one writer: a reserved resident gets nothing stored, as on every path.
  const source = { kind: "abroad", reference } as const;
  const requests: RegisterRequest[] = rows.map((r) => {
    const claim = {
      orgnr: ABROAD_PROVIDER.orgnr,
      claimId: r.claimId,
      providerName: ABROAD_PROVIDER.name,
      serviceDate: r.serviceDate,
      serviceType: "fysioterapi" as const,
      amountOre: r.amountOre,
      paid: true,
      paidDate: r.serviceDate,
    };
    return { op: "register", source, person: { personId: app.personId }, claim, hash: registrationHash({ ...claim, person: app.personId }), provider: ABROAD_PROVIDER };
  });
  const outcomes = await applyRegisterRequests(db, requests, today);
  return outcomes.filter((o) => o.ok && "created" in o && o.created).length;
}

export async function advanceStatus(db: Db, applicationId: string, status: Exclude<(typeof STATUS_FLOW)[number], "received">, note?: string, now: Date = new Date()) {
  const row = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [app] = await tx.select().from(abroadApplications).where(eq(abroadApplications.id, applicationId)).for("update");
    if (!app || app.status === "draft") return null;
    const d = dataOf(app);
    if (app.status === status) return { app, fresh: false };
    const event: StatusEvent = note ? { status, at: now.toISOString(), note } : { status, at: now.toISOString() };
    const [u] = await tx
      .update(abroadApplications)
      .set({ status, data: { ...d, events: [...(d.events ?? []), event] }, updatedAt: now })
      .where(eq(abroadApplications.id, app.id))
      .returning();
    return { app: u!, fresh: true };
  });
  if (row?.fresh && status === "decided") {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(now);
    await registerApprovedEgenandeler(db, applicationId, today);
  }
  if (row?.fresh) {
    const d = dataOf(row.app);
    await notify(
      db,
      row.app.personId,
      "case-status",
      { reference: d.reference ?? "", kind: "abroad-refund", status: CASE_STATUS_KEY[status] },
      `abroad:${row.app.id}:${status}:${now.toISOString()}`,
    );
  }
  return row?.app ?? null;
}

/** The person's sent applications, newest first. */
export async function listSentApplications(db: Db, personId: string) {
  const rows = await db
    .select()
    .from(abroadApplications)
    .where(and(eq(abroadApplications.personId, personId), ne(abroadApplications.status, "draft")))
    .orderBy(desc(abroadApplications.updatedAt));
  return rows.map((r) => ({ id: r.id, status: r.status as AbroadStatus, reference: dataOf(r).reference ?? "", submittedAt: dataOf(r).submittedAt ?? null }));
}
