/**
 * A control case against a provider (etterkontroll, issue 20 part 5), pure: its states as a tagged
 * union, the one transition function that moves it, and the amount to be repaid.
 *
 * Seed 000, "Ordinær saksgang i en kontroll":
 *   opened → innhenting (letter asking for journal documentation for selected claim lines)
 *          → vurdert (per line: documented / not documented / wrong takst / not performed)
 *          → varslet (advance notice with the amount, forvaltningsloven § 16)
 *          → tilsvar (the provider's answer) → ny-vurdering → vedtak (tilbakekreving)
 *          → klage → upheld (sent to klageinstans) | changed (a new vedtak) | reversed.
 * An appeal received after the appeal deadline is registered as late (klage-for-sent) and waits for
 * a decision of its own under forvaltningsloven § 31: considered all the same (the party cannot be
 * blamed for the delay, or there are special reasons; never when more than a year has passed since
 * the vedtak), after which it is an appeal like any other, or dismissed (klage-avvist, a letter).
 * A case may be closed without repayment (henlagt) at any point before a vedtak. A transition that
 * the state does not allow is refused with a code (translated in app/i18n/control.ts); nothing is
 * ever edited: each accepted transition is a new event row with the state after it.
 */
import { addDays, nthBirthday } from "../kernel/dates";
import { minOre, subOre, sumOre, ZERO_ORE } from "../kernel/money";
import type { IsoDate, Ore } from "../kernel/types";
import { findTakst, isTakstCode, TAKST_ROWS, type TakstCode, type TakstRow } from "../rules/parameters/physio-takster";
import type { EgenandelDisposition } from "./claims";
import { lineMoney } from "./claims";

export const ASSESSMENTS = ["documented", "not-documented", "wrong-takst", "not-performed"] as const;
export type AssessmentResult = (typeof ASSESSMENTS)[number];

/** What a control needs of a claim line (claim_lines): what was billed and what was paid. */
export interface ControlLine {
  id: string;
  takst: string;
  serviceDate: IsoDate;
  /** What Helfo paid the provider for the line. */
  refusjonOre: Ore;
  egenandelDisposition: EgenandelDisposition | string;
}

export interface LineAssessment {
  lineId: string;
  result: AssessmentResult;
  /** For wrong-takst: the takst the documentation supports. */
  correctTakst: string | null;
}

export interface AssessedLine extends LineAssessment {
  paidOre: Ore;
  /** What the line should have paid: 0 when not documented or not performed, the correct takst's refusjon for wrong-takst. */
  dueOre: Ore;
  repayOre: Ore;
}

export interface Assessment {
  lines: AssessedLine[];
  totalOre: Ore;
}

export type KlageOutcome = "upheld" | "changed" | "reversed";

/** What the controller decides about an appeal received after the deadline (forvaltningsloven § 31). */
export const LATE_APPEAL_DECISIONS = ["behandles", "avvises"] as const;
export type LateAppealDecision = (typeof LATE_APPEAL_DECISIONS)[number];
/**
 * Why a late appeal is considered all the same, forvaltningsloven § 31 first paragraph: (a) the party
 * (or its representative) cannot be blamed for missing the deadline or for the delay after it;
 * (b) there are special reasons why it is reasonable that the appeal is tried.
 */
export const LATE_APPEAL_GROUNDS = ["not-to-blame", "special-reasons"] as const;
export type LateAppealGround = (typeof LATE_APPEAL_GROUNDS)[number];

interface Selected {
  lineIds: string[];
}
interface Assessed extends Selected {
  assessment: Assessment;
}
interface Decided extends Assessed {
  decidedOn: IsoDate;
  appealBy: IsoDate;
}

