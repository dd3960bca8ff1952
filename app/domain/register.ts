/**
 * The register's planner (pure): one function decides what every change to the egenandel register
 * does, whoever asks for it — a provider through the API (register, correct, mark paid, cancel), a
 * caseworker registering a reported missing egenandel, a decided application abroad, a decided
 * frikort application — and what follows for the person-year (frikort date, audit rows, refunds,
 * inbox). The caller loads the state (models/register-writer), this plans, the writer applies the
 * plan in one transaction. So every path has the same reservation rule, the same event row and the
 * same idempotency (docs/decisions/0013-one-register-writer.md).
 */
import { isSupportedYear } from "../rules/parameters/egenandelstak";
import { childExemptUntil } from "./child-exemption";
import { takForService } from "../rules/parameters/tak-mapping";
import { yearOf } from "../kernel/dates";
import { answerFrikortQuestion } from "./frikort-status";
import { computeYearOverview, type OverviewLineStatus, type YearOverview } from "./overview";
import { planPersonYear, type PersonYearPlan, type StoredPayout, type StoredStatus } from "./person-year";
import type { EgenandelRow, Fnr, IsoDate, Ore, Orgnr, ServiceType } from "../kernel/types";

/** Who asked for a change: written on the event row, so the history says where every egenandel came from. */
export type RegisterSource =
  | { kind: "provider"; orgnr: Orgnr }
  | { kind: "report"; reference: string }
  | { kind: "abroad"; reference: string }
  | { kind: "frikort-application"; reference: string }
  /** A physiotherapist's treatment claim (regning) through the claims API: the egenandel of one approved line. */
  | { kind: "claim"; reference: string }
  /** History loaded as it stood (demo data, test fixtures): no input checks, but never for a reserved person. */
  | { kind: "import"; reference: string }
  /** A recompute with no change to the rows (reservation lifted, payout account registered). */
  | { kind: "system"; reference: string };

export type RegisterSourceKind = RegisterSource["kind"];

export function sourceRef(s: RegisterSource): string {
  return s.kind === "provider" ? s.orgnr : s.reference;
}

export interface ClaimKey {
  orgnr: string;
  claimId: string;
}

export function claimKeyOf(k: ClaimKey): string {
  return `${k.orgnr}\u0000${k.claimId}`;
}

/** The person a registration is for: by fødselsnummer (the API; created when new) or by id. */
export type PersonRef = { fnr: Fnr; birthDate: IsoDate | null } | { personId: string };

export interface NewClaim extends ClaimKey {
  providerName: string;
  serviceDate: IsoDate;
  serviceType: ServiceType;
  amountOre: Ore;
  paid: boolean;
  /** Null when unpaid. */
  paidDate: IsoDate | null;
}

export type RegisterRequest =
  | {
      op: "register";
      source: RegisterSource;
      person: PersonRef;
      claim: NewClaim;
      /** A digest of the request as first sent: the same again is a retry, another body a conflict. */
      hash: string;
      /** The organisation the claim is registered under, created when missing (Helfo's own, a reported one). */
      provider?: { orgnr: string; name: string };
      /**
       * The egenandel is waived, and nothing stored, when the person has a frikort for the service's
       * tak on the service date as the register stands at that point (refused "frikort"): a
       * treatment claim, where the provider charges no egenandel to a frikort holder.
       */
      waiveOnFrikort?: boolean;
    }
  | { op: "correct"; source: RegisterSource; key: ClaimKey; amountOre: Ore; reason: string }
  | { op: "pay"; source: RegisterSource; key: ClaimKey; paidDate: IsoDate }
  | { op: "cancel"; source: RegisterSource; key: ClaimKey; reason: string }
  | { op: "recompute"; source: RegisterSource; personId: string; year: number };

export type RefusalCode =
  | "conflict"
  | "not-found"
  | "already-cancelled"
  | "exempt-child"
  | "date-in-future"
  | "date-unsupported"
  | "paid-before-service"
  | "reserved"
  /** Only with waiveOnFrikort: the person had a frikort on the service date, so there is no egenandel. */
  | "frikort";

export interface Refusal {
  code: RefusalCode;
  field?: string;
}

export interface PersonState {
  id: string;
  birthDate: IsoDate | null;
  payoutAccount: string | null;
  /** An account abroad, when the person gave one instead of a kontonummer. */
  foreignAccount?: { iban: string; bic: string } | null;
  reserved: boolean;
}

/** A stored egenandel as the register knows it. */
export interface StoredClaim extends NewClaim {
  id: string;
  personId: string;
  cancelled: boolean;
  hash: string | null;
}

export interface PersonYearState {
  rows: EgenandelRow[];
  status: StoredStatus[];
  payouts: StoredPayout[];
}

