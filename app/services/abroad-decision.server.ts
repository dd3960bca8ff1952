/**
 * Deciding a refund claim abroad in the caseworker console (issue 19 items 4–7): per line approve,
 * approve in part or reject with reasons from the rules; the refund recomputed by the estimate's
 * functions; four eyes above FOUR_EYES_ABOVE_NOK (the proposal waits in staff_case_state, as for
 * the other case kinds); an immutable decision row that supersedes the last; the approved
 * egenandeler through the register's one writer; a payout to the resident's account; the resident
 * told in the inbox (the letter is rendered from the decision rows). The resident may appeal
 * within six weeks; the caseworker reverses (decides again), or upholds and forwards it.
 */
import type { Db } from "~/db/client.server";
import type { AdvanceTarget } from "~/domain/abroad-application";
import {
  abroadAppealDeadline,
  abroadDecisionInputSchema,
  abroadNeedsSecondApproval,
  computeDecision,
  rateOpenErrors,
  validateDecision,
  type AbroadDecisionInput,
  type ComputedDecision,
  type DecisionError,
} from "~/domain/abroad-decision";
import type { RegisterRequest } from "~/domain/register";
import type { IsoDate, Ore } from "~/kernel/types";
import { applyTransition, findApplication } from "~/models/abroad-application.server";
import { listDecisions, recordDecision, type AbroadDecisionLineRow, type AbroadDecisionWithLines } from "~/models/abroad-decision.server";
import { ABROAD_PROVIDER } from "./abroad-application.server";
import { correctedAssessment } from "./abroad-review.server";
import { notify } from "./notify.server";
import { applyRegisterRequests, registrationHash } from "./register.server";
import { pendingProposal, proposeDecision, takeProposal } from "./staff-console.server";
import { ZERO_ORE } from "~/kernel/money";

/** The proposal status that marks a whole per-line decision waiting for a second caseworker. */
export const ABROAD_PROPOSAL = "abroad-decision";

export type DecideAbroadResult =
  | { kind: "decided"; decisionId: string; computed: ComputedDecision }
  | { kind: "proposed"; computed: ComputedDecision }
  | { kind: "invalid"; errors: DecisionError[] }
  | { kind: "not-found" }
  | { kind: "not-estimated" };

/** What a decision is computed from: the application's invoices (the answers in force) and the estimate's context. */
async function decisionBasis(db: Db, applicationId: string, today: IsoDate) {
  const app = await findApplication(db, applicationId);
  if (!app || app.status === "draft") return null;
  // the answers as the caseworker corrected them (abroad_corrections), priced as the case page shows them
  const corrected = await correctedAssessment(db, applicationId, today);
  if (!corrected) return null;
  const { view, assessment: a } = corrected;
  return { app, invoices: view.invoices.map((i) => ({ documentId: i.doc.id, answers: i.answers })), context: a.context };
}

/** Validates and computes a decision without storing it (the form's preview and the action share it). */
export async function previewDecision(db: Db, applicationId: string, input: AbroadDecisionInput, today: IsoDate) {
  const basis = await decisionBasis(db, applicationId, today);
  if (!basis) return { kind: "not-found" } as const;
  const errors = validateDecision(basis.invoices, input);
  if (errors.length) return { kind: "invalid", errors } as const;
  let computed: ComputedDecision;
  try {
    computed = computeDecision(basis.invoices, input, basis.context);
  } catch {
    return { kind: "not-estimated" } as const;
  }
  // a line approved at a rate not published yet has no refund to decide: "rate to be fixed", never 0 kr
  const open = rateOpenErrors(computed);
  if (open.length) return { kind: "invalid", errors: open } as const;
  return { kind: "ok", computed, basis } as const;
}

/**
 * The caseworker decides. Above the four-eyes threshold the decision is a proposal (the whole
 * per-line input is kept) until a second caseworker approves it; otherwise it takes effect now.
 */
