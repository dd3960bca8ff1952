/**
 * Refund of physiotherapy abroad: what an application holds and where it stands, as pure data and
 * functions (docs/decisions/0010-abroad-application.md). The shape of abroad_applications.data is
 * a zod schema here: models parse the column with it on every read, so the rest of the code sees
 * typed answers, never `unknown`. The status is a closed union and moves only through `transition`.
 */
import { z } from "zod";
import type { StoredExtraction } from "~/documents/schema";
import { isIsoDate } from "~/kernel/dates";
import { isOre } from "~/kernel/money";
import type { IsoDate } from "~/kernel/types";
import { CURRENCY_EXPONENT } from "~/rules/parameters/exchange-rates";
import { firstUnansweredStart, referralQuestionNeeded, type StartAnswers, type StartStep } from "./abroad-start";
import type { CheckDocument } from "./abroad-checks";
import { classifyDocuments, type DocumentClass } from "./payment-proof-check";
export type { DocumentClass } from "./payment-proof-check";

// ---------------------------------------------------------------------------------------------
// Status: a closed set, and the transitions between them.

export const ABROAD_STATUSES = ["draft", "received", "under-review", "more-info", "decided", "paid", "appealed", "appeal-forwarded"] as const;
export type AbroadStatus = (typeof ABROAD_STATUSES)[number];
/** The statuses of a sent application, in the order the resident's timeline shows them (an appeal adds its own events). */
export const STATUS_FLOW = ["received", "under-review", "more-info", "decided", "paid"] as const;
export type SentStatus = Exclude<AbroadStatus, "draft">;
const SENT_STATUSES = ABROAD_STATUSES.filter((s): s is SentStatus => s !== "draft");
/** Where Helfo's side can move a sent application ("received" is only reached by submitting). */
export type AdvanceTarget = Exclude<SentStatus, "received">;

export const abroadStatusSchema = z.enum(ABROAD_STATUSES);
export const isAbroadStatus = (v: unknown): v is AbroadStatus => abroadStatusSchema.safeParse(v).success;

