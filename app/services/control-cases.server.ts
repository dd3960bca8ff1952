/**
 * Control cases against a provider (etterkontroll, issue 20 part 5): opening one, moving it with
 * the domain's one transition function (app/domain/control-case.ts), its claim lines, files and
 * timeline. Every step is one transaction: the case row is locked, its version checked, the event
 * (append-only) and the new state written, and the step audit-logged (staff_audit_log).
 */
import { createHash, randomInt } from "node:crypto";
import { and, asc, desc, eq, gt, ilike, inArray, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { claimLines, claims, controlCaseEvents, controlCaseFiles, controlCases, providerReceivables, providers, staffAuditLog } from "~/db/schema";
import { sniff, type SniffReason } from "~/documents/text/sniff";
import { type ControlCommand, type ControlLine, type ControlState, FINAL_TAGS, receivableChange, type TransitionError, selectedLineIds, transition } from "~/domain/control-case";
import type { StaffUnit } from "~/domain/staff-roles";
import { yearOf } from "~/kernel/dates";
import { parseOrgnr } from "~/kernel/orgnr";
import type { IsoDate, Ore, Orgnr } from "~/kernel/types";
import { appealWeeks, lateAppealLimitYears, repaymentDueDays } from "~/rules/parameters/control-cases";
import type { LineReview } from "~/domain/staff-register";
import { listHeldLines, reviewHeldLine } from "./staff-register.server";
import { valueAt } from "~/rules/parameter";
import { ZERO_ORE } from "~/kernel/money";

export const CONTROL_SUBJECT = "control-case";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Actor {
  ident: string;
  unit: StaffUnit;
}

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
function newControlReference(year: number): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `KK-${year}-${s}`;
}

/** Writes one audit row for a control case: a step taken or data read (person null: not one resident's data). */
async function audit(db: Db, actor: Actor, action: string, caseId: string, personIds: readonly (string | null)[] = [null]): Promise<void> {
  if (!personIds.length) return;
  await db
    .insert(staffAuditLog)
    .values(personIds.map((personId) => ({ staffIdent: actor.ident, unit: actor.unit, action, subjectKind: CONTROL_SUBJECT, subjectId: caseId, personId })));
}

// ---------------------------------------------------------------------------------------------
// Providers

export interface ProviderHit {
  id: string;
  orgnr: string;
  name: string;
  lines: number;
}