export async function decideAbroad(
  db: Db,
  applicationId: string,
  input: AbroadDecisionInput,
  staffIdent: string,
  fourEyesAboveOre: Ore,
  today: IsoDate,
  now = new Date(),
): Promise<DecideAbroadResult> {
  const p = await previewDecision(db, applicationId, input, today);
  if (p.kind !== "ok") return p;
  if (abroadNeedsSecondApproval(p.computed, fourEyesAboveOre)) {
    await proposeDecision(db, { subjectKind: "abroad", id: applicationId }, { status: ABROAD_PROPOSAL, reason: input.note || null, payload: input }, staffIdent, now);
    return { kind: "proposed", computed: p.computed };
  }
  const id = await takeEffect(db, applicationId, p.computed, input.note || null, staffIdent, null, today, now);
  return id ? { kind: "decided", decisionId: id, computed: p.computed } : { kind: "not-found" };
}

/** The second caseworker approves the proposal: it is recomputed (the register may have moved) and takes effect, with both idents. */
export async function approveAbroadProposal(db: Db, applicationId: string, approverIdent: string, today: IsoDate, now = new Date()): Promise<DecideAbroadResult> {
  const pending = await pendingProposal(db, { subjectKind: "abroad", id: applicationId });
  if (!pending || pending.status !== ABROAD_PROPOSAL || pending.by === approverIdent) return { kind: "not-found" };
  const taken = await takeProposal(db, { subjectKind: "abroad", id: applicationId }, pending.by);
  const input = abroadDecisionInputSchema.safeParse(taken?.payload);
  if (!taken || !input.success) return { kind: "not-found" };
  const p = await previewDecision(db, applicationId, input.data, today);
  if (p.kind !== "ok") return p;
  const id = await takeEffect(db, applicationId, p.computed, input.data.note || null, taken.by, approverIdent, today, now);
  return id ? { kind: "decided", decisionId: id, computed: p.computed } : { kind: "not-found" };
}

async function takeEffect(
  db: Db,
  applicationId: string,
  computed: ComputedDecision,
  note: string | null,
  decidedBy: string,
  approvedBy: string | null,
  today: IsoDate,
  now: Date,
): Promise<string | null> {
  const rec = await recordDecision(db, { applicationId, computed, note, decidedBy, approvedBy, decidedOn: today, now });
  if (!rec) return null;
  await syncEgenandeler(db, rec.app.personId, rec.app.data.reference ?? rec.app.id, rec.previous?.lines ?? [], computed, today);
  await notify(
    db,
    rec.app.personId,
    "case-status",
    {
      reference: rec.app.data.reference ?? "",
      kind: "abroad-refund",
      status: "decided",
      outcome: computed.outcome,
      refundOre: computed.refundOre,
      repaymentOre: rec.repaymentOre,
      applicationId: rec.app.id,
    },
    `abroad:${rec.app.id}:decision:${rec.decision.seq}`,
  );
  return rec.decision.id;
}

const claimIdOf = (reference: string, invoiceNo: number, lineNo: number) => `${reference}-${invoiceNo + 1}-${lineNo + 1}`;

/**
 * The egenandel deducted on each approved line counts towards the ceiling: registered through the
 * register's one writer (idempotent per application line, as the status CLI did). A decision that
 * supersedes another corrects or cancels what the earlier one registered.
 */
