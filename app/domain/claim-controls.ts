/**
 * The automatic controls a physiotherapist's treatment claim meets at receipt (pure; the rules and
 * their parameters are data in app/rules/parameters/claim-controls.ts). Every line gets every
 * control's result; a line is rejected (`avvist`) when one control rejects it, held for control
 * (`til-kontroll`) when one holds it, and approved (`godkjent`) otherwise.
 *
 * Claims are controlled in the order they arrive, each seeing the lines before it: the stored
 * history (read once, set-based, for every therapist-day and patient-year a batch touches) and the
 * earlier lines of the same claim or batch. A rejected line is not part of anyone's history.
 */
import { isSupportedYear } from "../rules/parameters/egenandelstak";
import {
  type ClaimRuleId,
  type ControlAction,
  dateAfterBirthRule,
  dateInTablesRule,
  dateNotFutureRule,
  examinationCountRule,
  examinationIntervalRule,
  groupSizeRule,
  minutesRule,
  overlapRule,
  patientAliveRule,
  takstValidRule,
} from "../rules/parameters/claim-controls";
import { ENDED_TAKSTER, findTakst, isTakstCode, TAKST_INFO, type TakstCode, type TakstKind, type TakstRow } from "../rules/parameters/physio-takster";
import { entryAt, type Parameter } from "../rules/parameter";
import { daysBetween, yearOf } from "../kernel/dates";
import type { IsoDate } from "../kernel/types";

export interface ClaimLineInput {
  takst: string;
  date: IsoDate;
  /** "HH:MM", 24-hour, Europe/Oslo. */
  startTime: string;
  minutes: number;
  groupSize: number | null;
}

export interface ClaimToControl {
  personId: string;
  therapistHpr: string;
  lines: readonly ClaimLineInput[];
}

export interface PatientFacts {
  birthDate: IsoDate | null;
  diedOn: IsoDate | null;
}

/** An earlier claim line that was not rejected: what the overlap and examination controls look at. */
export interface HistoryLine {
  personId: string;
  therapistHpr: string;
  takst: string;
  date: IsoDate;
  startMinute: number;
  minutes: number;
}

export type ControlResultKind = "ok" | "skipped" | ControlAction;

export type ControlReason =
  | "takst-unknown"
  | "takst-ended"
  | "takst-not-yet-valid"
  | "date-in-future"
  | "date-before-birth"
  | "date-outside-tables"
  | "patient-dead"
  | "group-size-missing"
  | "group-size-out-of-range"
  | "group-size-on-individual"
  | "minutes-below-takst"
  | "overlap"
  | "examination-count"
  | "examination-interval";

export interface ControlResult {
  rule: ClaimRuleId;
  result: ControlResultKind;
  reason?: ControlReason;
  /** Facts behind a failed result (no personal data): the limit, the count, the overlapping time, the date of death. */
  detail?: Record<string, string | number>;
}

export type LineOutcome = "godkjent" | "avvist" | "til-kontroll";

export interface ControlledLine {
  lineNo: number;
  input: ClaimLineInput;
  /** The takst row in force on the date, or null when the takst is not valid then. */
  takst: TakstRow | null;
  kind: TakstKind | null;
  startMinute: number;
  controls: ControlResult[];
  outcome: LineOutcome;
}

export interface ControlContext {
  today: IsoDate;
  persons: ReadonlyMap<string, PatientFacts>;
  history: readonly HistoryLine[];
}

/** "07:30" → 450. Throws on anything else (the schema checks the form first). */
export function minuteOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The rule's value on the date; before its first value, its first value (a control never silently stops). */
function ruleAt<T>(p: Parameter<T>, date: IsoDate): T {
  const e = entryAt(p, date) ?? p.values[p.values.length - 1]!;
  if (e.value === null) throw new Error(`rule ${p.id} has ended on ${date}`);
  return e.value;
}

/** Kinds that take the therapist's time; of those, the ones that need the full attention. */
const OCCUPIES: ReadonlySet<TakstKind> = new Set(["examination", "individual", "group"]);
const EXCLUSIVE: ReadonlySet<TakstKind> = new Set(["examination", "individual"]);