/** What the loader read, under the persons' locks. */
export interface RegisterState {
  persons: ReadonlyMap<string, PersonState>;
  personIdByFnr: ReadonlyMap<string, string>;
  /** Existing claims by claimKeyOf. */
  claims: ReadonlyMap<string, StoredClaim>;
  /** By yearKey(personId, year): every person-year a request touches or a found claim lies in. */
  years: ReadonlyMap<string, PersonYearState>;
}

export function yearKey(personId: string, year: number): string {
  return `${personId}:${year}`;
}

export type Outcome =
  | { ok: true; created: boolean; changed: boolean; claim: StoredClaim; status: OverviewLineStatus }
  | { ok: true; recomputed: true; personId: string; year: number }
  | { ok: false; refusal: Refusal };

export interface ClaimSnapshot {
  amountOre: Ore;
  paid: boolean;
  paidDate: IsoDate | null;
  cancelled: boolean;
}

export interface EventRow {
  egenandelId: string;
  personId: string;
  kind: "registered" | "corrected" | "paid" | "cancelled";
  providerOrgnr: string;
  source: RegisterSourceKind;
  sourceRef: string;
  before: ClaimSnapshot | null;
  after: ClaimSnapshot;
  reason: string | null;
}

export interface ClaimUpdate {
  id: string;
  amountOre: Ore;
  paid: boolean;
  paidDate: IsoDate | null;
  cancel: boolean;
}

export interface YearWrite {
  personId: string;
  year: number;
  cause: string;
  plan: PersonYearPlan;
}

export interface RegisterPlan {
  outcomes: Outcome[];
  providers: Array<{ orgnr: string; name: string }>;
  inserts: StoredClaim[];
  updates: ClaimUpdate[];
  events: EventRow[];
  years: YearWrite[];
  /** Persons granted a new frikort (told after the commit). */
  frikortGranted: string[];
}

export interface PlanContext {
  today: IsoDate;
  /** Ids for new egenandeler (time-ordered in production). */
  newId: () => string;
}

function snapshot(c: { amountOre: Ore; paid: boolean; paidDate: IsoDate | null; cancelled: boolean }): ClaimSnapshot {
  return { amountOre: c.amountOre, paid: c.paid, paidDate: c.paidDate, cancelled: c.cancelled };
}

function toRow(c: StoredClaim): EgenandelRow {
  return {
    id: c.id,
    serviceDate: c.serviceDate,
    serviceType: c.serviceType,
    amountOre: c.amountOre,
    providerName: c.providerName,
    paid: c.paid,
    paidDate: c.paidDate,
    cancelled: c.cancelled,
  };
}

/** The input checks of a new egenandel that need no stored data (the API's 422s). */
export function checkNewClaim(claim: NewClaim, birthDate: IsoDate | null, today: IsoDate): Refusal | null {
  if (claim.serviceDate > today) return { code: "date-in-future", field: "serviceDate" };
  if (!isSupportedYear(yearOf(claim.serviceDate))) return { code: "date-unsupported", field: "serviceDate" };
  if (claim.paidDate && claim.paidDate < claim.serviceDate) return { code: "paid-before-service", field: "paidDate" };
  if (claim.paidDate && claim.paidDate > today) return { code: "date-in-future", field: "paidDate" };
  if (birthDate && claim.serviceDate <= childExemptUntil(birthDate)) return { code: "exempt-child", field: "fnr" };
  return null;
}

function personIdOf(state: RegisterState, ref: PersonRef): string | undefined {
  return "personId" in ref ? ref.personId : state.personIdByFnr.get(ref.fnr);
}