/** Every state a control case can be in. */
export type ControlState =
  | { tag: "opened" }
  | ({ tag: "innhenting"; requestedOn: IsoDate; deadline: IsoDate } & Selected)
  | ({ tag: "vurdert" } & Assessed)
  | ({ tag: "varslet"; noticeOn: IsoDate; deadline: IsoDate } & Assessed)
  | ({ tag: "tilsvar"; answeredOn: IsoDate; deadline: IsoDate } & Assessed)
  | ({ tag: "ny-vurdering" } & Assessed)
  | ({ tag: "vedtak" } & Decided)
  | ({ tag: "klage"; appealReceivedOn: IsoDate } & Decided)
  /** An appeal received after the deadline, waiting for the § 31 decision (consider it, or dismiss it). */
  | ({ tag: "klage-for-sent"; appealReceivedOn: IsoDate } & Decided)
  /** A late appeal dismissed: the vedtak stands; the dismissal is itself appealable by `complaintBy`. */
  | ({ tag: "klage-avvist"; appealReceivedOn: IsoDate; dismissedOn: IsoDate; complaintBy: IsoDate } & Decided)
  | ({ tag: "klage-oversendt"; forwardedOn: IsoDate } & Decided)
  | ({ tag: "omgjort"; reversedOn: IsoDate } & Selected)
  | { tag: "henlagt"; closedOn: IsoDate };

export type ControlStateTag = ControlState["tag"];
export const CONTROL_STATE_TAGS: readonly ControlStateTag[] = [
  "opened",
  "innhenting",
  "vurdert",
  "varslet",
  "tilsvar",
  "ny-vurdering",
  "vedtak",
  "klage",
  "klage-for-sent",
  "klage-avvist",
  "klage-oversendt",
  "omgjort",
  "henlagt",
];
/** States in which nothing more happens in this case. */
export const FINAL_TAGS: readonly ControlStateTag[] = ["klage-avvist", "klage-oversendt", "omgjort", "henlagt"];

/** What a controller does to a case. `on` is the day it happens (today, given by the caller). */
export type ControlCommand =
  | { kind: "innhenting"; lineIds: string[]; deadline: IsoDate }
  | { kind: "vurdering"; assessments: LineAssessment[] }
  | { kind: "varsel"; deadline: IsoDate }
  | { kind: "tilsvar"; note: string; hasFile: boolean }
  | { kind: "ny-vurdering"; assessments: LineAssessment[] }
  | { kind: "vedtak" }
  | { kind: "henlegg"; reason: string }
  | { kind: "klage"; receivedOn: IsoDate; text: string }
  | { kind: "sen-klage"; decision: LateAppealDecision; ground: LateAppealGround | null; reason: string }
  | { kind: "klage-behandling"; outcome: KlageOutcome; reason: string; assessments: LineAssessment[] | null };
export type ControlCommandKind = ControlCommand["kind"];

/** Why a transition was refused (each a translated message: `control.error.<code>`). */
export type TransitionError =
  | "not-allowed"
  | "no-lines"
  | "line-not-in-case"
  | "line-of-other-provider"
  | "line-not-paid"
  | "deadline-not-after-today"
  | "assessment-missing"
  | "assessment-duplicate"
  | "correct-takst-missing"
  | "correct-takst-invalid"
  | "correct-takst-same"
  | "nothing-to-repay"
  | "tilsvar-empty"
  | "reason-missing"
  | "klage-date-future"
  | "klage-date-before-vedtak"
  | "klage-empty"
  | "late-ground-missing"
  | "late-over-a-year";

export type TransitionResult = { ok: true; state: ControlState } | { ok: false; error: TransitionError };

export interface TransitionContext {
  today: IsoDate;
  /** The claim lines the command may refer to: the provider's, by id. */
  lines: ReadonlyMap<string, ControlLine>;
  /** Weeks to appeal a vedtak (forvaltningsloven § 29, a dated parameter); also the time to complain about a dismissal. */
  appealWeeks: number;
  /** Years after the vedtak after which a late appeal can never be considered (forvaltningsloven § 31 third paragraph). */
  lateAppealLimitYears: number;
  takstRows?: readonly TakstRow[];
}

