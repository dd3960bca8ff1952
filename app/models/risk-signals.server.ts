/**
 * The risk signals' aggregation (issue 20, parts 4 and 7), in SQL so it scales with the claims:
 *
 *   claim_lines ──accumulate──▶ risk_series (patient × therapist × provider)
 *                               risk_days   (therapist's working day)
 *                               risk_takst  (refusjon per takst)
 *               ──refresh────▶  risk_subjects (the metrics of each provider and therapist)
 *
 * `recomputeAllRiskSignals` rebuilds everything from claim_lines (set-based, a few statements);
 * `accumulateRiskLines` adds a batch of new lines to the running tables and moves the touched
 * subjects' metrics by the difference, inside the claim's transaction (app/domain/risk-deltas.ts),
 * so a new claim costs a few index lookups whatever its provider's history; `refreshRiskSubjects`
 * recomputes whole providers from their running rows (for changes that are not new lines).
 * The scoring itself is pure: app/domain/risk-signals.ts.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { type DayState, type DeltaLine, riskDeltas, type SeriesState, type SubjectState } from "~/domain/risk-deltas";
import type { RawRiskMetrics, RiskLineFacts, SubjectMetricsRow } from "~/domain/risk-signals";
import type { IsoDate } from "~/kernel/types";
import { isNorwegianPublicHoliday, norwegianPublicHolidaysBetween } from "~/domain/norwegian-holidays";
import type { RiskMetricSettings } from "~/rules/parameters/risk-signals";
import { inOneMessage, inWriterTransaction, onDatabaseServer, type WriterTx } from "./register-writer.server";

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function parseJson<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/** Holidays as a SQL array literal parameter (years 2014–2040 cover every takst table). */
function holidaysJson(): string {
  return JSON.stringify(norwegianPublicHolidaysBetween(2014, 2040));
}

/** Saturday, Sunday or a Norwegian public holiday (the same days the SQL of the full recompute counts). */
function isOffDay(date: IsoDate): boolean {
  const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6 || isNorwegianPublicHoliday(date);
}

/**
 * The facts the aggregates need from each claim line, as SQL over claim_lines (full recompute).
 * The control flags come from the line's stored control results.
 */
function claimLineFacts(): SQL {
  return sql`select provider_orgnr, therapist_hpr, person_id, takst, service_date, start_minute::int as start_minute, minutes::int as minutes, outcome,
      refusjon_ore::bigint as refusjon_ore, egenandel_disposition,
      (extract(isodow from service_date) >= 6 or service_date in (select jsonb_array_elements_text(${holidaysJson()}::jsonb)::date)) as off_day,
      (outcome = 'avvist' and controls @> '[{"rule":"claim.overlap","result":"avvist"}]')::int as overlap,
      (outcome = 'avvist' and controls @> '[{"rule":"claim.patient-alive","result":"avvist"}]')::int as after_death,
      (outcome = 'til-kontroll' and (controls @> '[{"rule":"claim.examination-interval","result":"til-kontroll"}]'
        or controls @> '[{"rule":"claim.examination-count","result":"til-kontroll"}]'))::int as examinations_held
    from claim_lines`;
}

function jsonFacts(lines: readonly RiskLineFacts[]): SQL {
  const rows = lines.map((l) => ({
    provider_orgnr: l.providerOrgnr,
    therapist_hpr: l.therapistHpr,
    person_id: l.personId,
    takst: l.takst,
    service_date: l.serviceDate,
    start_minute: l.startMinute,
    minutes: l.minutes,
    outcome: l.outcome,
    refusjon_ore: l.refusjonOre,
    egenandel_disposition: l.disposition,
    off_day: isOffDay(l.serviceDate),
    overlap: l.overlap ? 1 : 0,
    after_death: l.afterDeath ? 1 : 0,
    examinations_held: l.examinationsHeld ? 1 : 0,
  }));
  return sql`select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(provider_orgnr varchar, therapist_hpr varchar, person_id uuid, takst varchar,
    service_date date, start_minute int, minutes int, outcome text, refusjon_ore bigint, egenandel_disposition text, off_day boolean, overlap int, after_death int, examinations_held int)`;
}

