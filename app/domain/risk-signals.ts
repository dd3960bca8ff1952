/**
 * Scoring the risk signals of post-payment control (issue 20, part 4), pure. The metrics come
 * from SQL (app/models/risk-signals.server.ts, one row per provider and per therapist); the rules
 * (threshold as a percentile of the population, floor, weight, cap) from
 * app/rules/parameters/risk-signals.ts. A subject's score is the sum of its signals' parts, and
 * each part says its value, the threshold it was measured against and how much it adds:
 *
 *   threshold = max(floor, percentile p of the values of every subject of the same level with support)
 *   part      = value ≥ threshold and value > 0 ? weight × min(cap, value / threshold) : 0
 *
 * Providers are ranked among providers and therapists among therapists.
 */
import type { IsoDate } from "../kernel/types";
import { valueAt } from "../rules/parameter";
import { RISK_SIGNAL_IDS, RISK_SIGNAL_RULES, type RiskSignalId, type RiskSignalRule } from "../rules/parameters/risk-signals";

/** The counts the SQL aggregation stores per subject (risk_subjects.metrics). */
export interface RawRiskMetrics {
  lines: number;
  patients: number;
  refusjonOre: number;
  shortPatients: number;
  maxSeries: number;
  maxSeriesRefusjonOre: number;
  /** Mean over qualifying patients of (treatments per day × minutes) after the frikort ÷ before; null without any. */
  frikortRatio: number | null;
  frikortPatients: number;
  patternPatients: number;
  topPattern: number;
  days: number;
  fullDays: number;
  earlyLate: number;
  offDayLines: number;
  overlap: number;
  afterDeath: number;
  examinationsHeld: number;
  reports: number;
}

export interface SubjectMetricsRow {
  providerOrgnr: string;
  /** '' for the provider as a whole. */
  therapistHpr: string;
  providerName: string | null;
  therapistName: string | null;
  raw: RawRiskMetrics;
  /** Refusjon per takst, øre. */
  takstRefusjon: Record<string, number>;
}

/** The facts of one new claim line the running aggregates need (incremental update). */
export interface RiskLineFacts {
  providerOrgnr: string;
  therapistHpr: string;
  personId: string;
  takst: string;
  serviceDate: IsoDate;
  startMinute: number;
  minutes: number;
  outcome: string;
  refusjonOre: number;
  disposition: string;
  overlap: boolean;
  afterDeath: boolean;
  examinationsHeld: boolean;
}

/** The control flags of a line, from its stored control results. */
export function lineControlFlags(outcome: string, controls: ReadonlyArray<{ rule: string; result: string }>): { overlap: boolean; afterDeath: boolean; examinationsHeld: boolean } {
  const has = (rule: string, result: string) => controls.some((c) => c.rule === rule && c.result === result);
  return {
    overlap: outcome === "avvist" && has("claim.overlap", "avvist"),
    afterDeath: outcome === "avvist" && has("claim.patient-alive", "avvist"),
    examinationsHeld: outcome === "til-kontroll" && (has("claim.examination-interval", "til-kontroll") || has("claim.examination-count", "til-kontroll")),
  };
}

export interface SignalValue {
  value: number;
  /** How many patients, days or lines the value rests on (compared with the rule's minSupport). */
  support: number;
  /** For refund-takst: the takst where the value is highest. */
  takst?: string;
}

const safeDiv = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Each signal's value for one subject (refund-takst needs the population: see scoreSubjects). */
export function signalValues(m: RawRiskMetrics): Record<Exclude<RiskSignalId, "refund-takst">, SignalValue> {
  return {
    "refund-total": { value: m.refusjonOre, support: m.lines },
    "few-patients-long-series": { value: safeDiv(m.lines, m.patients), support: m.patients },
    "many-patients-short-series": { value: safeDiv(m.shortPatients, m.patients), support: m.patients },
    "long-series-patient": { value: m.maxSeries, support: m.patients },
    "early-late": { value: safeDiv(m.earlyLate, m.lines), support: m.lines },
    "off-days": { value: safeDiv(m.offDayLines, m.lines), support: m.lines },
    "frikort-increase": { value: m.frikortRatio ?? 0, support: m.frikortPatients },
    "no-gaps": { value: safeDiv(m.fullDays, m.days), support: m.days },
    "same-takst-series": { value: safeDiv(m.topPattern, m.patternPatients), support: m.patternPatients },
    overlap: { value: m.overlap, support: m.overlap },
    "after-death": { value: m.afterDeath, support: m.afterDeath },
    "patient-reports": { value: m.reports, support: m.reports },
    "examinations-in-a-row": { value: m.examinationsHeld, support: m.examinationsHeld },
  };
}

/** Linear-interpolation percentile (as PostgreSQL's percentile_cont) of a list of numbers; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface SignalPart {
  signal: RiskSignalId;
  value: number;
  threshold: number;
  support: number;
  /** Whether the subject has enough support for the signal to be measured at all. */
  eligible: boolean;
  /** Points this signal adds to the score (0 below the threshold). */
  part: number;
  takst?: string;
}

export interface ScoredSubject {
  providerOrgnr: string;
  therapistHpr: string;
  providerName: string | null;
  therapistName: string | null;
  score: number;
  /** Every signal, in RISK_SIGNAL_IDS order. */
  parts: SignalPart[];
  lines: number;
  patients: number;
  refusjonOre: number;
}