/** Which commands each state takes (the table the UI shows its forms from; `transition` is the authority). */
export const ALLOWED: Readonly<Record<ControlStateTag, readonly ControlCommandKind[]>> = {
  opened: ["innhenting", "henlegg"],
  innhenting: ["vurdering", "henlegg"],
  vurdert: ["vurdering", "varsel", "henlegg"],
  varslet: ["tilsvar", "ny-vurdering", "henlegg"],
  tilsvar: ["tilsvar", "ny-vurdering", "henlegg"],
  "ny-vurdering": ["ny-vurdering", "vedtak", "henlegg"],
  vedtak: ["klage"],
  klage: ["klage-behandling"],
  "klage-for-sent": ["sen-klage"],
  "klage-avvist": [],
  "klage-oversendt": [],
  omgjort: [],
  henlagt: [],
};

export function allowedCommands(state: ControlState): readonly ControlCommandKind[] {
  return ALLOWED[state.tag];
}

const fail = (error: TransitionError): TransitionResult => ({ ok: false, error });

/**
 * What one claim line's assessment means in money (øre). Documented: nothing to repay. Not
 * documented or not performed: all that was paid. Wrong takst: what was paid minus what the
 * correct takst would have paid on the same date with the same egenandel disposition (dated takst
 * table); never below zero — a control does not pay more.
 */
export function repaymentFor(
  line: ControlLine,
  a: LineAssessment,
  rows: readonly TakstRow[] = TAKST_ROWS,
): { ok: true; line: AssessedLine } | { ok: false; error: "correct-takst-missing" | "correct-takst-invalid" | "correct-takst-same" } {
  const paidOre = line.refusjonOre;
  const base = { lineId: line.id, result: a.result, correctTakst: null as string | null, paidOre };
  switch (a.result) {
    case "documented":
      return { ok: true, line: { ...base, dueOre: paidOre, repayOre: ZERO_ORE } };
    case "not-documented":
    case "not-performed":
      return { ok: true, line: { ...base, dueOre: ZERO_ORE, repayOre: paidOre } };
    case "wrong-takst": {
      const code = (a.correctTakst ?? "").trim();
      if (!code) return { ok: false, error: "correct-takst-missing" };
      if (code === line.takst) return { ok: false, error: "correct-takst-same" };
      const row = isTakstCode(code) ? findTakst(code as TakstCode, line.serviceDate, rows) : null;
      if (!row) return { ok: false, error: "correct-takst-invalid" };
      const disposition = line.egenandelDisposition as EgenandelDisposition;
      const dueOre = minOre(paidOre, lineMoney(row, "godkjent", disposition).refusjonOre);
      return { ok: true, line: { ...base, correctTakst: code, dueOre, repayOre: subOre(paidOre, dueOre) } };
    }
  }
}

/** The assessment of every selected line, with the amount to repay per line and in total; exactly one per selected line. */
export function assess(
  lineIds: readonly string[],
  assessments: readonly LineAssessment[],
  lines: ReadonlyMap<string, ControlLine>,
  rows: readonly TakstRow[] = TAKST_ROWS,
): { ok: true; assessment: Assessment } | { ok: false; error: TransitionError } {
  const byId = new Map<string, LineAssessment>();
  for (const a of assessments) {
    if (!lineIds.includes(a.lineId)) return { ok: false, error: "line-not-in-case" };
    if (byId.has(a.lineId)) return { ok: false, error: "assessment-duplicate" };
    byId.set(a.lineId, a);
  }
  const out: AssessedLine[] = [];
  for (const id of lineIds) {
    const a = byId.get(id);
    const line = lines.get(id);
    if (!a || !line) return { ok: false, error: "assessment-missing" };
    const r = repaymentFor(line, a, rows);
    if (!r.ok) return r;
    out.push(r.line);
  }
  return { ok: true, assessment: { lines: out, totalOre: sumOre(out.map((l) => l.repayOre)) } };
}