/** The three statements that add lines to the running tables; `upsert` adds to existing rows (incremental), else plain inserts into empty tables. */
function accumulateStatements(source: SQL, s: RiskMetricSettings, upsert: boolean): SQL[] {
  const n = s.patternLength;
  const series = sql`
    insert into risk_series as r (provider_orgnr, therapist_hpr, person_id, lines, refusjon_ore, first_date, last_date,
      before_lines, before_minutes, before_first, before_last, after_lines, after_minutes, after_first, after_last, takst_pattern)
    select provider_orgnr, therapist_hpr, person_id, count(*)::int, sum(refusjon_ore)::bigint, min(service_date), max(service_date),
      count(*) filter (where egenandel_disposition in ('registered', 'reserved'))::int,
      coalesce(sum(minutes) filter (where egenandel_disposition in ('registered', 'reserved')), 0)::int,
      min(service_date) filter (where egenandel_disposition in ('registered', 'reserved')),
      max(service_date) filter (where egenandel_disposition in ('registered', 'reserved')),
      count(*) filter (where egenandel_disposition = 'frikort')::int,
      coalesce(sum(minutes) filter (where egenandel_disposition = 'frikort'), 0)::int,
      min(service_date) filter (where egenandel_disposition = 'frikort'),
      max(service_date) filter (where egenandel_disposition = 'frikort'),
      (array_agg(takst::text order by service_date, start_minute))[1:${sql.raw(String(n))}]
    from (${source}) f where outcome <> 'avvist'
    -- The same groups in another order: the sort behind the first takster compares the patient's uuid first (abbreviated
    -- keys, one integer comparison) instead of two varchar comparisons under the database's collation. 2.04 → 1.64 s of
    -- CPU for this statement over 400k lines (docs/bench/results.md, sixth session: recompute at scale).
    group by person_id, provider_orgnr, therapist_hpr
    ${
      upsert
        ? sql`on conflict (provider_orgnr, therapist_hpr, person_id) do update set
      lines = r.lines + excluded.lines, refusjon_ore = r.refusjon_ore + excluded.refusjon_ore,
      first_date = least(r.first_date, excluded.first_date), last_date = greatest(r.last_date, excluded.last_date),
      before_lines = r.before_lines + excluded.before_lines, before_minutes = r.before_minutes + excluded.before_minutes,
      before_first = least(r.before_first, excluded.before_first), before_last = greatest(r.before_last, excluded.before_last),
      after_lines = r.after_lines + excluded.after_lines, after_minutes = r.after_minutes + excluded.after_minutes,
      after_first = least(r.after_first, excluded.after_first), after_last = greatest(r.after_last, excluded.after_last),
      takst_pattern = (r.takst_pattern || excluded.takst_pattern)[1:${sql.raw(String(n))}]`
        : sql``
    }`;
  const days = sql`
    insert into risk_days as r (provider_orgnr, therapist_hpr, service_date, lines, minutes, first_start, last_end, early_late, off_day, overlap, after_death, examinations_held)
    select provider_orgnr, therapist_hpr, service_date,
      count(*) filter (where outcome <> 'avvist')::int, coalesce(sum(minutes) filter (where outcome <> 'avvist'), 0)::int,
      coalesce(min(start_minute) filter (where outcome <> 'avvist'), 0)::smallint,
      coalesce(max(start_minute + minutes) filter (where outcome <> 'avvist'), 0)::smallint,
      count(*) filter (where outcome <> 'avvist' and (start_minute < ${s.earlyBeforeMinute} or start_minute + minutes > ${s.lateAfterMinute}))::int,
      bool_or(off_day),
      sum(overlap)::int, sum(after_death)::int, sum(examinations_held)::int
    from (${source}) f
    group by provider_orgnr, therapist_hpr, service_date
    ${
      upsert
        ? sql`on conflict (provider_orgnr, therapist_hpr, service_date) do update set
      first_start = case when r.lines = 0 then excluded.first_start when excluded.lines = 0 then r.first_start else least(r.first_start, excluded.first_start) end,
      last_end = greatest(r.last_end, excluded.last_end),
      lines = r.lines + excluded.lines, minutes = r.minutes + excluded.minutes, early_late = r.early_late + excluded.early_late,
      overlap = r.overlap + excluded.overlap, after_death = r.after_death + excluded.after_death, examinations_held = r.examinations_held + excluded.examinations_held`
        : sql``
    }`;
  const takst = sql`
    insert into risk_takst as r (provider_orgnr, therapist_hpr, takst, lines, refusjon_ore)
    select provider_orgnr, therapist_hpr, takst, count(*)::int, sum(refusjon_ore)::bigint
    from (${source}) f where outcome <> 'avvist'
    group by provider_orgnr, therapist_hpr, takst
    ${upsert ? sql`on conflict (provider_orgnr, therapist_hpr, takst) do update set lines = r.lines + excluded.lines, refusjon_ore = r.refusjon_ore + excluded.refusjon_ore` : sql``}`;
  return [series, days, takst];
}

/** `provider_orgnr` restricted to the given providers, or every provider when null. */
function providerFilter(column: SQL, orgnrs: readonly string[] | null): SQL {
  // A literal list (not a subquery), so the planner walks the primary keys' provider prefix.
  return orgnrs === null
    ? sql`true`
    : sql`${column} in (${sql.join(
        orgnrs.map((o) => sql`${o}`),
        sql`, `,
      )})`;
}

