/**
 * The risk signals' subjects kept current claim by claim (issue 20, part 7), pure: given the new
 * claim lines and the rows they touch as they were before (each touched patient's series with every
 * therapist of the provider, the touched working days, the touched subjects), the rows as they are
 * after and each subject's metrics moved by the difference. A claim thus costs work in proportion
 * to its lines, not to its provider's history; app/models/risk-signals.server.ts reads the old rows
 * and writes these. The definitions are the full recompute's (the SQL in that file): what a series,
 * a working day and a subject's metric are does not change here, only how it is kept; a test
 * (test/db/risk-deltas.test.ts) checks that claims added one by one give the same rows as a
 * recompute from claim_lines.
 *
 * Two metrics are not sums: the mean frikort ratio is kept as an exact decimal sum (the model adds
 * the series' new ratio and subtracts its old one in SQL, so the figure is the recompute's to the
 * last digit), and the most common takst pattern's count as a count per pattern (risk_patterns).
 */
import type { IsoDate } from "../kernel/types";
import type { RiskMetricSettings } from "../rules/parameters/risk-signals";
import type { RawRiskMetrics, RiskLineFacts } from "./risk-signals";

/** One patient's series with one therapist at one provider (a risk_series row). */
export interface SeriesState {
  providerOrgnr: string;
  therapistHpr: string;
  personId: string;
  lines: number;
  refusjonOre: number;
  firstDate: IsoDate;
  lastDate: IsoDate;
  beforeLines: number;
  beforeMinutes: number;
  beforeFirst: IsoDate | null;
  beforeLast: IsoDate | null;
  afterLines: number;
  afterMinutes: number;
  afterFirst: IsoDate | null;
  afterLast: IsoDate | null;
  takstPattern: string[];
}

/** One therapist's working day at one provider (a risk_days row). */
export interface DayState {
  providerOrgnr: string;
  therapistHpr: string;
  serviceDate: IsoDate;
  lines: number;
  minutes: number;
  firstStart: number;
  lastEnd: number;
  earlyLate: number;
  offDay: boolean;
  overlap: number;
  afterDeath: number;
  examinationsHeld: number;
}

export interface SubjectState {
  providerOrgnr: string;
  /** '' for the provider as a whole. */
  therapistHpr: string;
  therapistName: string | null;
  metrics: RawRiskMetrics;
  takstRefusjon: Record<string, number>;
}

/** A new claim line with what the aggregates need besides its facts. */
export interface DeltaLine extends RiskLineFacts {
  /** Saturday, Sunday or a public holiday. */
  offDay: boolean;
  therapistName: string | null;
}

export interface SubjectWrite extends SubjectState {
  /** The frikort ratios of series that qualify now (new or changed), to add to the subject's exact sum. */
  frikortAdd: number[];
  /** The ratios those series had before, to subtract. */
  frikortSub: number[];
  /** A pattern's count went down: the most common pattern's count must be found again (else it is the old one or a touched pattern's new count). */
  recountPattern: boolean;
}

export interface PatternDelta {
  providerOrgnr: string;
  therapistHpr: string;
  takstPattern: string[];
  delta: number;
}

export interface RiskDeltas {
  series: SeriesState[];
  days: DayState[];
  patterns: PatternDelta[];
  subjects: SubjectWrite[];
}

export const ZERO_METRICS: Readonly<RawRiskMetrics> = {
  lines: 0,
  patients: 0,
  refusjonOre: 0,
  shortPatients: 0,
  maxSeries: 0,
  maxSeriesRefusjonOre: 0,
  frikortRatio: null,
  frikortPatients: 0,
  patternPatients: 0,
  topPattern: 0,
  days: 0,
  fullDays: 0,
  earlyLate: 0,
  offDayLines: 0,
  overlap: 0,
  afterDeath: 0,
  examinationsHeld: 0,
  reports: 0,
};

