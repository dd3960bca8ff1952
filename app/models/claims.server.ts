/**
 * Data access for treatment claims (issue 20): the statements the claims service runs inside the
 * register writer's transaction (models/register-writer.server.ts), each set-based, so a batch of
 * claims costs the same few statements as one claim. Egenandeler are never written here: they go
 * through the register's one writer.
 */
import { sql } from "drizzle-orm";
import type { HistoryLine } from "~/domain/claim-controls";
import type { IsoDate, Ore } from "~/kernel/types";
import { type Statement, type WriterTx, writeLater } from "./register-writer.server";

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function parseJson<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/**
 * Serialises claims per therapist: the overlap control reads a therapist's day and the new lines
 * join it, so two transactions with the same therapist must not both pass. Transaction-scoped
 * advisory locks, taken in one sorted order (no deadlock between two batches).
 */
export async function lockTherapists(t: WriterTx, hprs: readonly string[]): Promise<void> {
  const keys = [...new Set(hprs)].sort();
  if (!keys.length) return;
  // Taken before the transaction's next statement, in the same message on a server (its snapshot is taken after it).
  await writeLater(
    t,
    sql`
    select pg_advisory_xact_lock(k) from (
      select hashtextextended('claim-therapist:' || h, 0) as k from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) as h order by 1
    ) s`,
    { prepared: "claims_lock" },
  );
}

export interface StoredClaimRow {
  id: string;
  claimId: string;
  personId: string;
  therapistHpr: string;
  therapistName: string;
  paid: boolean;
  outcome: string;
  refusjonOre: Ore;
  requestHash: string;
  receivedOn: IsoDate;
}

export interface StoredLineRow {
  lineNo: number;
  takst: string;
  serviceDate: IsoDate;
  startMinute: number;
  minutes: number;
  groupSize: number | null;
  outcome: string;
  controls: unknown;
  honorarOre: Ore;
  refusjonOre: Ore;
  egenandelOre: Ore;
  egenandelDisposition: string;
  egenandelId: string | null;
}

export interface StoredClaim {
  claim: StoredClaimRow;
  lines: StoredLineRow[];
}

/** The key of a claim: its provider and the provider's claim id. */
export function claimKey(orgnr: string, claimId: string): string {
  return `${orgnr}\n${claimId}`;
}

/**
 * The providers' names, and the claims they have already sent under these ids, with their lines
 * (keyed by `claimKey`). One statement for every provider of a group-commit batch.
 */
export async function loadExistingClaims(
  t: WriterTx,
  keys: ReadonlyArray<{ orgnr: string; claimId: string }>,
): Promise<{ providerNames: Map<string, string>; claims: Map<string, StoredClaim> }> {
  const orgnrs = [...new Set(keys.map((k) => k.orgnr))];
  const pairs = [...new Map(keys.map((k) => [claimKey(k.orgnr, k.claimId), { o: k.orgnr, c: k.claimId }])).values()];
  const rows = rowsOf<{ kind: string; orgnr: string; provider_name: string | null; claim: unknown; lines: unknown }>(
    await t.q(
      sql`
      select 'p' as kind, p.orgnr::text as orgnr, p.name as provider_name, null::json as claim, null::json as lines
      from providers p where p.orgnr in (select jsonb_array_elements_text(${JSON.stringify(orgnrs)}::jsonb))
      union all
      select 'c', c.provider_orgnr::text, null,
        json_build_object('id', c.id, 'claimId', c.claim_id, 'personId', c.person_id, 'therapistHpr', c.therapist_hpr, 'therapistName', c.therapist_name,
          'paid', c.paid, 'outcome', c.outcome, 'refusjonOre', c.refusjon_ore, 'requestHash', c.request_hash, 'receivedOn', c.received_on),
        (select json_agg(json_build_object('lineNo', l.line_no, 'takst', l.takst, 'serviceDate', l.service_date, 'startMinute', l.start_minute,
            'minutes', l.minutes, 'groupSize', l.group_size, 'outcome', l.outcome, 'controls', l.controls, 'honorarOre', l.honorar_ore,
            'refusjonOre', l.refusjon_ore, 'egenandelOre', l.egenandel_ore, 'egenandelDisposition', l.egenandel_disposition, 'egenandelId', l.egenandel_id)
            order by l.line_no)
          from claim_lines l where l.claim_ref = c.id)
      from claims c join jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as k(o varchar, c text) on c.provider_orgnr = k.o and c.claim_id = k.c`,
      { prepared: "claims_existing" },
    ),
  );
  const providerNames = new Map<string, string>();
  const claims = new Map<string, StoredClaim>();
  for (const r of rows) {
    if (r.kind === "p") providerNames.set(r.orgnr, r.provider_name ?? "");
    else {
      const claim = parseJson<StoredClaimRow>(r.claim);
      claims.set(claimKey(r.orgnr, claim.claimId), { claim, lines: parseJson<StoredLineRow[] | null>(r.lines) ?? [] });
    }
  }
  return { providerNames, claims };
}

