/**
 * Refund of physiotherapy abroad (issue 5), the steps after upload, as use cases: saving the
 * resident's answers, the checks and the estimate, submitting, and Helfo moving the application on.
 * docs/decisions/0010-abroad-application.md. The pure step logic, the answers and the status
 * transitions are in domain/abroad-application.ts, the forms in schemas/abroad.ts, the queries in
 * models/abroad-application.server.ts.
 *
 * - The raw extraction stays in abroad_documents.result, untouched. The resident's corrections live
 *   in abroad_applications.data.invoices[documentId]; everything downstream reads those.
 * - Submitting is idempotent: the row is locked and only a draft becomes "received"; a second submit
 *   finds it received and changes nothing. What was sent is frozen in data.sent (the receipt reads
 *   only that), with the claim keys later applications are checked against for duplicates.
 * - Every read and write is scoped by the person.
 */
import type { Db } from "~/db/client.server";
import { claimKeys, runAbroadChecks, type CheckResult } from "~/domain/abroad-checks";
import {
  type AbroadData,
  type AccountAnswer,
  type AdvanceTarget,
  checkDocuments,
  countsAs,
  documentClasses,
  type InvoiceAnswers,
  MAX_IN_PROGRESS_VALUES,
  type SentSnapshot,
  startAnswersOf,
  submitBlocker,
  type SubmitBlocker,
} from "~/domain/abroad-application";
import { countryStatus, type StartAnswers } from "~/domain/abroad-start";
import { isIsoDate, isoDate, yearOf } from "~/kernel/dates";
import { estimateRefund, frikortFromOverviews, type Estimate, type RefundSettings } from "~/domain/refund-estimate";
import type { EstimateContext } from "~/domain/abroad-decision";
import type { IsoDate, Ore } from "~/kernel/types";
import {
  type AbroadApplication,
  type ApplicationView,
  applyTransition,
  findApplication,
  loadApplication,
  markSubmitted,
  previouslyClaimed,
  updateDraftData,
} from "~/models/abroad-application.server";
import { getPerson } from "~/models/person.server";
import { newReference } from "./cases.server";
import { overviewForPersonYear } from "./engine.server";
import { exchangeRateTable } from "./exchange-rates.server";
import { applyRegisterRequests, registrationHash } from "./register.server";
import type { RegisterRequest } from "~/domain/register";
import { notify } from "./notify.server";
import { ore } from "~/kernel/money";
import { queuePageImages } from "./page-image-queue.server";

// ---------------------------------------------------------------------------------------------
// Saving answers (drafts only).

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
  /** The person's situation the estimate used: a decision recomputes the refund with the same. */
  context: EstimateContext;
}

/** `settings` (a caseworker's fixed rate-date rule) go to the estimate as they are; none for the resident's own estimate. */
export async function assess(db: Db, personId: string, view: ApplicationView, today: IsoDate, settings?: RefundSettings): Promise<Assessment> {
  const documents = checkDocuments(view);
  const d = view.data;
  const person = await getPerson(db, personId);
  // Norges Bank's rates as stored in PostgreSQL (the embedded file plus the imports), the same in every process: the
  // estimate converts with them, and the proof-of-payment check matches a NOK payment with a foreign invoice by them
  const rates = await exchangeRateTable(db, [...new Set([...view.invoices.map((i) => i.answers.currency), ...documents.map((x) => x.currency ?? "")])].filter(Boolean));
  const checks = runAbroadChecks({
    rates,
    documents,
    today,
    previouslyClaimed: await previouslyClaimed(db, personId, view.app.id),
    referral: d.referral?.had ? { date: d.referral.date, referrer: d.referral.referrer ?? null } : null,
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
          ...(l.groupSize ? { groupSize: l.groupSize } : {}),
        })),
        settings: { ...settings, rates },
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
    context: { birthDate: person?.birthDate ?? null, yrkesskade, frikortFrom, statedExemption, settings: { ...settings, rates } },
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