const dayNumber = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const minDate = (a: IsoDate | null, b: IsoDate | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxDate = (a: IsoDate | null, b: IsoDate | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Arrays of text as PostgreSQL orders them (element by element, a prefix first), by code point (the database's C collation). */
export function comparePatterns(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

type SeriesFigures = Omit<SeriesState, "providerOrgnr" | "therapistHpr" | "personId" | "firstDate" | "lastDate">;

/**
 * A series' frikort ratio (treatments per day × minutes after the frikort ÷ before), or null when it does not qualify:
 * the same floating-point operations in the same order as the SQL, so the same double.
 */
export function frikortRatio(x: SeriesFigures, s: RiskMetricSettings): number | null {
  if (!(x.beforeLines >= s.frikortMinLines && x.afterLines >= s.frikortMinLines && x.beforeMinutes > 0)) return null;
  const span = (first: IsoDate | null, last: IsoDate | null) => Math.max(dayNumber(last!) - dayNumber(first!) + 1, 7);
  return (
    ((x.afterLines / span(x.afterFirst, x.afterLast)) * (x.afterMinutes / x.afterLines)) / ((x.beforeLines / span(x.beforeFirst, x.beforeLast)) * (x.beforeMinutes / x.beforeLines))
  );
}

/** A patient's series with the provider as a whole: the sum of their series with its therapists (the SQL's `sp`). */
function providerSeries(rows: readonly SeriesState[]): SeriesFigures | null {
  if (!rows.length) return null;
  let pattern = rows[0]!.takstPattern;
  for (const r of rows) if (comparePatterns(r.takstPattern, pattern) < 0) pattern = r.takstPattern;
  return {
    lines: rows.reduce((n, r) => n + r.lines, 0),
    refusjonOre: rows.reduce((n, r) => n + r.refusjonOre, 0),
    beforeLines: rows.reduce((n, r) => n + r.beforeLines, 0),
    beforeMinutes: rows.reduce((n, r) => n + r.beforeMinutes, 0),
    beforeFirst: rows.reduce<IsoDate | null>((d, r) => minDate(d, r.beforeFirst), null),
    beforeLast: rows.reduce<IsoDate | null>((d, r) => maxDate(d, r.beforeLast), null),
    afterLines: rows.reduce((n, r) => n + r.afterLines, 0),
    afterMinutes: rows.reduce((n, r) => n + r.afterMinutes, 0),
    afterFirst: rows.reduce<IsoDate | null>((d, r) => minDate(d, r.afterFirst), null),
    afterLast: rows.reduce<IsoDate | null>((d, r) => maxDate(d, r.afterLast), null),
    takstPattern: pattern,
  };
}

const key = (...parts: string[]) => parts.join("\u0000");
const isBefore = (d: string) => d === "registered" || d === "reserved";

/** The rows after `lines` and each touched subject's new metrics. `series` holds every therapist's row of each touched (provider, patient). */
export function riskDeltas(
  lines: readonly DeltaLine[],
  old: { series: readonly SeriesState[]; days: readonly DayState[]; subjects: readonly SubjectState[] },
  s: RiskMetricSettings,
): RiskDeltas {
  const n = s.patternLength;
  const subjects = new Map<string, SubjectWrite>();
  for (const x of old.subjects)
    subjects.set(key(x.providerOrgnr, x.therapistHpr), {
      ...x,
      metrics: { ...ZERO_METRICS, ...x.metrics },
      takstRefusjon: { ...x.takstRefusjon },
      frikortAdd: [],
      frikortSub: [],
      recountPattern: false,
    });
  const subject = (providerOrgnr: string, therapistHpr: string, name: string | null) => {
    const k = key(providerOrgnr, therapistHpr);
    let x = subjects.get(k);
    if (!x) {
      x = { providerOrgnr, therapistHpr, therapistName: name, metrics: { ...ZERO_METRICS }, takstRefusjon: {}, frikortAdd: [], frikortSub: [], recountPattern: false };
      subjects.set(k, x);
    }
    return x;
  };
  const patterns = new Map<string, PatternDelta>();
  const movePattern = (x: SubjectWrite, pattern: readonly string[], delta: number) => {
    const k = key(x.providerOrgnr, x.therapistHpr, ...pattern);
    const p = patterns.get(k) ?? { providerOrgnr: x.providerOrgnr, therapistHpr: x.therapistHpr, takstPattern: [...pattern], delta: 0 };
    p.delta += delta;
    patterns.set(k, p);
  };

  /** A series of the subject went from `was` (null: none) to `now`. */
  const moveSeries = (x: SubjectWrite, was: SeriesFigures | null, now: SeriesFigures) => {
    const m = x.metrics;
    m.patients += was ? 0 : 1;
    m.lines += now.lines - (was?.lines ?? 0);
    m.refusjonOre += now.refusjonOre - (was?.refusjonOre ?? 0);
    m.shortPatients += Number(now.lines <= s.shortSeriesMaxLines) - Number(was !== null && was.lines <= s.shortSeriesMaxLines);
    m.maxSeries = Math.max(m.maxSeries, now.lines);
    m.maxSeriesRefusjonOre = Math.max(m.maxSeriesRefusjonOre, now.refusjonOre);
    const before = was ? frikortRatio(was, s) : null;
    const after = frikortRatio(now, s);
    if (before !== after) {
      if (before !== null) {
        x.frikortSub.push(before);
        m.frikortPatients -= 1;
      }
      if (after !== null) {
        x.frikortAdd.push(after);
        m.frikortPatients += 1;
      }
    }
    const wasFull = was !== null && was.takstPattern.length >= n;
    const nowFull = now.takstPattern.length >= n;
    if (wasFull && nowFull && comparePatterns(was.takstPattern, now.takstPattern) === 0) return;
    if (wasFull) {
      m.patternPatients -= 1;
      movePattern(x, was.takstPattern, -1);
    }
    if (nowFull) {
      m.patternPatients += 1;
      movePattern(x, now.takstPattern, 1);
    }
  };

  // Every line's subjects exist afterwards (a rejected line still makes a working day).
  for (const l of lines) {
    subject(l.providerOrgnr, l.therapistHpr, l.therapistName);
    subject(l.providerOrgnr, "", null);
  }

  // Series: approved and held lines, per (provider, therapist, patient); the pattern appends in date order.
  const oldSeries = new Map(old.series.map((r) => [key(r.providerOrgnr, r.therapistHpr, r.personId), r]));
  const seriesLines = new Map<string, DeltaLine[]>();
  for (const l of lines) {
    if (l.outcome === "avvist") continue;
    const k = key(l.providerOrgnr, l.therapistHpr, l.personId);
    seriesLines.set(k, [...(seriesLines.get(k) ?? []), l]);
  }
  const newSeries = new Map<string, SeriesState>();
  for (const [k, ls] of seriesLines) {
    const sorted = [...ls].sort((a, b) => (a.serviceDate < b.serviceDate ? -1 : a.serviceDate > b.serviceDate ? 1 : a.startMinute - b.startMinute));
    const f = sorted[0]!;
    const was = oldSeries.get(k);
    const bef = sorted.filter((l) => isBefore(l.disposition));
    const aft = sorted.filter((l) => l.disposition === "frikort");
    const dates = (xs: DeltaLine[]) => xs.map((l) => l.serviceDate);
    const lo = (xs: DeltaLine[]) => dates(xs).reduce<IsoDate | null>(minDate, null);
    const hi = (xs: DeltaLine[]) => dates(xs).reduce<IsoDate | null>(maxDate, null);
    const sum = (xs: DeltaLine[], f: (l: DeltaLine) => number) => xs.reduce((t, l) => t + f(l), 0);
    const now: SeriesState = {
      providerOrgnr: f.providerOrgnr,
      therapistHpr: f.therapistHpr,
      personId: f.personId,
      lines: (was?.lines ?? 0) + sorted.length,
      refusjonOre: (was?.refusjonOre ?? 0) + sum(sorted, (l) => l.refusjonOre),
      firstDate: minDate(was?.firstDate ?? null, lo(sorted))!,
      lastDate: maxDate(was?.lastDate ?? null, hi(sorted))!,
      beforeLines: (was?.beforeLines ?? 0) + bef.length,
      beforeMinutes: (was?.beforeMinutes ?? 0) + sum(bef, (l) => l.minutes),
      beforeFirst: minDate(was?.beforeFirst ?? null, lo(bef)),
      beforeLast: maxDate(was?.beforeLast ?? null, hi(bef)),
      afterLines: (was?.afterLines ?? 0) + aft.length,
      afterMinutes: (was?.afterMinutes ?? 0) + sum(aft, (l) => l.minutes),
      afterFirst: minDate(was?.afterFirst ?? null, lo(aft)),
      afterLast: maxDate(was?.afterLast ?? null, hi(aft)),
      takstPattern: [...(was?.takstPattern ?? []), ...sorted.map((l) => l.takst)].slice(0, n),
    };
    newSeries.set(k, now);
    moveSeries(subject(now.providerOrgnr, now.therapistHpr, f.therapistName), was ?? null, now);
  }
  // The provider's own series of each touched patient: all their therapists' rows, before and after.
  const byPatient = new Map<string, { was: SeriesState[]; now: Map<string, SeriesState> }>();
  for (const r of old.series) {
    const k = key(r.providerOrgnr, r.personId);
    const e = byPatient.get(k) ?? { was: [] as SeriesState[], now: new Map<string, SeriesState>() };
    e.was.push(r);
    e.now.set(r.therapistHpr, r);
    byPatient.set(k, e);
  }
  const touchedPatients = new Set<string>();
  for (const r of newSeries.values()) {
    const k = key(r.providerOrgnr, r.personId);
    const e = byPatient.get(k) ?? { was: [] as SeriesState[], now: new Map<string, SeriesState>() };
    e.now.set(r.therapistHpr, r);
    byPatient.set(k, e);
    touchedPatients.add(k);
  }
  for (const k of touchedPatients) {
    const e = byPatient.get(k)!;
    const now = [...e.now.values()];
    moveSeries(subject(now[0]!.providerOrgnr, "", null), providerSeries(e.was), providerSeries(now)!);
  }

  // Working days: every line (a rejected one counts its control), per (provider, therapist, date).
  const oldDays = new Map(old.days.map((d) => [key(d.providerOrgnr, d.therapistHpr, d.serviceDate), d]));
  const dayLines = new Map<string, DeltaLine[]>();
  for (const l of lines) {
    const k = key(l.providerOrgnr, l.therapistHpr, l.serviceDate);
    dayLines.set(k, [...(dayLines.get(k) ?? []), l]);
  }
  const newDays: DayState[] = [];
  const isFull = (d: DayState) => d.lines >= s.fullDayMinLines && d.minutes >= d.lastEnd - d.firstStart;
  for (const [k, ls] of dayLines) {
    const kept = ls.filter((l) => l.outcome !== "avvist");
    const f = ls[0]!;
    const add: DayState = {
      providerOrgnr: f.providerOrgnr,
      therapistHpr: f.therapistHpr,
      serviceDate: f.serviceDate,
      lines: kept.length,
      minutes: kept.reduce((t, l) => t + l.minutes, 0),
      firstStart: kept.length ? Math.min(...kept.map((l) => l.startMinute)) : 0,
      lastEnd: kept.length ? Math.max(...kept.map((l) => l.startMinute + l.minutes)) : 0,
      earlyLate: kept.filter((l) => l.startMinute < s.earlyBeforeMinute || l.startMinute + l.minutes > s.lateAfterMinute).length,
      offDay: ls.some((l) => l.offDay),
      overlap: ls.filter((l) => l.overlap).length,
      afterDeath: ls.filter((l) => l.afterDeath).length,
      examinationsHeld: ls.filter((l) => l.examinationsHeld).length,
    };
    const was = oldDays.get(k);
    const now: DayState = was
      ? {
          ...was,
          lines: was.lines + add.lines,
          minutes: was.minutes + add.minutes,
          firstStart: was.lines === 0 ? add.firstStart : add.lines === 0 ? was.firstStart : Math.min(was.firstStart, add.firstStart),
          lastEnd: Math.max(was.lastEnd, add.lastEnd),
          earlyLate: was.earlyLate + add.earlyLate,
          overlap: was.overlap + add.overlap,
          afterDeath: was.afterDeath + add.afterDeath,
          examinationsHeld: was.examinationsHeld + add.examinationsHeld,
        }
      : add;
    newDays.push(now);
    for (const x of [subject(f.providerOrgnr, f.therapistHpr, f.therapistName), subject(f.providerOrgnr, "", null)]) {
      const m = x.metrics;
      m.days += Number(now.lines > 0) - Number(was !== undefined && was.lines > 0);
      m.fullDays += Number(isFull(now)) - Number(was !== undefined && isFull(was));
      m.earlyLate += add.earlyLate;
      m.offDayLines += now.offDay ? add.lines : 0;
      m.overlap += add.overlap;
      m.afterDeath += add.afterDeath;
      m.examinationsHeld += add.examinationsHeld;
    }
  }

  // Refusjon per takst (approved and held lines).
  for (const l of lines) {
    if (l.outcome === "avvist") continue;
    for (const x of [subject(l.providerOrgnr, l.therapistHpr, l.therapistName), subject(l.providerOrgnr, "", null)])
      x.takstRefusjon[l.takst] = (x.takstRefusjon[l.takst] ?? 0) + l.refusjonOre;
  }

  const patternList = [...patterns.values()].filter((p) => p.delta !== 0);
  for (const p of patternList) if (p.delta < 0) subjects.get(key(p.providerOrgnr, p.therapistHpr))!.recountPattern = true;
  const touchedSubjects = new Set(lines.flatMap((l) => [key(l.providerOrgnr, l.therapistHpr), key(l.providerOrgnr, "")]));
  return {
    series: [...newSeries.values()],
    days: newDays,
    patterns: patternList,
    subjects: [...subjects.entries()].filter(([k]) => touchedSubjects.has(k)).map(([, x]) => x),
  };
}