export interface ControlHistoryInput {
  personIds: readonly string[];
  therapistDays: ReadonlyArray<{ hpr: string; date: string }>;
  examYears: ReadonlyArray<{ personId: string; year: number }>;
  examCodes: readonly string[];
  slackDays: number;
}

export type ControlHistory = { persons: Map<string, { birthDate: IsoDate | null; diedOn: IsoDate | null }>; history: HistoryLine[] };

/**
 * Everything the controls read, in one statement: the patients' facts, every line not rejected of
 * the therapists on the days the new lines are on (overlap), and the patients' examinations in the
 * years the new examination lines are in, with `slackDays` either side (the interval rule).
 * The claims service sends it with the register state's read (`loadRegisterStateWith`).
 */
export function controlHistoryStatement(input: ControlHistoryInput): Statement {
  return {
    statement: sql`
      with td as (
        select distinct * from jsonb_to_recordset(${JSON.stringify(input.therapistDays)}::jsonb) as x(hpr varchar, date date)
      ), py as (
        select distinct * from jsonb_to_recordset(${JSON.stringify(input.examYears)}::jsonb) as x("personId" uuid, year integer)
      ), lines as (
        select l.id, l.person_id, l.therapist_hpr, l.takst, l.service_date, l.start_minute, l.minutes
        from claim_lines l join td on l.therapist_hpr = td.hpr and l.service_date = td.date
        where l.outcome <> 'avvist'
        union
        select l.id, l.person_id, l.therapist_hpr, l.takst, l.service_date, l.start_minute, l.minutes
        from claim_lines l join py on l.person_id = py."personId"
          and l.service_date >= make_date(py.year, 1, 1) - ${input.slackDays}::integer
          and l.service_date <= make_date(py.year, 12, 31) + ${input.slackDays}::integer
        where l.outcome <> 'avvist' and l.takst in (select jsonb_array_elements_text(${JSON.stringify(input.examCodes)}::jsonb))
      )
      select 'p' as kind, p.id::text as id, p.id::text as person_id, p.birth_date::text as birth_date, p.died_on::text as died_on,
        null::text as therapist_hpr, null::text as takst, null::text as service_date, null::integer as start_minute, null::integer as minutes
      from persons p where p.id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(input.personIds)])}::jsonb)::uuid)
      union all
      select 'l', lines.id::text, lines.person_id::text, null, null, lines.therapist_hpr, lines.takst, lines.service_date::text, lines.start_minute, lines.minutes
      from lines`,
    prepared: "claims_history",
  };
}

/** The controls' history from `controlHistoryStatement`'s result. */
export function controlHistoryOf(result: unknown): ControlHistory {
  const rows = rowsOf<{
    kind: string;
    id: string;
    person_id: string;
    birth_date: IsoDate | null;
    died_on: IsoDate | null;
    therapist_hpr: string | null;
    takst: string | null;
    service_date: IsoDate | null;
    start_minute: number | null;
    minutes: number | null;
  }>(result);
  const persons = new Map<string, { birthDate: IsoDate | null; diedOn: IsoDate | null }>();
  const history: HistoryLine[] = [];
  for (const r of rows) {
    if (r.kind === "p") persons.set(r.person_id, { birthDate: r.birth_date, diedOn: r.died_on });
    else {
      history.push({
        personId: r.person_id,
        therapistHpr: r.therapist_hpr!,
        takst: r.takst!,
        date: r.service_date!,
        startMinute: Number(r.start_minute),
        minutes: Number(r.minutes),
      });
    }
  }
  return { persons, history };
}

export interface NewClaimRow extends StoredClaimRow {
  orgnr: string;
}

export interface NewLineRow extends StoredLineRow {
  claimRef: string;
  personId: string;
  orgnr: string;
  therapistHpr: string;
}