function kindOf(takst: string): TakstKind | null {
  return isTakstCode(takst) ? TAKST_INFO[takst].kind : null;
}

/** Whether two intervals of the same day share more than `tolerance` minutes. */
function overlaps(aStart: number, aMinutes: number, bStart: number, bMinutes: number, tolerance: number): boolean {
  const shared = Math.min(aStart + aMinutes, bStart + bMinutes) - Math.max(aStart, bStart);
  return shared > tolerance;
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The takst's validity on the date: the row, or why there is none. */
function takstOn(code: string, date: IsoDate): { row: TakstRow } | { reason: ControlReason; detail?: Record<string, string> } {
  if (isTakstCode(code)) {
    const row = findTakst(code, date);
    return row ? { row } : { reason: "takst-not-yet-valid" };
  }
  const ended = ENDED_TAKSTER[code];
  if (ended) return { reason: "takst-ended", detail: { validTo: ended.validTo } };
  return { reason: "takst-unknown" };
}

/**
 * Controls claims in order. Returns, per claim, its lines with every control's result and the
 * line's outcome. Pure: the caller reads the history and the patients' facts first.
 */
export function controlClaims(claims: readonly ClaimToControl[], ctx: ControlContext): ControlledLine[][] {
  // The history, indexed: a therapist's time-taking lines per day, a patient's examinations.
  const byTherapistDay = new Map<string, Array<{ start: number; minutes: number; kind: TakstKind }>>();
  const examsByPerson = new Map<string, Array<{ code: string; date: IsoDate }>>();
  const remember = (h: { personId: string; therapistHpr: string; takst: string; date: IsoDate; startMinute: number; minutes: number }) => {
    const kind = kindOf(h.takst);
    if (kind && OCCUPIES.has(kind)) {
      const k = `${h.therapistHpr}|${h.date}`;
      const list = byTherapistDay.get(k) ?? [];
      list.push({ start: h.startMinute, minutes: h.minutes, kind });
      byTherapistDay.set(k, list);
    }
    if (kind === "examination") {
      const list = examsByPerson.get(h.personId) ?? [];
      list.push({ code: h.takst, date: h.date });
      examsByPerson.set(h.personId, list);
    }
  };
  for (const h of ctx.history) remember(h);

  return claims.map((claim) => {
    const facts = ctx.persons.get(claim.personId) ?? { birthDate: null, diedOn: null };
    return claim.lines.map((input, i): ControlledLine => {
      const date = input.date;
      const startMinute = minuteOfDay(input.startTime);
      const controls: ControlResult[] = [];
      const add = (rule: ClaimRuleId, result: ControlResultKind, reason?: ControlReason, detail?: ControlResult["detail"]) => {
        const r: ControlResult = { rule, result };
        if (reason) r.reason = reason;
        if (detail) r.detail = detail;
        controls.push(r);
      };

      // The takst in force on the date.
      const valid = takstOn(input.takst, date);
      const takst = "row" in valid ? valid.row : null;
      const kind = takst ? TAKST_INFO[takst.code as TakstCode].kind : null;
      if ("row" in valid) add("claim.takst-valid", "ok");
      else add("claim.takst-valid", ruleAt(takstValidRule, date).action, valid.reason, valid.detail);

      // The date against today, the patient's life and the tables.
      if (date > ctx.today) add("claim.date-not-future", ruleAt(dateNotFutureRule, date).action, "date-in-future");
      else add("claim.date-not-future", "ok");
      if (facts.birthDate === null) add("claim.date-after-birth", "skipped");
      else if (date < facts.birthDate) add("claim.date-after-birth", ruleAt(dateAfterBirthRule, date).action, "date-before-birth");
      else add("claim.date-after-birth", "ok");
      if (!isSupportedYear(yearOf(date))) add("claim.date-in-tables", ruleAt(dateInTablesRule, date).action, "date-outside-tables");
      else add("claim.date-in-tables", "ok");
      if (facts.diedOn !== null && date > facts.diedOn) add("claim.patient-alive", ruleAt(patientAliveRule, date).action, "patient-dead", { diedOn: facts.diedOn });
      else add("claim.patient-alive", "ok");

      // What the takst's text says about group size and minutes.
      const info = takst ? TAKST_INFO[takst.code as TakstCode] : null;
      if (!info) add("claim.group-size", "skipped");
      else if (info.groupSize) {
        const action = ruleAt(groupSizeRule, date).action;
        if (input.groupSize === null) add("claim.group-size", action, "group-size-missing", { min: info.groupSize.min, max: info.groupSize.max });
        else if (input.groupSize < info.groupSize.min || input.groupSize > info.groupSize.max) {
          add("claim.group-size", action, "group-size-out-of-range", { min: info.groupSize.min, max: info.groupSize.max, groupSize: input.groupSize });
        } else add("claim.group-size", "ok");
      } else if (EXCLUSIVE.has(info.kind) && input.groupSize !== null && input.groupSize > 1) {
        add("claim.group-size", ruleAt(groupSizeRule, date).action, "group-size-on-individual", { groupSize: input.groupSize });
      } else add("claim.group-size", "ok");
      if (!info || info.minMinutes === undefined) add("claim.minutes", "skipped");
      else if (input.minutes < info.minMinutes)
        add("claim.minutes", ruleAt(minutesRule, date).action, "minutes-below-takst", { minMinutes: info.minMinutes, minutes: input.minutes });
      else add("claim.minutes", "ok");

      // Overlap with the same therapist's other treatments that day (merknad A1).
      if (!kind || !OCCUPIES.has(kind)) add("claim.overlap", "skipped");
      else {
        const rule = ruleAt(overlapRule, date);
        const others = byTherapistDay.get(`${claim.therapistHpr}|${date}`) ?? [];
        const hit = others.find((o) => (EXCLUSIVE.has(kind) || EXCLUSIVE.has(o.kind)) && overlaps(startMinute, input.minutes, o.start, o.minutes, rule.toleranceMinutes));
        if (hit) add("claim.overlap", rule.action, "overlap", { otherStart: hhmm(hit.start), otherMinutes: hit.minutes });
        else add("claim.overlap", "ok");
      }

      // Examinations of the same patient: how many this year, and how close to another.
      if (kind !== "examination" || !takst) {
        add("claim.examination-count", "skipped");
        add("claim.examination-interval", "skipped");
      } else {
        const exams = examsByPerson.get(claim.personId) ?? [];
        const count = ruleAt(examinationCountRule, date);
        const sameYear = exams.filter((e) => (count.codes as string[]).includes(e.code) && yearOf(e.date) === yearOf(date)).length;
        if (sameYear >= count.maxPerYear) add("claim.examination-count", count.action, "examination-count", { maxPerYear: count.maxPerYear, earlier: sameYear });
        else add("claim.examination-count", "ok");
        const interval = ruleAt(examinationIntervalRule, date);
        const near = exams.find((e) => (interval.codes as string[]).includes(e.code) && Math.abs(daysBetween(e.date, date)) < interval.minDaysBetween);
        if (near) add("claim.examination-interval", interval.action, "examination-interval", { minDaysBetween: interval.minDaysBetween, otherDate: near.date });
        else add("claim.examination-interval", "ok");
      }

      const outcome: LineOutcome = controls.some((c) => c.result === "avvist") ? "avvist" : controls.some((c) => c.result === "til-kontroll") ? "til-kontroll" : "godkjent";
      if (outcome !== "avvist") remember({ personId: claim.personId, therapistHpr: claim.therapistHpr, takst: input.takst, date, startMinute, minutes: input.minutes });
      return { lineNo: i + 1, input, takst, kind, startMinute, controls, outcome };
    });
  });
}

/** A claim's outcome from its lines: held when any line is held; approved when any line is paid; rejected when none is. */
export function claimOutcome(lines: readonly { outcome: LineOutcome }[]): LineOutcome {
  if (lines.some((l) => l.outcome === "til-kontroll")) return "til-kontroll";
  if (lines.some((l) => l.outcome === "godkjent")) return "godkjent";
  return "avvist";
}