export const statusEventSchema = z.object({
  status: z.enum(SENT_STATUSES as [SentStatus, ...SentStatus[]]),
  at: z.string(),
  note: z.string().optional(),
  /** A file the resident sent with this step (an appeal). */
  uploadId: z.string().optional(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;

/** One row of the resident's status timeline: a step reached (with when) or one still ahead. */
export interface TimelineStep {
  status: SentStatus;
  /** ISO timestamp of the event; null for a step not reached yet. */
  at: string | null;
  note: string | null;
  current: boolean;
}

/**
 * The resident's timeline: every status the application has been in, in the order it happened (a
 * question and the answer, an appeal and its outcome each get their row), then the ordinary steps
 * still ahead. "More information" is never a step ahead: not every application passes through it.
 */
export function timelineOf(events: readonly StatusEvent[], status: SentStatus): TimelineStep[] {
  const reached: TimelineStep[] = events.map((e) => ({ status: e.status, at: e.at, note: e.note ?? null, current: false }));
  if (!reached.length) reached.push({ status, at: null, note: null, current: false });
  reached[reached.length - 1]!.current = true;
  const flow: readonly SentStatus[] = STATUS_FLOW;
  const at = flow.indexOf(status);
  const ahead = at < 0 ? [] : flow.slice(at + 1).filter((s) => s !== "more-info");
  return [...reached, ...ahead.map((s) => ({ status: s, at: null, note: null, current: false }))];
}

/** What a request to move an application leads to. */
export type Transition =
  { kind: "moved"; from: SentStatus; to: SentStatus; event: StatusEvent } | { kind: "unchanged"; status: SentStatus } | { kind: "refused"; reason: "not-sent" };

/** draft → received (submit). A second submit of a sent application changes nothing. */
export function submitTransition(current: AbroadStatus, at: string): Transition {
  if (current !== "draft") return { kind: "unchanged", status: current };
  return { kind: "moved", from: "received", to: "received", event: { status: "received", at } };
}

/** Helfo moves a sent application on; a draft cannot be moved, and the same status again is no change. */
export function transition(current: AbroadStatus, to: AdvanceTarget, at: string, note?: string, uploadId?: string | null): Transition {
  if (current === "draft") return { kind: "refused", reason: "not-sent" };
  if (current === to) return { kind: "unchanged", status: current };
  const event: StatusEvent = note ? { status: to, at, note } : { status: to, at };
  if (uploadId) event.uploadId = uploadId;
  return { kind: "moved", from: current, to, event };
}

// ---------------------------------------------------------------------------------------------
// The resident's answers, as stored in abroad_applications.data.

/** A date as stored (checked when it was written): read back as an IsoDate, refused when it is not one. */
const storedDate = z.string().refine(isIsoDate);
const storedOre = z.number().refine(isOre);

export const lineAnswerSchema = z.object({
  date: storedDate.nullable(),
  treatmentForm: z.string(),
  description: z.string(),
  durationMinutes: z.number().nullable(),
  /** Decimal with a dot, in the invoice currency ("42.00"). */
  amount: z.string(),
  count: z.number().optional(),
  /** Participants of a group or pool treatment, when a caseworker fixed it (abroad-corrections.ts). */
  groupSize: z.number().nullable().optional(),
});
export type LineAnswer = z.infer<typeof lineAnswerSchema>;

export const invoiceAnswersSchema = z.object({
  providerName: z.string(),
  invoiceNumber: z.string(),
  invoiceDate: storedDate.nullable(),
  patientName: z.string(),
  diagnosisCode: z.string(),
  diagnosisText: z.string(),
  currency: z.string(),
  total: z.string(),
  /** "" until known (no invoice date and no dated line). */
  paymentDate: z.union([z.literal(""), storedDate]),
  /** The resident confirmed amounts read by OCR. */
  amountsConfirmed: z.boolean(),
  lines: z.array(lineAnswerSchema),
});
export type InvoiceAnswers = z.infer<typeof invoiceAnswersSchema>;

export const accountAnswerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("no"), kontonummer: z.string() }),
  z.object({ kind: z.literal("foreign"), iban: z.string(), bic: z.string() }),
]);
export type AccountAnswer = z.infer<typeof accountAnswerSchema>;

const startAnswersShape = {
  country: z.string().optional(),
  period: z.object({ from: storedDate, to: storedDate, paidRecently: z.boolean().optional() }).optional(),
  exemption: z.object({ kind: z.enum(["none", "frikort", "yrkesskade", "other"]), otherText: z.string().optional() }).optional(),
  referral: z
    .union([
      z.object({ had: z.literal(false) }),
      z.object({
        had: z.literal(true),
        date: storedDate,
        /** Who wrote it (issue 18 item 6); absent in drafts from before the question was asked. */
        referrer: z
          .union([
            z.object({ kind: z.enum(["lege", "kiropraktor", "manuellterapeut", "annen"]), inNorway: z.literal(true) }),
            z.object({ kind: z.literal("lege"), inNorway: z.literal(false), illnessAroseAbroad: z.boolean() }),
          ])
          .optional(),
      }),
    ])
    .optional(),
};
export const startAnswersSchema = z.object(startAnswersShape);

export const sentSnapshotSchema = z.object({
  documents: z.array(z.object({ id: z.string(), kind: z.string(), filename: z.string(), sha256: z.string().nullable() })),
  invoices: z.array(z.object({ documentId: z.string(), answers: invoiceAnswersSchema })),
  estimate: z.object({ refundOre: storedOre, paidOre: storedOre, indicative: z.boolean(), rateMissing: z.boolean() }),
  account: accountAnswerSchema,
  claimKeys: z.object({ fileKeys: z.array(z.string()), invoiceKeys: z.array(z.string()) }),
  /** The start answers (country, period, exemption) and the referral answer, as sent. */
  start: startAnswersSchema.optional(),
});
export type SentSnapshot = z.infer<typeof sentSnapshotSchema>;