/** Inserts new claims and their lines in one statement (on a server, sent with the transaction's next statement or its COMMIT). */
export async function insertClaims(t: WriterTx, claims: readonly NewClaimRow[], lines: readonly NewLineRow[]): Promise<void> {
  if (!claims.length) return;
  const c = claims.map((x) => ({
    id: x.id,
    provider_orgnr: x.orgnr,
    claim_id: x.claimId,
    person_id: x.personId,
    therapist_hpr: x.therapistHpr,
    therapist_name: x.therapistName,
    paid: x.paid,
    outcome: x.outcome,
    refusjon_ore: x.refusjonOre,
    request_hash: x.requestHash,
    received_on: x.receivedOn,
  }));
  const l = lines.map((x) => ({
    claim_ref: x.claimRef,
    line_no: x.lineNo,
    person_id: x.personId,
    provider_orgnr: x.orgnr,
    therapist_hpr: x.therapistHpr,
    takst: x.takst,
    service_date: x.serviceDate,
    start_minute: x.startMinute,
    minutes: x.minutes,
    group_size: x.groupSize,
    outcome: x.outcome,
    controls: x.controls,
    honorar_ore: x.honorarOre,
    refusjon_ore: x.refusjonOre,
    egenandel_ore: x.egenandelOre,
    egenandel_disposition: x.egenandelDisposition,
    egenandel_id: x.egenandelId,
  }));
  await writeLater(
    t,
    sql`
    with c as (
      insert into claims (id, provider_orgnr, claim_id, person_id, therapist_hpr, therapist_name, paid, outcome, refusjon_ore, request_hash, received_on)
      select id, provider_orgnr, claim_id, person_id, therapist_hpr, therapist_name, paid, outcome, refusjon_ore, request_hash, received_on
      from jsonb_to_recordset(${JSON.stringify(c)}::jsonb) as x(id uuid, provider_orgnr varchar, claim_id text, person_id uuid, therapist_hpr varchar,
        therapist_name text, paid boolean, outcome text, refusjon_ore integer, request_hash varchar, received_on date)
      order by provider_orgnr, claim_id
    ), l as (
      insert into claim_lines (claim_ref, line_no, person_id, provider_orgnr, therapist_hpr, takst, service_date, start_minute, minutes, group_size,
        outcome, controls, honorar_ore, refusjon_ore, egenandel_ore, egenandel_disposition, egenandel_id)
      select claim_ref, line_no, person_id, provider_orgnr, therapist_hpr, takst, service_date, start_minute, minutes, group_size,
        outcome, controls, honorar_ore, refusjon_ore, egenandel_ore, egenandel_disposition, egenandel_id
      from jsonb_to_recordset(${JSON.stringify(l)}::jsonb) as x(claim_ref uuid, line_no smallint, person_id uuid, provider_orgnr varchar, therapist_hpr varchar,
        takst varchar, service_date date, start_minute smallint, minutes smallint, group_size smallint, outcome text, controls jsonb, honorar_ore integer,
        refusjon_ore integer, egenandel_ore integer, egenandel_disposition text, egenandel_id uuid)
    )
    select 1`,
    { prepared: "claims_insert" },
  );
}

/** What was billed behind a person's egenandeler (only lines whose egenandel the register stored), by egenandel id. */
export interface BilledLine {
  egenandelId: string;
  lineId: string;
  claimId: string;
  lineNo: number;
  orgnr: string;
  therapistHpr: string;
  therapistName: string;
  takst: string;
  serviceDate: IsoDate;
  startMinute: number;
  minutes: number;
  groupSize: number | null;
  confirmedAt: string | null;
  /** The reference of the patient's report about it, when there is one. */
  reportReference: string | null;
}

export async function billedLinesFor(db: import("~/db/client.server").Db, personId: string, egenandelIds: readonly string[]): Promise<Map<string, BilledLine>> {
  const out = new Map<string, BilledLine>();
  if (!egenandelIds.length) return out;
  const res = await db.execute(sql`
    select l.egenandel_id::text as "egenandelId", l.id::text as "lineId", c.claim_id as "claimId", l.line_no as "lineNo", c.provider_orgnr as orgnr,
      c.therapist_hpr as "therapistHpr", c.therapist_name as "therapistName", l.takst, l.service_date::text as "serviceDate",
      l.start_minute as "startMinute", l.minutes, l.group_size as "groupSize", l.patient_confirmed_at::text as "confirmedAt",
      (select k.reference from cases k where k.person_id = l.person_id and k.kind = 'claim-report' and k.egenandel_id = l.egenandel_id
        order by k.created_at desc limit 1) as "reportReference"
    from claim_lines l join claims c on c.id = l.claim_ref
    where l.person_id = ${personId} and l.egenandel_id in (select jsonb_array_elements_text(${JSON.stringify([...egenandelIds])}::jsonb)::uuid)`);
  for (const r of rowsOf<BilledLine>(res))
    out.set(r.egenandelId, {
      ...r,
      lineNo: Number(r.lineNo),
      startMinute: Number(r.startMinute),
      minutes: Number(r.minutes),
      groupSize: r.groupSize === null ? null : Number(r.groupSize),
    });
  return out;
}

/** The patient confirms a billed line; confirming again keeps the first time. */
export async function confirmBilledLine(db: import("~/db/client.server").Db, personId: string, lineId: string): Promise<void> {
  await db.execute(sql`update claim_lines set patient_confirmed_at = coalesce(patient_confirmed_at, now()) where id = ${lineId} and person_id = ${personId}`);
}