/** Recomputes risk_subjects for the given providers (null: all) from the running tables. */
function refreshStatement(orgnrs: readonly string[] | null, s: RiskMetricSettings): SQL {
  const f = providerFilter(sql.raw("provider_orgnr"), orgnrs);
  return sql`
    with sv as (select * from risk_series where ${f}),
    sp as (
      select provider_orgnr, ''::varchar as therapist_hpr, person_id, sum(lines)::int as lines, sum(refusjon_ore)::bigint as refusjon_ore,
        sum(before_lines)::int as before_lines, sum(before_minutes)::int as before_minutes, min(before_first) as before_first, max(before_last) as before_last,
        sum(after_lines)::int as after_lines, sum(after_minutes)::int as after_minutes, min(after_first) as after_first, max(after_last) as after_last,
        min(takst_pattern) as takst_pattern
      from sv group by provider_orgnr, person_id
    ),
    s as (
      select provider_orgnr, therapist_hpr, person_id, lines, refusjon_ore, before_lines, before_minutes, before_first, before_last,
        after_lines, after_minutes, after_first, after_last, takst_pattern from sv
      union all select * from sp
    ),
    ser as (
      select provider_orgnr, therapist_hpr, count(*)::int as patients, sum(lines)::int as lines, sum(refusjon_ore)::bigint as refusjon_ore,
        count(*) filter (where lines <= ${s.shortSeriesMaxLines})::int as short_patients,
        max(lines)::int as max_series, max(refusjon_ore)::bigint as max_series_refusjon,
        -- The mean as an exact decimal sum ÷ count (what a claim's delta keeps: app/domain/risk-deltas.ts).
        coalesce(sum(round((((after_lines::float8 / greatest(after_last - after_first + 1, 7)) * (after_minutes::float8 / after_lines))
          / ((before_lines::float8 / greatest(before_last - before_first + 1, 7)) * (before_minutes::float8 / before_lines)))::numeric, 15))
          filter (where before_lines >= ${s.frikortMinLines} and after_lines >= ${s.frikortMinLines} and before_minutes > 0), 0) as frikort_sum,
        count(*) filter (where before_lines >= ${s.frikortMinLines} and after_lines >= ${s.frikortMinLines} and before_minutes > 0)::int as frikort_patients,
        count(*) filter (where cardinality(takst_pattern) >= ${s.patternLength})::int as pattern_patients
      from s group by provider_orgnr, therapist_hpr
    ),
    pc as (
      select provider_orgnr, therapist_hpr, takst_pattern, count(*)::int as n from s where cardinality(takst_pattern) >= ${s.patternLength}
      group by provider_orgnr, therapist_hpr, takst_pattern
    ),
    pc_kept as (insert into risk_patterns (provider_orgnr, therapist_hpr, takst_pattern, patients) select * from pc),
    pat as (select provider_orgnr, therapist_hpr, max(n)::int as top_pattern from pc group by provider_orgnr, therapist_hpr),
    dt as (
      select provider_orgnr, therapist_hpr, count(*) filter (where lines > 0)::int as days,
        count(*) filter (where lines >= ${s.fullDayMinLines} and minutes >= last_end - first_start)::int as full_days,
        sum(early_late)::int as early_late, coalesce(sum(lines) filter (where off_day), 0)::int as off_day_lines,
        sum(overlap)::int as overlap, sum(after_death)::int as after_death, sum(examinations_held)::int as examinations_held
      from risk_days where ${f} group by provider_orgnr, therapist_hpr
    ),
    d as (
      select * from dt union all
      select provider_orgnr, '', sum(days)::int, sum(full_days)::int, sum(early_late)::int, sum(off_day_lines)::int, sum(overlap)::int, sum(after_death)::int, sum(examinations_held)::int
      from dt group by provider_orgnr
    ),
    kv as (select * from risk_takst where ${f}),
    k as (
      select provider_orgnr, therapist_hpr, jsonb_object_agg(takst, refusjon_ore) as tr from kv group by provider_orgnr, therapist_hpr
      union all
      select provider_orgnr, '', jsonb_object_agg(takst, r) from (select provider_orgnr, takst, sum(refusjon_ore)::bigint as r from kv group by provider_orgnr, takst) x group by provider_orgnr
    ),
    rep0 as (
      select data->'claim'->>'orgnr' as provider_orgnr, coalesce(data->'claim'->>'therapistHpr', '') as therapist_hpr, count(*)::int as n
      from cases where kind = 'claim-report' and ${providerFilter(sql`data->'claim'->>'orgnr'`, orgnrs)} and data->'claim'->>'orgnr' is not null
      group by 1, 2
    ),
    rep as (select * from rep0 where therapist_hpr <> '' union all select provider_orgnr, '', sum(n)::int from rep0 group by provider_orgnr),
    subj as (select provider_orgnr, therapist_hpr from d union select provider_orgnr, therapist_hpr from ser union select provider_orgnr, therapist_hpr from rep)
    insert into risk_subjects as r (provider_orgnr, therapist_hpr, therapist_name, lines, patients, refusjon_ore, metrics, takst_refusjon, frikort_ratio_sum, refreshed_at)
    select subj.provider_orgnr, subj.therapist_hpr,
      case when subj.therapist_hpr <> '' then coalesce(old.therapist_name,
        -- A new therapist: the name on the claim of their newest line at this provider. The therapist's lines are walked
        -- newest first on their index and the first of this provider's taken (the subquery with OFFSET 0 keeps the
        -- provider's condition out of the index scan): asked for both conditions at once, the planner took them for
        -- independent, expected a handful of lines, and read all of the therapist's lines, each joined to its claim
        -- (180 s of a 200k-patient recompute's 380 s; issue 20 part 7, sixth session).
        (select c.therapist_name from claims c where c.id = (
          select l.claim_ref from (select claim_ref, provider_orgnr from claim_lines where therapist_hpr = subj.therapist_hpr order by service_date desc offset 0) l
          where l.provider_orgnr = subj.provider_orgnr limit 1))) end,
      coalesce(ser.lines, 0), coalesce(ser.patients, 0), coalesce(ser.refusjon_ore, 0),
      jsonb_build_object(
        'lines', coalesce(ser.lines, 0), 'patients', coalesce(ser.patients, 0), 'refusjonOre', coalesce(ser.refusjon_ore, 0),
        'shortPatients', coalesce(ser.short_patients, 0), 'maxSeries', coalesce(ser.max_series, 0), 'maxSeriesRefusjonOre', coalesce(ser.max_series_refusjon, 0),
        'frikortRatio', (ser.frikort_sum / nullif(ser.frikort_patients, 0))::float8, 'frikortPatients', coalesce(ser.frikort_patients, 0),
        'patternPatients', coalesce(ser.pattern_patients, 0), 'topPattern', coalesce(pat.top_pattern, 0),
        'days', coalesce(d.days, 0), 'fullDays', coalesce(d.full_days, 0), 'earlyLate', coalesce(d.early_late, 0), 'offDayLines', coalesce(d.off_day_lines, 0),
        'overlap', coalesce(d.overlap, 0), 'afterDeath', coalesce(d.after_death, 0), 'examinationsHeld', coalesce(d.examinations_held, 0),
        'reports', coalesce(rep.n, 0)),
      coalesce(k.tr, '{}'::jsonb), coalesce(ser.frikort_sum, 0), now()
    from subj
      left join risk_subjects old on old.provider_orgnr = subj.provider_orgnr and old.therapist_hpr = subj.therapist_hpr
      left join ser on ser.provider_orgnr = subj.provider_orgnr and ser.therapist_hpr = subj.therapist_hpr
      left join pat on pat.provider_orgnr = subj.provider_orgnr and pat.therapist_hpr = subj.therapist_hpr
      left join d on d.provider_orgnr = subj.provider_orgnr and d.therapist_hpr = subj.therapist_hpr
      left join k on k.provider_orgnr = subj.provider_orgnr and k.therapist_hpr = subj.therapist_hpr
      left join rep on rep.provider_orgnr = subj.provider_orgnr and rep.therapist_hpr = subj.therapist_hpr
    on conflict (provider_orgnr, therapist_hpr) do update set therapist_name = coalesce(r.therapist_name, excluded.therapist_name), lines = excluded.lines, patients = excluded.patients, refusjon_ore = excluded.refusjon_ore,
      metrics = excluded.metrics, takst_refusjon = excluded.takst_refusjon, frikort_ratio_sum = excluded.frikort_ratio_sum, refreshed_at = excluded.refreshed_at`;
}