/** The one way a control case moves: the state after `cmd`, or why it may not happen now. */
export function transition(state: ControlState, cmd: ControlCommand, ctx: TransitionContext): TransitionResult {
  if (!ALLOWED[state.tag].includes(cmd.kind)) return fail("not-allowed");
  const rows = ctx.takstRows ?? TAKST_ROWS;
  switch (cmd.kind) {
    case "innhenting": {
      const ids = [...new Set(cmd.lineIds)];
      if (ids.length === 0) return fail("no-lines");
      for (const id of ids) {
        const l = ctx.lines.get(id);
        if (!l) return fail("line-of-other-provider");
        if (l.refusjonOre <= 0) return fail("line-not-paid");
      }
      if (cmd.deadline <= ctx.today) return fail("deadline-not-after-today");
      return { ok: true, state: { tag: "innhenting", lineIds: ids, requestedOn: ctx.today, deadline: cmd.deadline } };
    }
    case "vurdering":
    case "ny-vurdering": {
      if (state.tag !== "innhenting" && state.tag !== "vurdert" && state.tag !== "varslet" && state.tag !== "tilsvar" && state.tag !== "ny-vurdering") return fail("not-allowed");
      const r = assess(state.lineIds, cmd.assessments, ctx.lines, rows);
      if (!r.ok) return fail(r.error);
      return { ok: true, state: { tag: cmd.kind === "vurdering" ? "vurdert" : "ny-vurdering", lineIds: state.lineIds, assessment: r.assessment } };
    }
    case "varsel": {
      if (state.tag !== "vurdert") return fail("not-allowed");
      if (state.assessment.totalOre <= 0) return fail("nothing-to-repay");
      if (cmd.deadline <= ctx.today) return fail("deadline-not-after-today");
      return { ok: true, state: { tag: "varslet", lineIds: state.lineIds, assessment: state.assessment, noticeOn: ctx.today, deadline: cmd.deadline } };
    }
    case "tilsvar": {
      if (state.tag !== "varslet" && state.tag !== "tilsvar") return fail("not-allowed");
      if (!cmd.note.trim() && !cmd.hasFile) return fail("tilsvar-empty");
      return { ok: true, state: { tag: "tilsvar", lineIds: state.lineIds, assessment: state.assessment, deadline: state.deadline, answeredOn: ctx.today } };
    }
    case "vedtak": {
      if (state.tag !== "ny-vurdering") return fail("not-allowed");
      if (state.assessment.totalOre <= 0) return fail("nothing-to-repay");
      return { ok: true, state: decided(state.lineIds, state.assessment, ctx) };
    }
    case "henlegg": {
      if (!cmd.reason.trim()) return fail("reason-missing");
      return { ok: true, state: { tag: "henlagt", closedOn: ctx.today } };
    }
    case "klage": {
      if (state.tag !== "vedtak") return fail("not-allowed");
      if (!cmd.text.trim()) return fail("klage-empty");
      if (cmd.receivedOn > ctx.today) return fail("klage-date-future");
      if (cmd.receivedOn < state.decidedOn) return fail("klage-date-before-vedtak");
      // after the deadline: registered as late, for a decision of its own under forvaltningsloven § 31
      if (cmd.receivedOn > state.appealBy) return { ok: true, state: { ...state, tag: "klage-for-sent", appealReceivedOn: cmd.receivedOn } };
      return { ok: true, state: { ...state, tag: "klage", appealReceivedOn: cmd.receivedOn } };
    }
    case "sen-klage": {
      if (state.tag !== "klage-for-sent") return fail("not-allowed");
      if (!cmd.reason.trim()) return fail("reason-missing");
      if (cmd.decision === "avvises") {
        return { ok: true, state: { ...state, tag: "klage-avvist", dismissedOn: ctx.today, complaintBy: addDays(ctx.today, ctx.appealWeeks * 7) } };
      }
      if (!cmd.ground) return fail("late-ground-missing");
      if (lateAppealPastLimit(state.decidedOn, state.appealReceivedOn, ctx.lateAppealLimitYears)) return fail("late-over-a-year");
      return { ok: true, state: { ...state, tag: "klage" } };
    }
    case "klage-behandling": {
      if (state.tag !== "klage") return fail("not-allowed");
      if (!cmd.reason.trim()) return fail("reason-missing");
      if (cmd.outcome === "upheld") {
        const { appealReceivedOn: _received, ...decidedState } = state;
        return { ok: true, state: { ...decidedState, tag: "klage-oversendt", forwardedOn: ctx.today } };
      }
      if (cmd.outcome === "reversed") return { ok: true, state: { tag: "omgjort", lineIds: state.lineIds, reversedOn: ctx.today } };
      // changed: a new vedtak on a new assessment (which must still claim something: otherwise it is a reversal)
      const r = assess(state.lineIds, cmd.assessments ?? [], ctx.lines, rows);
      if (!r.ok) return fail(r.error);
      if (r.assessment.totalOre <= 0) return fail("nothing-to-repay");
      return { ok: true, state: decided(state.lineIds, r.assessment, ctx) };
    }
  }
}