export type SignalRules = Readonly<Record<RiskSignalId, RiskSignalRule>>;

/** The rules in force on `date`. */
export function signalRulesAt(date: IsoDate): SignalRules {
  return Object.fromEntries(RISK_SIGNAL_IDS.map((id) => [id, valueAt(RISK_SIGNAL_RULES[id], date)])) as Record<RiskSignalId, RiskSignalRule>;
}

function partOf(rule: RiskSignalRule, value: number, threshold: number): number {
  if (!(value > 0) || value < threshold || threshold <= 0) return 0;
  return Math.round(rule.weight * Math.min(rule.cap, value / threshold) * 10) / 10;
}

/** Thresholds of one level (providers or therapists): per signal, and per takst for refund-takst. */
export interface LevelThresholds {
  signal: Record<Exclude<RiskSignalId, "refund-takst">, number>;
  takst: Record<string, number>;
}

export function levelThresholds(rows: readonly SubjectMetricsRow[], rules: SignalRules): LevelThresholds {
  const values = rows.map((r) => signalValues(r.raw));
  const signal = {} as Record<Exclude<RiskSignalId, "refund-takst">, number>;
  for (const id of RISK_SIGNAL_IDS) {
    if (id === "refund-takst") continue;
    const rule = rules[id];
    const population = values.map((v) => v[id]).filter((v) => v.support >= rule.minSupport && v.support > 0);
    signal[id] = Math.max(
      rule.floor,
      percentile(
        population.map((v) => v.value),
        rule.percentile,
      ),
    );
  }
  const byTakst = new Map<string, number[]>();
  for (const r of rows)
    for (const [takst, ore] of Object.entries(r.takstRefusjon)) {
      if (ore <= 0) continue;
      const list = byTakst.get(takst);
      if (list) list.push(ore);
      else byTakst.set(takst, [ore]);
    }
  const takst: Record<string, number> = {};
  const tr = rules["refund-takst"];
  for (const [code, list] of byTakst) takst[code] = Math.max(tr.floor, percentile(list, tr.percentile));
  return { signal, takst };
}

/** Scores every subject of one level against that level's own distribution; highest score first. */
export function scoreSubjects(rows: readonly SubjectMetricsRow[], rules: SignalRules): ScoredSubject[] {
  const th = levelThresholds(rows, rules);
  const out = rows.map((r): ScoredSubject => {
    const v = signalValues(r.raw);
    const parts: SignalPart[] = RISK_SIGNAL_IDS.map((id) => {
      const rule = rules[id];
      if (id === "refund-takst") {
        // The takst where refusjon is highest against its own threshold; the value is that ratio × the floor-free threshold 1.
        let best: { takst: string; ratio: number } | null = null;
        for (const [takst, ore] of Object.entries(r.takstRefusjon)) {
          const t = th.takst[takst];
          if (!t || ore <= 0) continue;
          const ratio = ore / t;
          if (!best || ratio > best.ratio) best = { takst, ratio };
        }
        const value = best ? Math.round(best.ratio * 1000) / 1000 : 0;
        const part = value >= 1 ? Math.round(rule.weight * Math.min(rule.cap, value) * 10) / 10 : 0;
        return { signal: id, value, threshold: 1, support: r.raw.lines, eligible: r.raw.lines >= rule.minSupport, part, ...(best ? { takst: best.takst } : {}) };
      }
      const sv = v[id];
      const eligible = sv.support >= rule.minSupport && sv.support > 0;
      const threshold = th.signal[id];
      return { signal: id, value: sv.value, threshold, support: sv.support, eligible, part: eligible ? partOf(rule, sv.value, threshold) : 0 };
    });
    const score = Math.round(parts.reduce((s, p) => s + p.part, 0) * 10) / 10;
    return {
      providerOrgnr: r.providerOrgnr,
      therapistHpr: r.therapistHpr,
      providerName: r.providerName,
      therapistName: r.therapistName,
      score,
      parts,
      lines: r.raw.lines,
      patients: r.raw.patients,
      refusjonOre: r.raw.refusjonOre,
    };
  });
  return out.sort((a, b) => b.score - a.score || b.refusjonOre - a.refusjonOre || a.providerOrgnr.localeCompare(b.providerOrgnr) || a.therapistHpr.localeCompare(b.therapistHpr));
}

export type RiskLevel = "provider" | "therapist";

/** Splits the rows into providers and therapists and scores each level on its own. */
export function rankRisk(rows: readonly SubjectMetricsRow[], rules: SignalRules, level: RiskLevel): ScoredSubject[] {
  return scoreSubjects(
    rows.filter((r) => (level === "provider" ? r.therapistHpr === "" : r.therapistHpr !== "")),
    rules,
  );
}

/** Subjects ranked by one signal's part, then its value (for "top for its signal"). */
export function rankBySignal(scored: readonly ScoredSubject[], signal: RiskSignalId): ScoredSubject[] {
  const partOfS = (s: ScoredSubject) => s.parts.find((p) => p.signal === signal)!;
  return [...scored].sort((a, b) => partOfS(b).part - partOfS(a).part || partOfS(b).value - partOfS(a).value);
}