export type SubmitResult = { ok: true; app: AbroadApplication; fresh: boolean } | { ok: false; reason: "not-found" | SubmitBlocker };

/**
 * draft → received, once. The caller computes the estimate (it needs the register) and passes it;
 * under the row lock a second submit sees "received" and returns the same application.
 */
export async function submitApplication(db: Db, personId: string, applicationId: string, today: IsoDate, now: Date = new Date()): Promise<SubmitResult> {
  const view = await loadApplication(db, personId, applicationId);
  if (!view) return { ok: false, reason: "not-found" };
  if (view.app.status !== "draft") return { ok: true, app: view.app, fresh: false };
  const person = await getPerson(db, personId);
  const blocker = submitBlocker(view, person?.birthDate ?? null, today);
  if (blocker) return { ok: false, reason: blocker };
  if (!view.data.account) return { ok: false, reason: "account" };
  const assessment = await assess(db, personId, view, today);
  const docs = checkDocuments(view);
  const classes = documentClasses(view.documents.map((d) => d.doc));
  const keys = docs.map((d) => claimKeys(d));
  const sent: SentSnapshot = {
    // what each document counted as (a card slip uploaded among the invoices is proof of payment), as the receipt lists them
    documents: view.documents.map((d) => ({ id: d.doc.id, kind: countsAs(classes, d.doc), filename: d.doc.filename, sha256: d.sha256 })),
    invoices: view.invoices.map((i) => ({ documentId: i.doc.id, answers: i.answers })),
    estimate: { refundOre: ore(assessment.totals.refundOre), paidOre: ore(assessment.totals.paidOre), indicative: assessment.indicative, rateMissing: assessment.rateMissing },
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
  const result = await markSubmitted(db, personId, applicationId, sent, () => newReference(yearOf(today)), now);
  if (!result) return { ok: false, reason: "not-found" };
  if (result.fresh) {
    const ref = result.app.data.reference!;
    await notify(db, personId, "case-status", { reference: ref, kind: "abroad-refund", status: "received" }, `abroad:${result.app.id}:received`);
    // the page images are rendered now, in the background, so the caseworker's first opening is fast
    await queuePageImages(result.app.id);
  }
  return { ok: true, ...result };
}

/** The register's provider for egenandeler Helfo approves on refund claims from abroad. */
export const ABROAD_PROVIDER = { orgnr: "000000001", name: "Helfo (fysioterapi i utlandet)" };

/**
 * When a claim is decided, the egenandel deducted on each approved line counts towards the
 * resident's ceiling like any other: it is registered (idempotent per application line) and the
 * engine recomputes the years. Returns how many egenandeler were registered.
 */
export async function registerApprovedEgenandeler(db: Db, applicationId: string, today: IsoDate): Promise<number> {
  const app = await findApplication(db, applicationId);
  if (!app || app.status === "draft") return 0;
  const view = await loadApplication(db, app.personId, app.id);
  if (!view) return 0;
  const assessment = await assess(db, app.personId, view, today);
  const reference = app.data.reference ?? app.id;
  const rows: Array<{ claimId: string; serviceDate: IsoDate; amountOre: Ore }> = [];
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

/** Helfo's side: moves a sent application on, with a dated event and an inbox message. */
export async function advanceStatus(db: Db, applicationId: string, status: AdvanceTarget, note?: string, now: Date = new Date()): Promise<AbroadApplication | null> {
  const row = await applyTransition(db, applicationId, status, note, now);
  if (row?.fresh && status === "decided") {
    const today = isoDate(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(now));
    await registerApprovedEgenandeler(db, applicationId, today);
  }
  if (row?.fresh) {
    await notify(
      db,
      row.app.personId,
      "case-status",
      { reference: row.app.data.reference ?? "", kind: "abroad-refund", status },
      `abroad:${row.app.id}:${status}:${now.toISOString()}`,
    );
  }
  return row?.app ?? null;
}

// The reads the pages use, from the model.
export { getDocumentFile, listSentApplications, loadApplication, type ApplicationView } from "~/models/abroad-application.server";