/** Plans a list of requests, in order, each seeing the ones before it (a batch is a sequence). */
export function planRegisterChanges(state: RegisterState, requests: readonly RegisterRequest[], ctx: PlanContext): RegisterPlan {
  const claims = new Map(state.claims);
  const rowsByYear = new Map<string, EgenandelRow[]>();
  const touched = new Map<string, { personId: string; year: number; causes: string[] }>();
  const plan: RegisterPlan = { outcomes: [], providers: [], inserts: [], updates: [], events: [], years: [], frikortGranted: [] };
  const providers = new Map<string, string>();
  const pendingUpdates = new Map<string, ClaimUpdate>();
  const outcomeClaims: Array<{ index: number; key: string; created: boolean; changed: boolean }> = [];
  const out: Array<Outcome | null> = [];

  const rowsOf = (personId: string, year: number): EgenandelRow[] => {
    const k = yearKey(personId, year);
    let rows = rowsByYear.get(k);
    if (!rows) {
      rows = [...(state.years.get(k)?.rows ?? [])];
      rowsByYear.set(k, rows);
    }
    return rows;
  };
  const touch = (personId: string, year: number, cause: string) => {
    const k = yearKey(personId, year);
    const t = touched.get(k) ?? { personId, year, causes: [] };
    if (!t.causes.includes(cause)) t.causes.push(cause);
    touched.set(k, t);
  };
  const refuse = (code: RefusalCode, field?: string): Outcome => ({ ok: false, refusal: field ? { code, field } : { code } });

  requests.forEach((req, index) => {
    const ref = sourceRef(req.source);
    if (req.op === "recompute") {
      if (isSupportedYear(req.year)) touch(req.personId, req.year, ref);
      out.push({ ok: true, recomputed: true, personId: req.personId, year: req.year });
      return;
    }
    if (req.op === "register") {
      const personId = personIdOf(state, req.person);
      const person = personId ? state.persons.get(personId) : undefined;
      if (!person) throw new Error("register: the person was not loaded");
      const c = req.claim;
      if (req.source.kind !== "import") {
        const refusal = checkNewClaim(c, person.birthDate ?? ("birthDate" in req.person ? req.person.birthDate : null), ctx.today);
        if (refusal) return void out.push({ ok: false, refusal });
      }
      // Reserved against storage: nothing is stored, on any path (docs/decisions/0007-reservation.md).
      if (person.reserved) return void out.push(refuse("reserved"));
      const key = claimKeyOf(c);
      const existing = claims.get(key);
      if (existing) {
        if (existing.hash !== req.hash) return void out.push(refuse("conflict", "claimId"));
        out.push(null); // answered below, with the year's status
        outcomeClaims.push({ index, key, created: false, changed: false });
        return;
      }
      if (req.waiveOnFrikort && isSupportedYear(yearOf(c.serviceDate))) {
        // The frikort as the register stands now, with the requests before this one (a batch is a sequence).
        const year = yearOf(c.serviceDate);
        const overview = computeYearOverview({ year, birthDate: person.birthDate, rows: rowsOf(person.id, year) });
        const tak = takForService(c.serviceType, c.serviceDate);
        const frikortFrom = overview.taks.find((t) => t.tak === tak)?.frikortFrom ?? null;
        const answer = answerFrikortQuestion({ date: c.serviceDate, person: { birthDate: person.birthDate, reserved: false }, frikortFrom });
        if (answer.status === "frikort") return void out.push(refuse(answer.basis === "under-16" ? "exempt-child" : "frikort"));
      }
      const stored: StoredClaim = { ...c, paidDate: c.paid ? c.paidDate : null, id: ctx.newId(), personId: person.id, cancelled: false, hash: req.hash };
      claims.set(key, stored);
      plan.inserts.push(stored);
      if (req.provider && !providers.has(req.provider.orgnr)) providers.set(req.provider.orgnr, req.provider.name);
      rowsOf(person.id, yearOf(c.serviceDate)).push(toRow(stored));
      plan.events.push({
        egenandelId: stored.id,
        personId: person.id,
        kind: "registered",
        providerOrgnr: c.orgnr,
        source: req.source.kind,
        sourceRef: ref,
        before: null,
        after: snapshot(stored),
        reason: null,
      });
      touch(person.id, yearOf(c.serviceDate), req.source.kind === "import" ? ref : `registered ${c.orgnr}/${c.claimId}`);
      out.push(null); // answered below, with the year's status
      outcomeClaims.push({ index, key, created: true, changed: true });
      return;
    }
    // correct, pay, cancel: a provider's (or Helfo's) change to a stored egenandel of its own.
    const key = claimKeyOf(req.key);
    const row = claims.get(key);
    if (!row) return void out.push(refuse("not-found", "claimId"));
    if (row.cancelled) {
      if (req.op === "cancel") {
        out.push(null);
        outcomeClaims.push({ index, key, created: false, changed: false });
        return;
      }
      return void out.push(refuse("already-cancelled", "claimId"));
    }
    let after: StoredClaim | null = null;
    let reason: string | null = null;
    if (req.op === "correct") {
      if (row.amountOre !== req.amountOre) after = { ...row, amountOre: req.amountOre };
      reason = req.reason;
    } else if (req.op === "pay") {
      if (req.paidDate < row.serviceDate) return void out.push(refuse("paid-before-service", "paidDate"));
      if (req.paidDate > ctx.today) return void out.push(refuse("date-in-future", "paidDate"));
      if (!row.paid || row.paidDate !== req.paidDate) after = { ...row, paid: true, paidDate: req.paidDate };
    } else {
      after = { ...row, cancelled: true };
      reason = req.reason;
    }
    if (!after) {
      out.push(null);
      outcomeClaims.push({ index, key, created: false, changed: false });
      return;
    }
    claims.set(key, after);
    const inserted = plan.inserts.findIndex((i) => i.id === row.id);
    if (inserted >= 0) plan.inserts[inserted] = after;
    else pendingUpdates.set(row.id, { id: row.id, amountOre: after.amountOre, paid: after.paid, paidDate: after.paidDate, cancel: after.cancelled });
    const year = yearOf(row.serviceDate);
    const rows = rowsOf(row.personId, year);
    const at = rows.findIndex((r) => r.id === row.id);
    if (at >= 0) rows[at] = toRow(after);
    plan.events.push({
      egenandelId: row.id,
      personId: row.personId,
      kind: req.op === "correct" ? "corrected" : req.op === "pay" ? "paid" : "cancelled",
      providerOrgnr: row.orgnr,
      source: req.source.kind,
      sourceRef: ref,
      before: snapshot(row),
      after: snapshot(after),
      reason,
    });
    const kind = req.op === "correct" ? "corrected" : req.op === "pay" ? "paid" : "cancelled";
    touch(row.personId, year, `${kind} ${row.orgnr}/${row.claimId}${reason ? `: ${reason}` : ""}`);
    out.push(null);
    outcomeClaims.push({ index, key, created: false, changed: true });
  });

  plan.updates = [...pendingUpdates.values()];
  plan.providers = [...providers].map(([orgnr, name]) => ({ orgnr, name }));

  // The engine, once per person-year touched, on the rows as they stand after every request.
  const overviews = new Map<string, YearOverview>();
  for (const [k, t] of touched) {
    const person = state.persons.get(t.personId);
    if (!person) throw new Error("register: the person was not loaded");
    const stored = state.years.get(k);
    const overview = computeYearOverview({ year: t.year, birthDate: person.birthDate, rows: rowsOf(t.personId, t.year) });
    overviews.set(k, overview);
    const p = planPersonYear(
      { birthDate: person.birthDate, payoutAccount: person.payoutAccount, foreignAccount: person.foreignAccount ?? null, reserved: person.reserved },
      t.year,
      overview,
      stored?.status ?? [],
      stored?.payouts ?? [],
    );
    plan.years.push({ personId: t.personId, year: t.year, cause: t.causes.join(", "), plan: p });
    if (p.frikortGranted.length && !plan.frikortGranted.includes(t.personId)) plan.frikortGranted.push(t.personId);
  }

  // Each claim's answer carries its status in the year as it now stands.
  for (const o of outcomeClaims) {
    const claim = claims.get(o.key)!;
    const k = yearKey(claim.personId, yearOf(claim.serviceDate));
    let overview = overviews.get(k);
    if (!overview && isSupportedYear(yearOf(claim.serviceDate)) && state.years.has(k)) {
      const person = state.persons.get(claim.personId);
      overview = computeYearOverview({ year: yearOf(claim.serviceDate), birthDate: person?.birthDate ?? null, rows: rowsOf(claim.personId, yearOf(claim.serviceDate)) });
      overviews.set(k, overview);
    }
    const status = claimStatus(overview ?? null, claim);
    out[o.index] = { ok: true, created: o.created, changed: o.changed, claim, status };
  }
  plan.outcomes = out.map((o) => o ?? { ok: false, refusal: { code: "not-found" } });
  return plan;
}