/**
 * Rebuilds every running table and every subject from claim_lines (the nightly or on-demand full
 * recompute, and the one-time fill after migration 0023).
 *
 * On a server the providers are split into `parallel` groups, each rebuilt on its own connection in
 * its own transaction (PostgreSQL does not run an INSERT … SELECT's scan in parallel itself). A group
 * takes its providers' risk locks first, in orgnr order as a claim does, so a claim for one of them
 * waits and then adds its deltas to the rebuilt rows; claims for other providers go on. Each group
 * replaces only its providers' rows, so the console shows every provider's old or new figures, never
 * an empty list. The claim lines are read once per group (a materialized CTE feeds the three tables).
 * A group's subjects are not deleted first but overwritten, so their therapists' names are read from
 * the old rows, and the subjects the refresh did not write (nothing left behind them) are deleted after.
 * The group's statements run without JIT and with a larger `work_mem` (see `RECOMPUTE_SETTINGS`).
 * On the embedded database (one connection) it is one transaction.
 */
export async function recomputeAllRiskSignals(db: Db, settings: RiskMetricSettings, opts: { parallel?: number } = {}): Promise<void> {
  const parallel = Math.max(1, Math.floor(opts.parallel ?? 1));
  if (!onDatabaseServer(db)) {
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`truncate risk_series, risk_days, risk_takst, risk_patterns, risk_subjects`);
      await tx.execute(accumulateOnce(claimLineFacts(), settings));
      await tx.execute(refreshStatement(null, settings));
      // The tables were emptied and filled: without fresh statistics the planner takes them for empty and a
      // claim's read of its few rows becomes a scan of every working day (14 ms instead of 0.1 ms at 20k patients).
      await tx.execute(sql`analyze risk_series, risk_days, risk_takst, risk_patterns, risk_subjects`);
    });
    return;
  }
  const res = await db.execute(sql`select orgnr from providers union select provider_orgnr from risk_subjects order by 1`);
  const orgnrs = rowsOf<{ orgnr: string }>(res).map((r) => r.orgnr);
  const groups: string[][] = Array.from({ length: Math.min(parallel, Math.max(1, orgnrs.length)) }, () => []);
  orgnrs.forEach((o, i) => groups[i % groups.length]!.push(o));
  await Promise.all(
    groups.map((group) =>
      db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        if (!group.length) return;
        const f = providerFilter(sql.raw("provider_orgnr"), group);
        await tx.execute(RECOMPUTE_SETTINGS);
        await tx.execute(lockProviders(group));
        for (const table of ["risk_series", "risk_days", "risk_takst", "risk_patterns"]) await tx.execute(sql`delete from ${sql.raw(table)} where ${f}`);
        await tx.execute(accumulateOnce(sql`select * from (${claimLineFacts()}) x where ${f}`, settings));
        await tx.execute(refreshStatement(group, settings));
        // now() is this transaction's start: every subject the refresh wrote has it, the others have nothing behind them any more.
        await tx.execute(sql`delete from risk_subjects where ${f} and refreshed_at <> now()`);
      }),
    ),
  );
  await db.execute(sql`analyze risk_series, risk_days, risk_takst, risk_patterns, risk_subjects`);
}

/**
 * For a group of the full recompute (issue 20 part 7, docs/bench/results.md "sixth session"): its statements' plans
 * cost enough for PostgreSQL to JIT-compile them, which took ≈ 0.4 s a statement and saved less; and with the default
 * 4 MB of `work_mem` the series' sort, the hash aggregates of the refresh and the materialized CTEs went to disk in
 * several passes. 256 MB per sort or hash node of one connection per core.
 */
const RECOMPUTE_SETTINGS = sql`select set_config('jit', 'off', true), set_config('work_mem', '256MB', true)`;

/**
 * True when claims exist whose signals were never computed (no subject at all), or when the running
 * tables were filled before migration 0023: series long enough for a pattern but no pattern rows.
 */
export async function riskTablesNeedFill(db: Db, patternLength: number): Promise<boolean> {
  const res = await db.execute(sql`select
      (exists (select 1 from claim_lines) and not exists (select 1 from risk_subjects))
      or (exists (select 1 from risk_series where cardinality(takst_pattern) >= ${patternLength}) and not exists (select 1 from risk_patterns)) as need`);
  return rowsOf<{ need: boolean }>(res)[0]?.need === true;
}

/** The three running tables filled from one read of the source (empty for these providers: plain inserts). */
function accumulateOnce(source: SQL, s: RiskMetricSettings): SQL {
  const [series, days, takst] = accumulateStatements(sql`select * from f`, s, false);
  return sql`with f as materialized (${source}), s1 as (${series}), s2 as (${days}) ${takst}`;
}

/**
 * The subjects follow each claim inside its own transaction (`accumulateRiskLines`), so nothing
 * needs refreshing after it (the bench reads this to skip its refresh step).
 */
