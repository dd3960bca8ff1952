/**
 * Risk signals for the controller's console (issue 20, part 4): keeping them current, ranking,
 * the rows behind a signal (each staff read of a resident's rows audit-logged), and the CSV.
 */
import { availableParallelism } from "node:os";
import type { Db } from "~/db/client.server";
import { lineControlFlags, rankRisk, type RiskLevel, type RiskLineFacts, type ScoredSubject, signalRulesAt } from "~/domain/risk-signals";
import type { StaffUnit } from "~/domain/staff-roles";
import { generateSyntheticPopulation, type SyntheticOptions, type SyntheticPopulation } from "~/domain/synthetic-claims";
import type { NewLineRow } from "~/models/claims.server";
import type { WriterTx } from "~/models/register-writer.server";
import {
  accumulateRiskLines,
  fullDays,
  hourWeekdayCounts,
  loadRiskSubjects,
  recomputeAllRiskSignals,
  riskTablesNeedFill,
  refreshRiskSubjects,
  seriesLengthCounts,
  signalLines,
  type SignalDayRow,
  type SignalLineRow,
  type SignalSeriesRow,
  signalSeries,
  type SubjectKey,
  takstRefusjon,
} from "~/models/risk-signals.server";
import { insertSyntheticPopulation } from "~/models/synthetic-claims.server";
import { valueAt } from "~/rules/parameter";
import { type RiskMetricSettings, riskMetricSettings, type RiskSignalId } from "~/rules/parameters/risk-signals";
import { todayOslo } from "~/utils/clock.server";
import { logError } from "~/utils/log.server";
import { auditRead } from "./staff-console.server";
import type { IsoDate } from "~/kernel/types";

export function metricSettings(today: IsoDate): RiskMetricSettings {
  return valueAt(riskMetricSettings, today);
}

/**
 * Inside the claim's transaction: add the new lines to the running aggregates and their subjects' metrics
 * (`commit`: this is the transaction's last statement; COMMIT goes with it).
 */
export async function accumulateProviderRisk(
  t: WriterTx,
  lines: readonly NewLineRow[],
  today: IsoDate,
  therapistNames: ReadonlyMap<string, string> = new Map(),
  opts: { commit?: boolean } = {},
): Promise<void> {
  const facts: Array<RiskLineFacts & { therapistName: string | null }> = lines.map((l) => ({
    therapistName: therapistNames.get(l.claimRef) ?? null,
    providerOrgnr: l.orgnr,
    therapistHpr: l.therapistHpr,
    personId: l.personId,
    takst: l.takst,
    serviceDate: l.serviceDate,
    startMinute: l.startMinute,
    minutes: l.minutes,
    outcome: l.outcome,
    refusjonOre: l.refusjonOre,
    disposition: l.egenandelDisposition,
    ...lineControlFlags(l.outcome, l.controls as ReadonlyArray<{ rule: string; result: string }>),
  }));
  await accumulateRiskLines(t, facts, metricSettings(today), opts);
}

interface RefreshState {
  /** Providers with new lines not yet covered by a refresh that has started. */
  dirty: Set<string>;
  /** Callers waiting for the next round (it covers everything dirty when it starts). */
  waiting: Array<() => void>;
  running: Promise<void> | null;
  today: IsoDate;
}

/** Per database: the one refresh loop of this process. */
const refreshState = new WeakMap<Db, RefreshState>();

/**
 * After the claims' commit: the providers' (and their therapists') metrics from the running rows.
 * Every caller in this process shares one refresh loop: the providers marked while a round runs
 * are refreshed together, in one statement, by the next round, and each caller's promise resolves
 * when a round that started after its call has finished (without this, sixteen concurrent claims
 * queued sixteen refreshes on the same rows' locks; with group commit, a batch's providers are one
 * statement). A failure does not fail the claims (they are stored and paid); the next claim or a
 * full recompute brings the signals up to date.
 */
export function refreshProviderRisk(db: Db, orgnrs: readonly string[], today: IsoDate): Promise<void> {
  if (!orgnrs.length) return Promise.resolve();
  let state = refreshState.get(db);
  if (!state) refreshState.set(db, (state = { dirty: new Set(), waiting: [], running: null, today }));
  for (const o of orgnrs) state.dirty.add(o);
  if (today > state.today) state.today = today;
  const done = new Promise<void>((resolve) => state.waiting.push(resolve));
  if (!state.running) state.running = refreshLoop(db, state);
  return done;
}

async function refreshLoop(db: Db, state: RefreshState): Promise<void> {
  while (state.dirty.size) {
    const round = [...state.dirty].sort();
    const waiting = state.waiting.splice(0);
    state.dirty.clear();
    try {
      await refreshRiskSubjects(db, round, metricSettings(state.today));
    } catch (err) {
      logError("risk signals: provider refresh failed", err, { providers: round.length });
    }
    for (const resolve of waiting) resolve();
  }
  state.running = null;
}