/**
 * What the resident typed on "Check what we read" and has not saved yet (after adding or removing
 * a line, or when a field had an error), so that leaving the page loses nothing. Keyed by the form's
 * field names for the invoices in `invoiceIds`' order; dropped when those invoices change and
 * cleared when the answers are saved.
 */
export const checkInProgressSchema = z.object({ invoiceIds: z.array(z.string()), values: z.record(z.string(), z.string()), savedAt: z.string() });
export type CheckInProgress = z.infer<typeof checkInProgressSchema>;

/**
 * abroad_applications.data. Loose at the top level: a key this version does not know (an older
 * draft's) is kept when the row is written back.
 */
export const abroadDataSchema = z.looseObject({
  ...startAnswersShape,
  invoices: z.record(z.string(), invoiceAnswersSchema).optional(),
  /** Older drafts only: the yrkesskade question now belongs to the exemption question. */
  yrkesskadeApplies: z.boolean().optional(),
  account: accountAnswerSchema.optional(),
  reference: z.string().optional(),
  submittedAt: z.string().optional(),
  events: z.array(statusEventSchema).optional(),
  sent: sentSnapshotSchema.optional(),
  checkInProgress: checkInProgressSchema.optional(),
});
export type AbroadData = z.infer<typeof abroadDataSchema>;

/** Typed values kept at most: 40 lines × 7 fields per invoice for 10 invoices is well inside. */
export const MAX_IN_PROGRESS_VALUES = 4000;

/** The unsaved values, when they belong to exactly these invoices (in this order); else null. */
export function checkInProgressFor(d: AbroadData, invoiceIds: string[]): Record<string, string> | null {
  const w = d.checkInProgress;
  if (!w || w.invoiceIds.length !== invoiceIds.length || w.invoiceIds.some((id, i) => id !== invoiceIds[i])) return null;
  return w.values;
}

/** Only the start answers out of the draft's data (for the sent snapshot). */
export function startAnswersOf(d: AbroadData): StartAnswers {
  const out: StartAnswers = {};
  if (d.country) out.country = d.country;
  if (d.period) out.period = d.period;
  if (d.exemption) out.exemption = d.exemption;
  if (d.referral) out.referral = d.referral;
  return out;
}

export function maskAccount(a: AccountAnswer): string {
  if (a.kind === "no") return `****.**.*${a.kontonummer.slice(-4)}`;
  return `${a.iban.slice(0, 4)} **** ${a.iban.slice(-4)} (${a.bic})`;
}

// ---------------------------------------------------------------------------------------------
// What was read, and the answers before the resident changed anything.

/** The stored extraction as the steps read it: every field may be missing on a document not read. */
export type Extraction = Partial<StoredExtraction>;

/** The part of an abroad_documents row the pure steps need. */
export interface DocumentFacts {
  id: string;
  kind: string;
  status: string;
  filename: string;
  result: StoredExtraction | null;
}

export const extractionOf = (doc: Pick<DocumentFacts, "result">): Extraction => doc.result ?? {};
/** Amounts were read by OCR (not from the PDF's text layer): the resident must confirm them. */
export const readByOcr = (doc: Pick<DocumentFacts, "result">): boolean => {
  const s = extractionOf(doc).source;
  return s !== undefined && s !== "text-layer";
};

const decimal = (n: number | null | undefined, exp = 2): string => (n === null || n === undefined || !Number.isFinite(n) ? "" : n.toFixed(exp));

/** The answers before the resident has changed anything: what we read, payment date = invoice date. */
export function answersFromExtraction(doc: Pick<DocumentFacts, "result">): InvoiceAnswers {
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
    paymentDate: invoiceDate ?? lastLine ?? "",
    amountsConfirmed: false,
    lines,
  };
}

// ---------------------------------------------------------------------------------------------
// Where a draft stands.