export const RISK_SUBJECTS_INLINE = true;

/** The providers' risk rows are written by one transaction at a time (a claim's deltas, a refresh): taken in orgnr order. */
function lockProviders(orgnrs: readonly string[]): SQL {
  return sql`select pg_advisory_xact_lock(k) from (
      select hashtextextended('risk-provider:' || o, 0) as k from jsonb_array_elements_text(${JSON.stringify([...new Set(orgnrs)].sort())}::jsonb) as o order by 1
    ) s`;
}

const SERIES_COLUMNS = sql`provider_orgnr as "providerOrgnr", therapist_hpr as "therapistHpr", person_id as "personId", lines, refusjon_ore as "refusjonOre",
  first_date as "firstDate", last_date as "lastDate", before_lines as "beforeLines", before_minutes as "beforeMinutes", before_first as "beforeFirst",
  before_last as "beforeLast", after_lines as "afterLines", after_minutes as "afterMinutes", after_first as "afterFirst", after_last as "afterLast",
  takst_pattern as "takstPattern"`;

/**
 * Adds new claim lines to the running tables and moves their subjects' metrics by the difference,
 * inside the claim's transaction: three round trips (lock the providers' risk rows, read the rows
 * the lines touch, write them), whatever the provider's history. app/domain/risk-deltas.ts says how.
 */