/** Resolves when this process's refresh loop has nothing left to do (tests, the bench). */
export async function riskRefreshIdle(db: Db): Promise<void> {
  for (let s = refreshState.get(db); s?.running; s = refreshState.get(db)) await s.running;
}

/**
 * Every signal from the claims (nightly, on demand, and once after migration 0023). On a server it is
 * split over one connection per core (at most four), since each group is one CPU-bound statement.
 */
export async function recomputeRiskSignals(db: Db, today: IsoDate, opts: { parallel?: number } = {}): Promise<void> {
  await recomputeAllRiskSignals(db, metricSettings(today), { parallel: opts.parallel ?? Math.min(4, availableParallelism()) });
}

/** Whether the signals must be recomputed in full before claims' deltas can keep them (see app/jobs/risk-signals.server.ts). */
export async function riskSignalsNeedFill(db: Db): Promise<boolean> {
  return riskTablesNeedFill(db, metricSettings(todayOslo()).patternLength);
}

/** The ranked list of one level: aggregated figures only (no resident's data), so reading it is not an audited read. */
export async function rankedRisk(db: Db, level: RiskLevel, today: IsoDate): Promise<ScoredSubject[]> {
  return rankRisk(await loadRiskSubjects(db), signalRulesAt(today), level);
}

/** Generates and stores a synthetic population, then recomputes every signal. */
export async function seedSyntheticClaims(db: Db, options: SyntheticOptions, referencePrefix = "SYN"): Promise<SyntheticPopulation> {
  const pop = generateSyntheticPopulation(options);
  await insertSyntheticPopulation(db, pop, { referencePrefix });
  await recomputeRiskSignals(db, options.today);
  return pop;
}

export type SignalRows =
  | { kind: "lines"; rows: SignalLineRow[] }
  | { kind: "series"; rows: SignalSeriesRow[] }
  | { kind: "days"; rows: SignalDayRow[] }
  | { kind: "takst"; rows: Array<{ takst: string; lines: number; refusjonOre: number }> };

export interface SignalDetail {
  rows: SignalRows;
  hourWeekday: Array<{ weekday: number; hour: number; n: number }>;
  seriesLengths: Array<{ lines: number; patients: number }>;
  /** For frikort-increase: each qualifying patient's rows (also in `rows`). */
  subject: ScoredSubject | null;
}

/**
 * The rows behind one signal of one provider (or therapist), with the charts' data. Every
 * resident whose claims are shown is written to the staff audit log (one row per claim shown).
 */
export async function signalDetail(db: Db, staff: { ident: string; unit: StaffUnit }, key: SubjectKey, signal: RiskSignalId, today: IsoDate): Promise<SignalDetail> {
  const s = metricSettings(today);
  let rows: SignalRows;
  switch (signal) {
    case "refund-total":
      rows = { kind: "series", rows: await signalSeries(db, key, "refusjon-desc", s, 50) };
      break;
    case "refund-takst":
      rows = { kind: "takst", rows: await takstRefusjon(db, key) };
      break;
    case "few-patients-long-series":
    case "long-series-patient":
      rows = { kind: "series", rows: await signalSeries(db, key, "lines-desc", s, 50) };
      break;
    case "many-patients-short-series":
      rows = { kind: "series", rows: await signalSeries(db, key, "lines-asc", s, 100) };
      break;
    case "frikort-increase":
      rows = { kind: "series", rows: await signalSeries(db, key, "frikort", s, 100) };
      break;
    case "same-takst-series":
      rows = { kind: "series", rows: await signalSeries(db, key, "pattern", s, 100) };
      break;
    case "no-gaps":
      rows = { kind: "days", rows: await fullDays(db, key, s, 100) };
      break;
    default:
      rows = { kind: "lines", rows: await signalLines(db, key, signal, s, 200) };
  }
  const [hourWeekday, seriesLengths] = await Promise.all([hourWeekdayCounts(db, key), seriesLengthCounts(db, key)]);
  const audited = new Map<string, string>();
  if (rows.kind === "lines" || rows.kind === "series") for (const r of rows.rows) if (r.claimRef && !audited.has(r.claimRef)) audited.set(r.claimRef, r.personId);
  for (const [claimRef, personId] of audited) await auditRead(db, staff, `risk.${signal}`, { subjectKind: "claim", id: claimRef, personId });
  const level: RiskLevel = key.therapistHpr ? "therapist" : "provider";
  const subject = (await rankedRisk(db, level, today)).find((x) => x.providerOrgnr === key.providerOrgnr && x.therapistHpr === (key.therapistHpr ?? "")) ?? null;
  return { rows, hourWeekday, seriesLengths, subject };
}