/** Providers by orgnr or name (for opening a case from the list page); at most 20, those with claims first. */
export async function searchProviders(db: Db, q: string): Promise<ProviderHit[]> {
  const term = q.trim().slice(0, 100);
  if (term.length < 2) return [];
  const orgnrTerm = parseOrgnr(term.replace(/\s/g, ""));
  const lines = sql<number>`(select count(*)::int from ${claimLines} where ${claimLines.providerOrgnr} = ${providers.orgnr})`;
  const rows = await db
    .select({ id: providers.id, orgnr: providers.orgnr, name: providers.name, lines })
    .from(providers)
    .where(or(orgnrTerm ? eq(providers.orgnr, orgnrTerm) : undefined, ilike(providers.name, `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)))
    .orderBy(desc(lines), asc(providers.name))
    .limit(20);
  return rows.map((r) => ({ ...r, lines: Number(r.lines) }));
}

async function providerBy(db: Db, providerId: string) {
  const where = UUID.test(providerId) ? eq(providers.id, providerId) : parseOrgnr(providerId) ? eq(providers.orgnr, parseOrgnr(providerId)!) : null;
  if (!where) return null;
  const [p] = await db.select({ id: providers.id, orgnr: providers.orgnr, name: providers.name }).from(providers).where(where);
  return p ?? null;
}

// ---------------------------------------------------------------------------------------------
// Opening and listing

export type OpenResult = { ok: true; id: string; reference: string } | { ok: false; error: "provider-unknown" | "therapist-unknown" };

/** Opens a case against a provider (optionally one therapist of it), from a risk signal. */
export async function openControlCase(db: Db, actor: Actor, input: { providerId: string; therapistHpr: string | null; signal: string }, today: IsoDate): Promise<OpenResult> {
  const provider = await providerBy(db, input.providerId);
  if (!provider) return { ok: false, error: "provider-unknown" };
  if (input.therapistHpr) {
    const [hit] = await db
      .select({ one: sql<number>`1` })
      .from(claimLines)
      .where(and(eq(claimLines.providerOrgnr, provider.orgnr), eq(claimLines.therapistHpr, input.therapistHpr)))
      .limit(1);
    if (!hit) return { ok: false, error: "therapist-unknown" };
  }
  const state: ControlState = { tag: "opened" };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const reference = newControlReference(yearOf(today));
    const [row] = await tx
      .insert(controlCases)
      .values({
        reference,
        providerOrgnr: provider.orgnr,
        therapistHpr: input.therapistHpr,
        signal: input.signal,
        openedBy: actor.ident,
        openedOn: today,
        stateTag: state.tag,
        state,
        version: 1,
      })
      .returning({ id: controlCases.id });
    const id = row!.id;
    await tx.insert(controlCaseEvents).values({
      caseId: id,
      seq: 1,
      kind: "opened",
      on: today,
      actor: actor.ident,
      data: { providerOrgnr: provider.orgnr, therapistHpr: input.therapistHpr, signal: input.signal },
      stateAfter: state,
    });
    await audit(tx, actor, "control.opened", id);
    return { ok: true as const, id, reference };
  });
}

export interface ControlCaseListItem {
  id: string;
  reference: string;
  providerOrgnr: string;
  providerName: string;
  therapistHpr: string | null;
  signal: string;
  openedOn: string;
  openedBy: string;
  stateTag: string;
  updatedAt: Date;
}

/** Every control case, the newest move first (references, providers and states: no resident's data). */
export async function listControlCases(db: Db, filter: { open?: boolean } = {}): Promise<ControlCaseListItem[]> {
  const rows = await db
    .select({
      id: controlCases.id,
      reference: controlCases.reference,
      providerOrgnr: controlCases.providerOrgnr,
      providerName: providers.name,
      therapistHpr: controlCases.therapistHpr,
      signal: controlCases.signal,
      openedOn: controlCases.openedOn,
      openedBy: controlCases.openedBy,
      stateTag: controlCases.stateTag,
      updatedAt: controlCases.updatedAt,
    })
    .from(controlCases)
    .innerJoin(providers, eq(providers.orgnr, controlCases.providerOrgnr))
    .where(filter.open ? notInArray(controlCases.stateTag, [...FINAL_TAGS]) : undefined)
    .orderBy(desc(controlCases.updatedAt))
    .limit(500);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// One case

export interface CaseLine extends ControlLine {
  claimId: string;
  lineNo: number;
  personId: string;
  therapistHpr: string;
  startMinute: number;
  minutes: number;
  honorarOre: Ore;
  outcome: string;
}

const lineColumns = {
  id: claimLines.id,
  claimId: claims.claimId,
  lineNo: claimLines.lineNo,
  personId: claimLines.personId,
  therapistHpr: claimLines.therapistHpr,
  takst: claimLines.takst,
  serviceDate: claimLines.serviceDate,
  startMinute: claimLines.startMinute,
  minutes: claimLines.minutes,
  honorarOre: claimLines.honorarOre,
  refusjonOre: claimLines.refusjonOre,
  egenandelDisposition: claimLines.egenandelDisposition,
  outcome: claimLines.outcome,
};

/** The lines with these ids that belong to the case's provider (and therapist, when the case names one). */
export async function caseLines(db: Db, c: { providerOrgnr: Orgnr; therapistHpr: string | null }, ids: readonly string[]): Promise<CaseLine[]> {
  const valid = [...new Set(ids)].filter((id) => UUID.test(id));
  if (!valid.length) return [];
  return db
    .select(lineColumns)
    .from(claimLines)
    .innerJoin(claims, eq(claims.id, claimLines.claimRef))
    .where(and(inArray(claimLines.id, valid), eq(claimLines.providerOrgnr, c.providerOrgnr), c.therapistHpr ? eq(claimLines.therapistHpr, c.therapistHpr) : undefined))
    .orderBy(asc(claimLines.serviceDate), asc(claimLines.startMinute), asc(claims.claimId), asc(claimLines.lineNo));
}

/** Paid lines the controller can select for innhenting: the newest first, in an optional date range. */
export async function candidateLines(
  db: Db,
  c: { providerOrgnr: Orgnr; therapistHpr: string | null },
  range: { from?: IsoDate; to?: IsoDate } = {},
  limit = 300,
): Promise<CaseLine[]> {
  return db
    .select(lineColumns)
    .from(claimLines)
    .innerJoin(claims, eq(claims.id, claimLines.claimRef))
    .where(
      and(
        eq(claimLines.providerOrgnr, c.providerOrgnr),
        c.therapistHpr ? eq(claimLines.therapistHpr, c.therapistHpr) : undefined,
        gt(claimLines.refusjonOre, ZERO_ORE),
        range.from ? sql`${claimLines.serviceDate} >= ${range.from}` : undefined,
        range.to ? sql`${claimLines.serviceDate} <= ${range.to}` : undefined,
      ),
    )
    .orderBy(desc(claimLines.serviceDate), desc(claimLines.startMinute), asc(claims.claimId), asc(claimLines.lineNo))
    .limit(limit);
}

export interface CaseEvent {
  seq: number;
  kind: string;
  on: IsoDate;
  at: Date;
  actor: string;
  data: Record<string, unknown>;
  stateAfter: ControlState;
  file: { id: string; filename: string; mimeType: string; sizeBytes: number } | null;
}

export async function loadControlCase(db: Db, id: string) {
  if (!UUID.test(id)) return null;
  const [c] = await db
    .select({
      id: controlCases.id,
      reference: controlCases.reference,
      providerOrgnr: controlCases.providerOrgnr,
      providerId: providers.id,
      providerName: providers.name,
      therapistHpr: controlCases.therapistHpr,
      signal: controlCases.signal,
      openedBy: controlCases.openedBy,
      openedOn: controlCases.openedOn,
      stateTag: controlCases.stateTag,
      state: controlCases.state,
      version: controlCases.version,
    })
    .from(controlCases)
    .innerJoin(providers, eq(providers.orgnr, controlCases.providerOrgnr))
    .where(eq(controlCases.id, id));
  if (!c) return null;
  const events = await db
    .select({
      seq: controlCaseEvents.seq,
      kind: controlCaseEvents.kind,
      on: controlCaseEvents.on,
      at: controlCaseEvents.at,
      actor: controlCaseEvents.actor,
      data: controlCaseEvents.data,
      stateAfter: controlCaseEvents.stateAfter,
      fileId: controlCaseFiles.id,
      filename: controlCaseFiles.filename,
      mimeType: controlCaseFiles.mimeType,
      sizeBytes: controlCaseFiles.sizeBytes,
    })
    .from(controlCaseEvents)
    .leftJoin(controlCaseFiles, eq(controlCaseFiles.id, controlCaseEvents.fileId))
    .where(eq(controlCaseEvents.caseId, id))
    .orderBy(asc(controlCaseEvents.seq));
  const state = c.state as ControlState;
  const lines = await caseLines(db, c, selectedLineIds(state));
  return {
    ...c,
    state,
    lines,
    events: events.map((e): CaseEvent => ({
      seq: e.seq,
      kind: e.kind,
      on: e.on,
      at: e.at,
      actor: e.actor,
      data: e.data as Record<string, unknown>,
      stateAfter: e.stateAfter as ControlState,
      file: e.fileId ? { id: e.fileId, filename: e.filename ?? "", mimeType: e.mimeType ?? "", sizeBytes: e.sizeBytes ?? 0 } : null,
    })),
  };
}
export type LoadedControlCase = NonNullable<Awaited<ReturnType<typeof loadControlCase>>>;

/** A controller read the case: one audit row per patient whose claim lines it shows (or one without a person when it shows none). */
export async function auditControlRead(db: Db, actor: Actor, action: string, c: { id: string; lines: readonly { personId: string }[] }): Promise<void> {
  const persons = [...new Set(c.lines.map((l) => l.personId))];
  await audit(db, actor, action, c.id, persons.length ? persons : [null]);
}

// ---------------------------------------------------------------------------------------------
// Moving a case

export type StepResult = { ok: true; seq: number } | { ok: false; error: TransitionError | "stale" | "not-found" } | { ok: false; error: "file"; reason: SniffReason };

export interface StepFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Applies one command: the case row locked, its version compared with the one the controller saw
 * (another controller's step in between is "stale", nothing written), the transition run on the
 * lines the command names, and — when it is allowed — the file, the event, the new state and the
 * audit row written in the same transaction.
 */
export async function applyControlCommand(
  db: Db,
  actor: Actor,
  caseId: string,
  cmd: ControlCommand,
  opts: { today: IsoDate; version: number; file?: StepFile | null },
): Promise<StepResult> {
  if (!UUID.test(caseId)) return { ok: false, error: "not-found" };
  let stored: { mimeType: string; sha256: string; bytes: Uint8Array; name: string } | null = null;
  if (opts.file && opts.file.bytes.byteLength > 0) {
    // the same content check every upload meets (app/documents/text/sniff.ts), before the transaction
    const checked = await sniff(opts.file.bytes, { maxBytes: 10 * 1024 * 1024, maxPages: 200 });
    if (!checked.ok) return { ok: false, error: "file", reason: checked.reason };
    stored = {
      mimeType: { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" }[checked.kind],
      sha256: createHash("sha256").update(opts.file.bytes).digest("hex"),
      bytes: opts.file.bytes,
      name: opts.file.name.slice(0, 200) || "tilsvar",
    };
  }
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx.select().from(controlCases).where(eq(controlCases.id, caseId)).for("update");
    if (!c) return { ok: false as const, error: "not-found" as const };
    if (c.version !== opts.version) {
      // a double submit of the same form: the step it already took is the answer (idempotent), anything else is stale
      const [taken] = await tx
        .select({ kind: controlCaseEvents.kind, actor: controlCaseEvents.actor, data: controlCaseEvents.data })
        .from(controlCaseEvents)
        .where(and(eq(controlCaseEvents.caseId, caseId), eq(controlCaseEvents.seq, opts.version + 1)));
      if (taken && taken.kind === cmd.kind && taken.actor === actor.ident && canonical(taken.data) === canonical(commandData(cmd)))
        return { ok: true as const, seq: opts.version + 1 };
      return { ok: false as const, error: "stale" as const };
    }
    const state = c.state as ControlState;
    const ids = cmd.kind === "innhenting" ? cmd.lineIds : selectedLineIds(state);
    const lines = await caseLines(tx, c, ids);
    const result = transition(state, cmd, {
      today: opts.today,
      lines: new Map(lines.map((l) => [l.id, l])),
      appealWeeks: valueAt(appealWeeks, opts.today),
      lateAppealLimitYears: valueAt(lateAppealLimitYears, opts.today),
    });
    if (!result.ok) return result;
    let fileId: string | null = null;
    if (stored) {
      const [f] = await tx
        .insert(controlCaseFiles)
        .values({
          caseId,
          filename: stored.name,
          mimeType: stored.mimeType,
          sizeBytes: stored.bytes.byteLength,
          sha256: stored.sha256,
          content: Buffer.from(stored.bytes),
          uploadedBy: actor.ident,
        })
        .returning({ id: controlCaseFiles.id });
      fileId = f!.id;
    }
    const seq = c.version + 1;
    await tx.insert(controlCaseEvents).values({ caseId, seq, kind: cmd.kind, on: opts.today, actor: actor.ident, data: commandData(cmd), stateAfter: result.state, fileId });
    await tx.update(controlCases).set({ state: result.state, stateTag: result.state.tag, version: seq, updatedAt: new Date() }).where(eq(controlCases.id, caseId));
    // the vedtak's receivable (what the provider owes back), in the same transaction: a step taken twice cannot owe twice
    const change = receivableChange(result.state, valueAt(repaymentDueDays, opts.today));
    if (change.close) {
      await tx
        .update(providerReceivables)
        .set({ status: change.close, statusOn: opts.today })
        .where(and(eq(providerReceivables.caseId, caseId), eq(providerReceivables.status, "open")));
    }
    if (change.create) {
      await tx
        .insert(providerReceivables)
        .values({ providerOrgnr: c.providerOrgnr, caseId, eventSeq: seq, ...change.create, status: "open", statusOn: opts.today })
        .onConflictDoNothing();
    }
    await audit(tx, actor, `control.${cmd.kind}`, caseId);
    return { ok: true as const, seq };
  });
}

/** JSON with sorted keys: jsonb does not keep the order the keys were written in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/** What an event keeps of its command (the command itself; `hasFile` is the event's file). */
function commandData(cmd: ControlCommand): Record<string, unknown> {
  if (cmd.kind === "tilsvar") return { kind: cmd.kind, note: cmd.note };
  return { ...cmd };
}

/** A file of the case (the provider's tilsvar), for the audited file route. */
export async function loadControlFile(db: Db, caseId: string, fileId: string) {
  if (!UUID.test(caseId) || !UUID.test(fileId)) return null;
  const [f] = await db
    .select({ filename: controlCaseFiles.filename, mimeType: controlCaseFiles.mimeType, content: controlCaseFiles.content })
    .from(controlCaseFiles)
    .where(and(eq(controlCaseFiles.id, fileId), eq(controlCaseFiles.caseId, caseId)));
  return f ?? null;
}

export async function auditControlAction(db: Db, actor: Actor, action: string, caseId: string): Promise<void> {
  await audit(db, actor, action, caseId);
}

// ---------------------------------------------------------------------------------------------
// Receivables: what a provider owes back after a vedtak

export interface Receivable {
  id: string;
  caseId: string;
  reference: string;
  eventSeq: number;
  amountOre: number;
  decidedOn: string;
  dueOn: string;
  status: "open" | "replaced" | "cancelled";
  statusOn: string;
}

/** A provider's receivables from every control case (the provider's record), the newest first; optionally one case's only. */
/** A receivable's own columns, as both the case page and the settlement service read them. */
export const receivableColumns = {
  id: providerReceivables.id,
  caseId: providerReceivables.caseId,
  eventSeq: providerReceivables.eventSeq,
  amountOre: providerReceivables.amountOre,
  decidedOn: providerReceivables.decidedOn,
  dueOn: providerReceivables.dueOn,
  status: providerReceivables.status,
  statusOn: providerReceivables.statusOn,
};

export async function loadReceivables(db: Db, filter: { providerOrgnr: Orgnr; caseId?: string }): Promise<Receivable[]> {
  const rows = await db
    .select({ ...receivableColumns, reference: controlCases.reference })
    .from(providerReceivables)
    .innerJoin(controlCases, eq(controlCases.id, providerReceivables.caseId))
    .where(and(eq(providerReceivables.providerOrgnr, filter.providerOrgnr), filter.caseId ? eq(providerReceivables.caseId, filter.caseId) : undefined))
    .orderBy(desc(providerReceivables.createdAt), desc(providerReceivables.eventSeq));
  return rows.map((r) => ({ ...r, status: r.status as Receivable["status"] }));
}

// ---------------------------------------------------------------------------------------------
// Claim lines held for control at receipt, decided from the provider's control case

/** The case's provider's (and therapist's) lines held for control at receipt, while the case is open; each read audit-logged per line. */
export async function heldLinesForCase(db: Db, actor: Actor, c: { providerOrgnr: Orgnr; therapistHpr: string | null; state: ControlState }, limit = 100) {
  if (FINAL_TAGS.includes(c.state.tag)) return [];
  return listHeldLines(db, actor, limit, { providerOrgnr: c.providerOrgnr, therapistHpr: c.therapistHpr });
}

export type HeldReviewResult = { ok: true; outcome: string; disposition: string } | { ok: false; reason: "not-found" | "not-held" | "not-in-case" | "case-closed" };

/**
 * Approves or rejects a held line of the case's provider (and therapist) from an open control case,
 * through the one review function (`reviewHeldLine`: approval pays the line and registers its
 * egenandel through the one register writer). A line of another provider or therapist is refused;
 * the decision is also audit-logged on the case (`control.held-line.<decision>`, with the patient).
 */
export async function reviewHeldLineFromCase(
  db: Db,
  actor: Actor,
  caseId: string,
  lineId: string,
  decision: LineReview,
  reason: string,
  today: IsoDate,
): Promise<HeldReviewResult> {
  if (!UUID.test(caseId) || !UUID.test(lineId)) return { ok: false, reason: "not-found" };
  const [c] = await db
    .select({ id: controlCases.id, providerOrgnr: controlCases.providerOrgnr, therapistHpr: controlCases.therapistHpr, stateTag: controlCases.stateTag })
    .from(controlCases)
    .where(eq(controlCases.id, caseId));
  if (!c) return { ok: false, reason: "not-found" };
  if ((FINAL_TAGS as readonly string[]).includes(c.stateTag)) return { ok: false, reason: "case-closed" };
  // a line's provider and therapist never change: checked here, the review itself locks and re-checks that it is held
  const [line] = await db
    .select({ providerOrgnr: claimLines.providerOrgnr, therapistHpr: claimLines.therapistHpr, personId: claimLines.personId })
    .from(claimLines)
    .where(eq(claimLines.id, lineId));
  if (!line) return { ok: false, reason: "not-found" };
  if (line.providerOrgnr !== c.providerOrgnr || (c.therapistHpr && line.therapistHpr !== c.therapistHpr)) return { ok: false, reason: "not-in-case" };
  const r = await reviewHeldLine(db, actor, lineId, decision, reason, today);
  if (!r.ok) return r;
  await audit(db, actor, `control.held-line.${decision}`, c.id, [line.personId]);
  return r;
}