export async function accumulateRiskLines(
  t: WriterTx,
  lines: ReadonlyArray<RiskLineFacts & { therapistName?: string | null }>,
  settings: RiskMetricSettings,
  opts: { commit?: boolean } = {},
): Promise<void> {
  if (!lines.length) return;
  const deltaLines: DeltaLine[] = lines.map((l) => ({ ...l, offDay: isOffDay(l.serviceDate), therapistName: l.therapistName ?? null }));
  const patients = [
    ...new Map(deltaLines.filter((l) => l.outcome !== "avvist").map((l) => [`${l.providerOrgnr}:${l.personId}`, { p: l.providerOrgnr, person: l.personId }])).values(),
  ];
  const days = [...new Map(deltaLines.map((l) => [`${l.providerOrgnr}:${l.therapistHpr}:${l.serviceDate}`, { p: l.providerOrgnr, h: l.therapistHpr, d: l.serviceDate }])).values()];
  const subjectKeys = [
    ...new Map(
      deltaLines.flatMap(
        (l) =>
          [
            [`${l.providerOrgnr}:${l.therapistHpr}`, { p: l.providerOrgnr, h: l.therapistHpr }],
            [`${l.providerOrgnr}:`, { p: l.providerOrgnr, h: "" }],
          ] as const,
      ),
    ).values(),
  ];
  // The lock first (in the same message on a server): the read then sees what the previous holder committed.
  const [, res] = await inOneMessage(t, [
    { statement: lockProviders(deltaLines.map((l) => l.providerOrgnr)) },
    {
      statement: sql`
    select
      (select coalesce(json_agg(x), '[]') from (
        select ${SERIES_COLUMNS} from jsonb_to_recordset(${JSON.stringify(patients)}::jsonb) as k(p varchar, person uuid)
          join risk_series r on r.provider_orgnr = k.p and r.person_id = k.person) x) as series,
      (select coalesce(json_agg(x), '[]') from (
        select provider_orgnr as "providerOrgnr", therapist_hpr as "therapistHpr", service_date as "serviceDate", lines, minutes, first_start as "firstStart",
          last_end as "lastEnd", early_late as "earlyLate", off_day as "offDay", overlap, after_death as "afterDeath", examinations_held as "examinationsHeld"
        from jsonb_to_recordset(${JSON.stringify(days)}::jsonb) as k(p varchar, h varchar, d date)
          join risk_days r on r.provider_orgnr = k.p and r.therapist_hpr = k.h and r.service_date = k.d) x) as days,
      (select coalesce(json_agg(x), '[]') from (
        select provider_orgnr as "providerOrgnr", therapist_hpr as "therapistHpr", therapist_name as "therapistName", metrics, takst_refusjon as "takstRefusjon"
        from jsonb_to_recordset(${JSON.stringify(subjectKeys)}::jsonb) as k(p varchar, h varchar)
          join risk_subjects r on r.provider_orgnr = k.p and r.therapist_hpr = k.h) x) as subjects`,
    },
  ]);
  const row = rowsOf<{ series: unknown; days: unknown; subjects: unknown }>(res)[0]!;
  const old = {
    series: parseJson<SeriesState[]>(row.series).map((r) => ({ ...r, refusjonOre: Number(r.refusjonOre) })),
    days: parseJson<DayState[]>(row.days),
    subjects: parseJson<SubjectState[]>(row.subjects).map((r) => ({
      ...r,
      metrics: parseJson<RawRiskMetrics>(r.metrics),
      takstRefusjon: Object.fromEntries(Object.entries(parseJson<Record<string, unknown>>(r.takstRefusjon)).map(([k, v]) => [k, Number(v)])),
    })),
  };
  const d = riskDeltas(deltaLines, old, settings);
  const subjects = d.subjects.map((x) => ({
    provider_orgnr: x.providerOrgnr,
    therapist_hpr: x.therapistHpr,
    therapist_name: x.therapistName,
    metrics: x.metrics,
    takst_refusjon: x.takstRefusjon,
    fadd: x.frikortAdd,
    fsub: x.frikortSub,
    recount: x.recountPattern,
  }));
  const ratioSum = (col: string) => sql`(select coalesce(sum(round((v #>> '{}')::float8::numeric, 15)), 0) from jsonb_array_elements(${sql.raw(`x.${col}`)}) v)`;
  const subjectPatterns = (alias: string) => sql.raw(`pt.provider_orgnr = ${alias}.provider_orgnr and pt.therapist_hpr = ${alias}.therapist_hpr`);
  await t.q(
    sql`
    with sr as (
      insert into risk_series as r (provider_orgnr, therapist_hpr, person_id, lines, refusjon_ore, first_date, last_date,
        before_lines, before_minutes, before_first, before_last, after_lines, after_minutes, after_first, after_last, takst_pattern)
      select * from jsonb_to_recordset(${JSON.stringify(d.series)}::jsonb) as x("providerOrgnr" varchar, "therapistHpr" varchar, "personId" uuid, lines int, "refusjonOre" bigint,
        "firstDate" date, "lastDate" date, "beforeLines" int, "beforeMinutes" int, "beforeFirst" date, "beforeLast" date, "afterLines" int, "afterMinutes" int,
        "afterFirst" date, "afterLast" date, "takstPattern" text[])
      on conflict (provider_orgnr, therapist_hpr, person_id) do update set lines = excluded.lines, refusjon_ore = excluded.refusjon_ore,
        first_date = excluded.first_date, last_date = excluded.last_date, before_lines = excluded.before_lines, before_minutes = excluded.before_minutes,
        before_first = excluded.before_first, before_last = excluded.before_last, after_lines = excluded.after_lines, after_minutes = excluded.after_minutes,
        after_first = excluded.after_first, after_last = excluded.after_last, takst_pattern = excluded.takst_pattern
    ),
    dr as (
      insert into risk_days as r (provider_orgnr, therapist_hpr, service_date, lines, minutes, first_start, last_end, early_late, off_day, overlap, after_death, examinations_held)
      select * from jsonb_to_recordset(${JSON.stringify(d.days)}::jsonb) as x("providerOrgnr" varchar, "therapistHpr" varchar, "serviceDate" date, lines int, minutes int,
        "firstStart" smallint, "lastEnd" smallint, "earlyLate" int, "offDay" boolean, overlap int, "afterDeath" int, "examinationsHeld" int)
      on conflict (provider_orgnr, therapist_hpr, service_date) do update set lines = excluded.lines, minutes = excluded.minutes, first_start = excluded.first_start,
        last_end = excluded.last_end, early_late = excluded.early_late, overlap = excluded.overlap, after_death = excluded.after_death, examinations_held = excluded.examinations_held
    ),
    f0 as materialized (${jsonFacts(deltaLines)}),
    tk as (${accumulateStatements(sql`select * from f0`, settings, true)[2]!}),
    pt as (
      insert into risk_patterns as r (provider_orgnr, therapist_hpr, takst_pattern, patients)
      select * from jsonb_to_recordset(${JSON.stringify(d.patterns)}::jsonb) as x("providerOrgnr" varchar, "therapistHpr" varchar, "takstPattern" text[], delta int)
      on conflict (provider_orgnr, therapist_hpr, takst_pattern) do update set patients = r.patients + excluded.patients
      returning provider_orgnr, therapist_hpr, takst_pattern, patients
    ),
    x as (
      select * from jsonb_to_recordset(${JSON.stringify(subjects)}::jsonb) as x(provider_orgnr varchar, therapist_hpr varchar, therapist_name text, metrics jsonb,
        takst_refusjon jsonb, fadd jsonb, fsub jsonb, recount boolean)
    ),
    y as (
      select x.*, coalesce(o.frikort_ratio_sum, 0) + ${ratioSum("fadd")} - ${ratioSum("fsub")} as fsum,
        case when x.recount
          -- a pattern's count went down: the largest of the untouched patterns' counts and the touched ones' new counts
          then greatest(
            (select max(rp.patients) from risk_patterns rp where rp.provider_orgnr = x.provider_orgnr and rp.therapist_hpr = x.therapist_hpr
              and not exists (select 1 from pt where ${subjectPatterns("rp")} and pt.takst_pattern = rp.takst_pattern)),
            (select max(pt.patients) from pt where ${subjectPatterns("x")}))
          else greatest(coalesce((o.metrics->>'topPattern')::int, 0), (select max(pt.patients) from pt where ${subjectPatterns("x")})) end as top
      from x left join risk_subjects o on o.provider_orgnr = x.provider_orgnr and o.therapist_hpr = x.therapist_hpr
    )
    insert into risk_subjects as r (provider_orgnr, therapist_hpr, therapist_name, lines, patients, refusjon_ore, metrics, takst_refusjon, frikort_ratio_sum, refreshed_at)
    select provider_orgnr, therapist_hpr, therapist_name, (metrics->>'lines')::int, (metrics->>'patients')::int, (metrics->>'refusjonOre')::bigint,
      metrics || jsonb_build_object(
        'frikortRatio', (fsum / nullif((metrics->>'frikortPatients')::int, 0))::float8,
        'topPattern', coalesce(top, 0)),
      takst_refusjon, fsum, now()
    from y
    on conflict (provider_orgnr, therapist_hpr) do update set therapist_name = coalesce(r.therapist_name, excluded.therapist_name), lines = excluded.lines,
      patients = excluded.patients, refusjon_ore = excluded.refusjon_ore, metrics = excluded.metrics, takst_refusjon = excluded.takst_refusjon,
      frikort_ratio_sum = excluded.frikort_ratio_sum, refreshed_at = excluded.refreshed_at`,
    // The last statement of a claim's transaction: COMMIT goes with it, so the providers' locks are held one round trip less.
    // Its text never changes, so a server plans it once per connection (prepared), not per claim.
    { ...opts, prepared: "risk_write" },
  );
}