/** What the step logic needs of a loaded application (models' ApplicationView has it). */
export interface ApplicationFacts<D extends DocumentFacts = DocumentFacts> {
  data: AbroadData;
  documents: Array<{ doc: D; sha256: string | null }>;
  /** Invoices that were read, with the answers in force (saved corrections, else the extraction). */
  invoices: Array<{ doc: D; answers: InvoiceAnswers; saved: boolean; ocr: boolean }>;
}

/**
 * What each document counts as (by id): the upload field, except that a card slip, a bank statement or the receipt of an
 * invoice uploaded among the invoices counts as proof of payment (payment-proof-check.ts), so it never becomes a second invoice.
 */
export function documentClasses(docs: readonly DocumentFacts[]): Map<string, DocumentClass> {
  return classifyDocuments(docs);
}

/** What one document counts as ("invoice", "payment", "authorisation", "epikrise"). */
export function countsAs(classes: Map<string, DocumentClass>, doc: Pick<DocumentFacts, "id" | "kind">): string {
  return classes.get(doc.id)?.kind ?? doc.kind;
}

/** The invoices that were read, with the answers in force: saved corrections, else the extraction. */
export function invoicesInForce<D extends DocumentFacts>(data: AbroadData, docs: readonly D[]): ApplicationFacts<D>["invoices"] {
  const classes = documentClasses(docs);
  return docs
    .filter((doc) => countsAs(classes, doc) === "invoice" && doc.status === "done")
    .map((doc) => {
      const saved = data.invoices?.[doc.id];
      return { doc, answers: saved ?? answersFromExtraction(doc), saved: saved !== undefined, ocr: readByOcr(doc) };
    });
}

/** Where a draft stands: start questions answered, every file read, every invoice checked, an account given. */
export function progressOf(view: ApplicationFacts, birthDate: IsoDate | null = null, today: IsoDate = "2000-01-01") {
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
export function resumeStep(view: ApplicationFacts, birthDate: IsoDate | null, today: IsoDate): DraftStep {
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
export function missingStepBefore(view: ApplicationFacts, birthDate: IsoDate | null, today: IsoDate, upTo: DraftStep): DraftStep | null {
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

export type SubmitBlocker = "documents" | "invoices" | "account" | StartStep | "henvisning";

/** Why a draft cannot be sent yet, or null when it can. */
export function submitBlocker(view: ApplicationFacts, birthDate: IsoDate | null, today: IsoDate): SubmitBlocker | null {
  const p = progressOf(view, birthDate, today);
  if (p.firstUnansweredStart) return p.firstUnansweredStart;
  if (!p.allRead || !p.hasInvoice) return "documents";
  if (!p.invoicesChecked) return "invoices";
  if (!p.referralAnswered) return "henvisning";
  if (!view.data.account) return "account";
  return null;
}

/** The documents the checks read: invoices from the resident's answers, the rest from the extraction. */
export function checkDocuments(view: ApplicationFacts): CheckDocument[] {
  const answers = new Map(view.invoices.map((i) => [i.doc.id, i.answers]));
  const classes = documentClasses(view.documents.map((d) => d.doc));
  return view.documents
    .filter((d) => d.doc.status === "done")
    .map(({ doc, sha256 }): CheckDocument => {
      const r = extractionOf(doc);
      const base: CheckDocument = {
        id: doc.id,
        documentType: countsAs(classes, doc) as CheckDocument["documentType"],
        filename: doc.filename,
        payment: r.payment ?? null,
        language: r.language ?? null,
        therapists: r.therapists ?? [],
        checksum: sha256,
        country: r.country ?? null,
        // what was read from an epikrise (the invoices' come from the resident's answers below)
        patientName: r.patientName ?? null,
        treatmentPeriod:
          r.treatmentPeriod && isIsoDate(r.treatmentPeriod.from) && isIsoDate(r.treatmentPeriod.to) ? { from: r.treatmentPeriod.from, to: r.treatmentPeriod.to } : null,
      };
      const a = answers.get(doc.id);
      if (base.documentType !== "invoice" || !a) return base;
      return {
        ...base,
        invoiceDate: a.invoiceDate,
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