/** A claim's status in its year's overview; outside the rule tables, what the row itself says. */
export function claimStatus(overview: YearOverview | null, claim: { id: string; cancelled: boolean; paid: boolean }): OverviewLineStatus {
  return overview?.lines.find((l) => l.id === claim.id)?.status ?? (claim.cancelled ? "cancelled" : claim.paid ? "counted" : "unpaid");
}

/** The person-years a list of requests needs loaded (besides the years of the claims it names). */
export function personYearsOf(requests: readonly RegisterRequest[], personIdByFnr: ReadonlyMap<string, string>): Array<{ personId: string; year: number }> {
  const out = new Map<string, { personId: string; year: number }>();
  for (const r of requests) {
    let personId: string | undefined;
    let year: number | undefined;
    if (r.op === "register") {
      personId = "personId" in r.person ? r.person.personId : personIdByFnr.get(r.person.fnr);
      year = yearOf(r.claim.serviceDate);
    } else if (r.op === "recompute") {
      personId = r.personId;
      year = r.year;
    }
    if (personId && year !== undefined && isSupportedYear(year)) out.set(yearKey(personId, year), { personId, year });
  }
  return [...out.values()];
}

export function claimKeysOf(requests: readonly RegisterRequest[]): ClaimKey[] {
  const out = new Map<string, ClaimKey>();
  for (const r of requests) {
    if (r.op === "register") out.set(claimKeyOf(r.claim), { orgnr: r.claim.orgnr, claimId: r.claim.claimId });
    else if (r.op !== "recompute") out.set(claimKeyOf(r.key), r.key);
  }
  return [...out.values()];
}