/** Recomputes the subjects of these providers from their running rows (after something other than a claim changed them, e.g. a patient's report). */
export async function refreshRiskSubjects(db: Db, orgnrs: readonly string[], settings: RiskMetricSettings): Promise<void> {
  if (!orgnrs.length) return;
  const unique = [...new Set(orgnrs)];
  const clear = sql`delete from risk_patterns where ${providerFilter(sql.raw("provider_orgnr"), unique)}`;
  // A provider's rows are a few hundred; the planner's estimate for the statement is high enough to
  // JIT-compile it, which costs ten times the query itself (70 ms of 100 ms measured at 100k patients).
  // On a server it is one message (begin, lock, set, the statements, commit: one round trip).
  const statement = refreshStatement(unique, settings);
  if (onDatabaseServer(db)) {
    await inWriterTransaction(db, (t) => t.q(sql`${lockProviders(unique)}; set local jit = off; ${clear}; ${statement}`, { commit: true }));
    return;
  }
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(lockProviders(unique));
    await tx.execute(clear);
    await tx.execute(statement);
  });
}

/** Every subject's metrics (for the ranked list: the population's percentiles need them all). */
export async function loadRiskSubjects(db: Db): Promise<SubjectMetricsRow[]> {
  const res = await db.execute(sql`
    select s.provider_orgnr as "providerOrgnr", s.therapist_hpr as "therapistHpr", s.metrics, s.takst_refusjon as "takstRefusjon", p.name as "providerName",
      s.therapist_name as "therapistName"
    from risk_subjects s left join providers p on p.orgnr = s.provider_orgnr`);
  return rowsOf<{ providerOrgnr: string; therapistHpr: string; metrics: unknown; takstRefusjon: unknown; providerName: string | null; therapistName: string | null }>(res).map(
    (r) => ({
      providerOrgnr: r.providerOrgnr,
      therapistHpr: r.therapistHpr,
      providerName: r.providerName,
      therapistName: r.therapistName,
      raw: parseJson<RawRiskMetrics>(r.metrics),
      takstRefusjon: Object.fromEntries(Object.entries(parseJson<Record<string, unknown>>(r.takstRefusjon)).map(([k, v]) => [k, Number(v)])),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The rows behind a signal, and the charts' data, for one provider (and optionally one therapist).

export interface SubjectKey {
  providerOrgnr: string;
  /** null: every therapist of the provider. */
  therapistHpr: string | null;
}

function subjectWhere(k: SubjectKey, alias = ""): SQL {
  const p = sql.raw(`${alias}provider_orgnr`);
  const t = sql.raw(`${alias}therapist_hpr`);
  return k.therapistHpr ? sql`${p} = ${k.providerOrgnr} and ${t} = ${k.therapistHpr}` : sql`${p} = ${k.providerOrgnr}`;
}

/** One claim line behind a signal. `claimRef` and `personId` are what the audit log records. */
export interface SignalLineRow {
  claimRef: string;
  claimId: string;
  personId: string;
  patientName: string | null;
  therapistHpr: string;
  takst: string;
  serviceDate: string;
  startMinute: number;
  minutes: number;
  outcome: string;
  refusjonOre: number;
  diedOn: string | null;
}

export type LineSignalFilter = "early-late" | "off-days" | "overlap" | "after-death" | "examinations-in-a-row" | "patient-reports" | "long-series-patient";

export async function signalLines(db: Db, k: SubjectKey, filter: LineSignalFilter, s: RiskMetricSettings, limit = 200, personId?: string): Promise<SignalLineRow[]> {
  const where: Record<LineSignalFilter, SQL> = {
    "early-late": sql`l.outcome <> 'avvist' and (l.start_minute < ${s.earlyBeforeMinute} or l.start_minute + l.minutes > ${s.lateAfterMinute})`,
    "off-days": sql`l.outcome <> 'avvist' and (extract(isodow from l.service_date) >= 6 or l.service_date in (select jsonb_array_elements_text(${holidaysJson()}::jsonb)::date))`,
    overlap: sql`l.outcome = 'avvist' and l.controls @> '[{"rule":"claim.overlap","result":"avvist"}]'`,
    "after-death": sql`l.outcome = 'avvist' and l.controls @> '[{"rule":"claim.patient-alive","result":"avvist"}]'`,
    "examinations-in-a-row": sql`l.outcome = 'til-kontroll' and (l.controls @> '[{"rule":"claim.examination-interval","result":"til-kontroll"}]' or l.controls @> '[{"rule":"claim.examination-count","result":"til-kontroll"}]')`,
    "patient-reports": sql`l.id::text in (select k.data->'claim'->>'lineId' from cases k where k.kind = 'claim-report' and k.data->'claim'->>'orgnr' = ${k.providerOrgnr})`,
    "long-series-patient": sql`l.outcome <> 'avvist' and l.person_id = ${personId ?? "00000000-0000-0000-0000-000000000000"}`,
  };
  const res = await db.execute(sql`
    select l.claim_ref::text as "claimRef", c.claim_id as "claimId", l.person_id::text as "personId", p.name as "patientName", l.therapist_hpr as "therapistHpr",
      l.takst, l.service_date::text as "serviceDate", l.start_minute as "startMinute", l.minutes, l.outcome, l.refusjon_ore as "refusjonOre", p.died_on::text as "diedOn"
    from claim_lines l join claims c on c.id = l.claim_ref join persons p on p.id = l.person_id
    where ${subjectWhere(k, "l.")} and ${where[filter]}
    order by l.service_date desc, l.start_minute desc limit ${limit}`);
  return rowsOf<SignalLineRow>(res).map((r) => ({ ...r, startMinute: Number(r.startMinute), minutes: Number(r.minutes), refusjonOre: Number(r.refusjonOre) }));
}

/** One patient's series behind a signal. */
export interface SignalSeriesRow {
  personId: string;
  patientName: string | null;
  therapistHpr: string;
  lines: number;
  refusjonOre: number;
  firstDate: string;
  lastDate: string;
  beforeLines: number;
  beforeMinutes: number;
  beforeFirst: string | null;
  beforeLast: string | null;
  afterLines: number;
  afterMinutes: number;
  afterFirst: string | null;
  afterLast: string | null;
  takstPattern: string[];
  /** A claim of this series, for the audit log. */
  claimRef: string;
}

export type SeriesOrder = "lines-desc" | "lines-asc" | "refusjon-desc" | "frikort" | "pattern";

export async function signalSeries(db: Db, k: SubjectKey, order: SeriesOrder, s: RiskMetricSettings, limit = 200): Promise<SignalSeriesRow[]> {
  const orderBy: Record<SeriesOrder, SQL> = {
    "lines-desc": sql`r.lines desc`,
    "lines-asc": sql`r.lines asc, r.first_date desc`,
    "refusjon-desc": sql`r.refusjon_ore desc`,
    frikort: sql`r.after_lines desc`,
    pattern: sql`r.takst_pattern, r.lines desc`,
  };
  const extra: Partial<Record<SeriesOrder, SQL>> = {
    "lines-asc": sql`and r.lines <= ${s.shortSeriesMaxLines}`,
    frikort: sql`and r.before_lines >= ${s.frikortMinLines} and r.after_lines >= ${s.frikortMinLines}`,
    pattern: sql`and cardinality(r.takst_pattern) >= ${s.patternLength}`,
  };
  const res = await db.execute(sql`
    select r.person_id::text as "personId", p.name as "patientName", r.therapist_hpr as "therapistHpr", r.lines, r.refusjon_ore as "refusjonOre",
      r.first_date::text as "firstDate", r.last_date::text as "lastDate", r.before_lines as "beforeLines", r.before_minutes as "beforeMinutes",
      r.before_first::text as "beforeFirst", r.before_last::text as "beforeLast", r.after_lines as "afterLines", r.after_minutes as "afterMinutes",
      r.after_first::text as "afterFirst", r.after_last::text as "afterLast", r.takst_pattern as "takstPattern",
      (select l.claim_ref::text from claim_lines l where l.person_id = r.person_id and l.provider_orgnr = r.provider_orgnr and l.therapist_hpr = r.therapist_hpr limit 1) as "claimRef"
    from risk_series r join persons p on p.id = r.person_id
    where ${subjectWhere(k, "r.")} ${extra[order] ?? sql``}
    order by ${orderBy[order]} limit ${limit}`);
  return rowsOf<SignalSeriesRow>(res).map((r) => ({
    ...r,
    lines: Number(r.lines),
    refusjonOre: Number(r.refusjonOre),
    beforeLines: Number(r.beforeLines),
    beforeMinutes: Number(r.beforeMinutes),
    afterLines: Number(r.afterLines),
    afterMinutes: Number(r.afterMinutes),
    takstPattern: Array.isArray(r.takstPattern) ? r.takstPattern : String(r.takstPattern).replace(/[{}]/g, "").split(",").filter(Boolean),
  }));
}

export interface SignalDayRow {
  therapistHpr: string;
  serviceDate: string;
  lines: number;
  minutes: number;
  firstStart: number;
  lastEnd: number;
}

/** Working days with at least the full-day number of treatments and no gap, newest first. */
export async function fullDays(db: Db, k: SubjectKey, s: RiskMetricSettings, limit = 200): Promise<SignalDayRow[]> {
  const res = await db.execute(sql`
    select therapist_hpr as "therapistHpr", service_date::text as "serviceDate", lines, minutes, first_start as "firstStart", last_end as "lastEnd"
    from risk_days where ${subjectWhere(k)} and lines >= ${s.fullDayMinLines} and minutes >= last_end - first_start
    order by service_date desc limit ${limit}`);
  return rowsOf<SignalDayRow>(res).map((r) => ({ ...r, lines: Number(r.lines), minutes: Number(r.minutes), firstStart: Number(r.firstStart), lastEnd: Number(r.lastEnd) }));
}

export async function takstRefusjon(db: Db, k: SubjectKey): Promise<Array<{ takst: string; lines: number; refusjonOre: number }>> {
  const res = await db.execute(sql`
    select takst, sum(lines)::int as lines, sum(refusjon_ore)::bigint as "refusjonOre" from risk_takst where ${subjectWhere(k)}
    group by takst order by 3 desc`);
  return rowsOf<{ takst: string; lines: number; refusjonOre: number }>(res).map((r) => ({ takst: r.takst, lines: Number(r.lines), refusjonOre: Number(r.refusjonOre) }));
}

/** Treatments by ISO weekday (1 = Monday) and starting hour (approved and held lines). */
export async function hourWeekdayCounts(db: Db, k: SubjectKey): Promise<Array<{ weekday: number; hour: number; n: number }>> {
  const res = await db.execute(sql`
    select extract(isodow from service_date)::int as weekday, (start_minute / 60)::int as hour, count(*)::int as n
    from claim_lines where ${subjectWhere(k)} and outcome <> 'avvist' group by 1, 2`);
  return rowsOf<{ weekday: number; hour: number; n: number }>(res).map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), n: Number(r.n) }));
}

/** How many patients have a series of each length. */
export async function seriesLengthCounts(db: Db, k: SubjectKey): Promise<Array<{ lines: number; patients: number }>> {
  const res = await db.execute(sql`
    select lines, count(*)::int as patients from (
      select person_id, sum(lines)::int as lines from risk_series where ${subjectWhere(k)} group by person_id
    ) x group by lines order by lines`);
  return rowsOf<{ lines: number; patients: number }>(res).map((r) => ({ lines: Number(r.lines), patients: Number(r.patients) }));
}