async function syncEgenandeler(db: Db, personId: string, reference: string, before: readonly AbroadDecisionLineRow[], computed: ComputedDecision, today: IsoDate) {
  const source = { kind: "abroad", reference } as const;
  const old = new Map(before.map((l) => [claimIdOf(reference, l.invoiceNo, l.lineNo), l.egenandelOre]));
  const requests: RegisterRequest[] = [];
  for (const l of computed.lines) {
    const claimId = claimIdOf(reference, l.invoiceNo, l.lineNo);
    const was = old.get(claimId) ?? ZERO_ORE;
    const key = { orgnr: ABROAD_PROVIDER.orgnr, claimId };
    if (was === l.egenandelOre) continue;
    if (was > 0 && l.egenandelOre === 0) requests.push({ op: "cancel", source, key, reason: "superseded by a new decision" });
    else if (was > 0) requests.push({ op: "correct", source, key, amountOre: l.egenandelOre, reason: "superseded by a new decision" });
    else if (l.treatmentDate) {
      const claim = {
        orgnr: ABROAD_PROVIDER.orgnr,
        claimId,
        providerName: ABROAD_PROVIDER.name,
        serviceDate: l.treatmentDate,
        serviceType: "fysioterapi" as const,
        amountOre: l.egenandelOre,
        paid: true,
        paidDate: l.treatmentDate,
      };
      requests.push({ op: "register", source, person: { personId }, claim, hash: registrationHash({ ...claim, person: personId }), provider: ABROAD_PROVIDER });
    }
  }
  if (requests.length) await applyRegisterRequests(db, requests, today);
}

// ---------------------------------------------------------------------------------------------
// Appeals (klage) on a decided refund claim abroad.

export type AbroadAppealResult = { ok: true } | { ok: false; reason: "not-found" | "not-decided" | "deadline-passed" };

/** The last decision of an application, or null. */
export async function lastAbroadDecision(db: Db, applicationId: string): Promise<AbroadDecisionWithLines | null> {
  return (await listDecisions(db, applicationId)).at(-1) ?? null;
}

/**
 * The resident appeals the last decision within six weeks (forvaltningsloven § 29) with text and/or
 * a checked file: the application comes back to the queue as "appealed".
 */
export async function appealAbroad(
  db: Db,
  personId: string,
  applicationId: string,
  appeal: { text: string; uploadId: string | null },
  today: IsoDate,
  now = new Date(),
): Promise<AbroadAppealResult> {
  const app = await findApplication(db, applicationId);
  if (!app || app.personId !== personId) return { ok: false, reason: "not-found" };
  const last = await lastAbroadDecision(db, applicationId);
  if (!last || !["decided", "paid"].includes(app.status)) return { ok: false, reason: "not-decided" };
  if (today > abroadAppealDeadline(last.decidedOn)) return { ok: false, reason: "deadline-passed" };
  const moved = await applyTransition(db, applicationId, "appealed", appeal.text || undefined, now, { personId, uploadId: appeal.uploadId, onlyFrom: ["decided", "paid"] });
  if (!moved?.fresh) return { ok: false, reason: "not-decided" };
  await notify(db, personId, "case-status", { reference: app.data.reference ?? "", kind: "abroad-refund", status: "appealed" }, `abroad:${app.id}:appealed:${now.toISOString()}`);
  return { ok: true };
}

/**
 * The caseworker handles an appeal: "reverse" sends the application back to be decided again (the
 * new decision supersedes the old; both are kept), "forward" upholds the decision and sends the
 * appeal to the appeal body. Reasons are required; the resident gets a letter either way.
 */
export async function handleAbroadAppeal(db: Db, applicationId: string, outcome: "reverse" | "forward", reason: string, now = new Date()): Promise<boolean> {
  const to: AdvanceTarget = outcome === "reverse" ? "under-review" : "appeal-forwarded";
  const moved = await applyTransition(db, applicationId, to, reason, now, { onlyFrom: ["appealed"] });
  if (!moved?.fresh) return false;
  await notify(
    db,
    moved.app.personId,
    "case-status",
    { reference: moved.app.data.reference ?? "", kind: "abroad-refund", status: to, reason, applicationId: moved.app.id },
    `abroad:${moved.app.id}:${to}:${now.toISOString()}`,
  );
  return true;
}

export { listAbroadPayouts, listDecisions } from "~/models/abroad-decision.server";

export { lastAppealOutcome } from "~/domain/appeal";