/**
 * Has more than the limit (one year, forvaltningsloven § 31 third paragraph) passed between the vedtak
 * and the appeal's arrival? Then the appeal can never be considered, only dismissed. Counted to the day
 * the appeal was received (our reading: the text says "since the vedtak was made").
 */
export function lateAppealPastLimit(decidedOn: IsoDate, receivedOn: IsoDate, years: number): boolean {
  return receivedOn > nthBirthday(decidedOn, years);
}

function decided(lineIds: string[], assessment: Assessment, ctx: TransitionContext): ControlState {
  return { tag: "vedtak", lineIds, assessment, decidedOn: ctx.today, appealBy: addDays(ctx.today, ctx.appealWeeks * 7) };
}

/** The lines a state has selected (none before innhenting or after henleggelse). */
export function selectedLineIds(state: ControlState): readonly string[] {
  return "lineIds" in state ? state.lineIds : [];
}

/** The current assessment, when there is one. */
export function currentAssessment(state: ControlState): Assessment | null {
  return "assessment" in state ? state.assessment : null;
}

/** Which letter to the provider an event is: the request, the notice, or a vedtak (also one an appeal changed); null for the other steps. */
export function letterKindOf(kind: string, after: ControlState): "innhenting" | "varsel" | "vedtak" | null {
  if (kind === "innhenting" && after.tag === "innhenting") return "innhenting";
  if (kind === "varsel" && after.tag === "varslet") return "varsel";
  if ((kind === "vedtak" || kind === "klage-behandling") && after.tag === "vedtak") return "vedtak";
  return null;
}

/** What a step does to the provider's receivables (what it owes back): create one, and/or close the open one. */
export interface ReceivableChange {
  /** The open receivable of the case is closed: replaced by a changed vedtak, or cancelled by a reversal. */
  close: "replaced" | "cancelled" | null;
  create: { amountOre: Ore; decidedOn: IsoDate; dueOn: IsoDate } | null;
}

/**
 * A vedtak om tilbakekreving (the first, or the new one a handled appeal made) makes the provider
 * owe its total, due `dueDays` after the vedtak; a new vedtak replaces the one before it, and a
 * reversed vedtak cancels it. An upheld appeal changes nothing (the vedtak stands).
 */
export function receivableChange(after: ControlState, dueDays: number): ReceivableChange {
  if (after.tag === "vedtak") {
    return { close: "replaced", create: { amountOre: after.assessment.totalOre, decidedOn: after.decidedOn, dueOn: addDays(after.decidedOn, dueDays) } };
  }
  if (after.tag === "omgjort") return { close: "cancelled", create: null };
  return { close: null, create: null };
}

/**
 * The letter answering an appeal that was not changed into a new vedtak: upheld (sent on to the appeal
 * body), reversed, or a late appeal dismissed (forvaltningsloven § 31); null otherwise.
 */
export function appealOutcomeLetterOf(kind: string, after: ControlState): "upheld" | "reversed" | "dismissed" | null {
  if (kind === "sen-klage") return after.tag === "klage-avvist" ? "dismissed" : null;
  if (kind !== "klage-behandling") return null;
  if (after.tag === "klage-oversendt") return "upheld";
  if (after.tag === "omgjort") return "reversed";
  return null;
}
