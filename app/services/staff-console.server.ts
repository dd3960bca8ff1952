/**
 * The caseworker console's reads and writes (ADR 0015): one queue over every case kind (the `cases`
 * table and abroad applications), assignment, the provisional answer of forvaltningsloven § 11 a,
 * and the append-only audit log of every staff read of a resident's data.
 */
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { abroadApplications, caseEvents, cases, persons, staffAuditLog, staffCaseState } from "~/db/schema";
import { addDays, daysBetween, daysInMonth, isoDate, parseIsoDate, toIsoDate } from "~/kernel/dates";
import type { AbroadDecisionInput } from "~/domain/abroad-decision";
import type { QueueKind, StaffUnit } from "~/domain/staff-roles";
import type { IsoDate } from "~/kernel/types";
import { valueAt } from "~/rules/parameter";
import { caseTargetDays, provisionalAnswerMonths } from "~/rules/parameters/deadlines";
import { notify } from "./notify.server";

export type SubjectKind = "case" | "abroad" | "claim";
const CASE_KINDS = ["missing-egenandel", "tip", "frikort-application", "claim-report"] as const;
export const OPEN_STATUSES = ["received", "checked", "under-review", "more-info", "appealed"] as const;

export interface QueueItem {
  subjectKind: SubjectKind;
  id: string;
  reference: string;
  kind: QueueKind;
  status: string;
  receivedOn: IsoDate;
  ageDays: number;
  /** Receipt plus the kind's target (rules/parameters/deadlines.ts); the queue's order. */
  deadline: IsoDate;
  /** § 11 a: when a provisional answer is due, while the case is open and none has been sent. */
  provisionalDue: IsoDate | null;
  provisionalSentAt: Date | null;
  assignedTo: string | null;
}

export interface QueueFilter {
  kind?: QueueKind;
  /** "open" (default), "closed", "all" or one status */
  status?: string;
  /** Only cases received at least this many days ago. */
  minAgeDays?: number;
  /** Only cases assigned to this ident ("mine"). */
  assignedTo?: string;
}

export function addMonths(d: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(d);
  const m0 = month - 1 + months;
  const y = year + Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  return toIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

const osloDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });
const dayOf = (d: Date | string): IsoDate => isoDate(osloDay.format(typeof d === "string" ? new Date(d) : d));

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Deadline and provisional-answer date of a case received on `receivedOn` (pure; rules as data). */
export function deadlinesOf(kind: QueueKind, receivedOn: IsoDate): { deadline: IsoDate; provisionalDue: IsoDate } {
  const targets = valueAt(caseTargetDays, receivedOn);
  return {
    deadline: addDays(receivedOn, targets[kind] ?? 30),
    provisionalDue: addMonths(receivedOn, valueAt(provisionalAnswerMonths, receivedOn)),
  };
}

function statusMatches(status: string, filter: string | undefined): boolean {
  if (!filter || filter === "open") return isOpen(status);
  if (filter === "closed") return !isOpen(status);
  if (filter === "all") return true;
  return status === filter;
}

/** Every case of every kind that matches the filter, earliest deadline first. */
export async function listStaffQueue(db: Db, filter: QueueFilter, today: IsoDate): Promise<QueueItem[]> {
  const wantCases = !filter.kind || filter.kind !== "abroad-refund";
  const wantAbroad = !filter.kind || filter.kind === "abroad-refund";
  const raw: Array<Omit<QueueItem, "deadline" | "provisionalDue" | "provisionalSentAt" | "assignedTo" | "ageDays">> = [];
  if (wantCases) {
    const kinds = filter.kind ? [filter.kind] : [...CASE_KINDS];
    const rows = await db
      .select({ id: cases.id, reference: cases.reference, kind: cases.kind, status: cases.status, createdAt: cases.createdAt })
      .from(cases)
      .where(and(inArray(cases.kind, kinds), ne(cases.status, "draft")));
    const ids = rows.map((r) => r.id);
    const received = ids.length
      ? await db
          .select({ caseId: caseEvents.caseId, at: caseEvents.at })
          .from(caseEvents)
          .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.status, "received")))
      : [];
    const receivedAt = new Map<string, Date>();
    for (const r of received) if (!receivedAt.has(r.caseId) || r.at < receivedAt.get(r.caseId)!) receivedAt.set(r.caseId, r.at);
    for (const r of rows) {
      raw.push({ subjectKind: "case", id: r.id, reference: r.reference, kind: r.kind as QueueKind, status: r.status, receivedOn: dayOf(receivedAt.get(r.id) ?? r.createdAt) });
    }
  }
  if (wantAbroad) {
    const rows = await db
      .select({ id: abroadApplications.id, status: abroadApplications.status, data: abroadApplications.data, createdAt: abroadApplications.createdAt })
      .from(abroadApplications)
      .where(ne(abroadApplications.status, "draft"));
    for (const r of rows) {
      const d = r.data as { reference?: string; submittedAt?: string };
      raw.push({ subjectKind: "abroad", id: r.id, reference: d.reference ?? "", kind: "abroad-refund", status: r.status, receivedOn: dayOf(d.submittedAt ?? r.createdAt) });
    }
  }
  const states = raw.length
    ? await db
        .select()
        .from(staffCaseState)
        .where(
          inArray(
            staffCaseState.subjectId,
            raw.map((r) => r.id),
          ),
        )
    : [];
  const stateOf = new Map(states.map((s) => [`${s.subjectKind}:${s.subjectId}`, s]));
  const items: QueueItem[] = [];
  for (const r of raw) {
    if (!statusMatches(r.status, filter.status)) continue;
    const ageDays = Math.max(0, daysBetween(r.receivedOn, today));
    if (filter.minAgeDays !== undefined && ageDays < filter.minAgeDays) continue;
    const s = stateOf.get(`${r.subjectKind}:${r.id}`);
    if (filter.assignedTo && s?.assignedTo !== filter.assignedTo) continue;
    const { deadline, provisionalDue } = deadlinesOf(r.kind, r.receivedOn);
    items.push({
      ...r,
      ageDays,
      deadline,
      provisionalDue: isOpen(r.status) && !s?.provisionalSentAt ? provisionalDue : null,
      provisionalSentAt: s?.provisionalSentAt ?? null,
      assignedTo: s?.assignedTo ?? null,
    });
  }
  return items.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.receivedOn < b.receivedOn ? -1 : a.reference < b.reference ? -1 : 1));
}

export interface StaffCase {
  subjectKind: SubjectKind;
  id: string;
  personId: string;
  personName: string | null;
  reference: string;
  kind: QueueKind;
  status: string;
  statusReason: string | null;
  data: Record<string, unknown>;
  receivedOn: IsoDate;
  history: Array<{ status: string; note: string | null; actor: string; at: string; uploadId: string | null }>;
  assignedTo: string | null;
  provisionalSentAt: Date | null;
  provisionalExpectedBy: IsoDate | null;
}

/** One case of any kind, by its id (a `cases` row or an abroad application); null when there is none. */
export async function loadStaffCase(db: Db, id: string): Promise<StaffCase | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [c] = await db.select().from(cases).where(eq(cases.id, id));
  let out: Omit<StaffCase, "personName" | "assignedTo" | "provisionalSentAt" | "provisionalExpectedBy"> | null = null;
  if (c && c.status !== "draft" && (CASE_KINDS as readonly string[]).includes(c.kind)) {
    const history = await db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.id));
    const received = history.find((h) => h.status === "received");
    out = {
      subjectKind: "case",
      id: c.id,
      personId: c.personId,
      reference: c.reference,
      kind: c.kind as QueueKind,
      status: c.status,
      statusReason: c.statusReason,
      data: c.data as Record<string, unknown>,
      receivedOn: dayOf(received?.at ?? c.createdAt),
      history: history.filter((h) => h.status !== "draft").map((h) => ({ status: h.status, note: h.note, actor: h.actor, at: h.at.toISOString(), uploadId: h.uploadId })),
    };
  } else if (!c) {
    const [a] = await db.select().from(abroadApplications).where(eq(abroadApplications.id, id));
    if (a && a.status !== "draft") {
      const d = a.data as { reference?: string; submittedAt?: string; events?: Array<{ status: string; at: string; note?: string }> };
      out = {
        subjectKind: "abroad",
        id: a.id,
        personId: a.personId,
        reference: d.reference ?? "",
        kind: "abroad-refund",
        status: a.status,
        statusReason: null,
        data: a.data as Record<string, unknown>,
        receivedOn: dayOf(d.submittedAt ?? a.createdAt),
        history: (d.events ?? []).map((e) => ({ status: e.status, note: e.note ?? null, actor: "", at: e.at, uploadId: null })),
      };
    }
  }
  if (!out) return null;
  const [person] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, out.personId));
  const [state] = await db
    .select()
    .from(staffCaseState)
    .where(and(eq(staffCaseState.subjectKind, out.subjectKind), eq(staffCaseState.subjectId, out.id)));
  return {
    ...out,
    personName: person?.name ?? null,
    assignedTo: state?.assignedTo ?? null,
    provisionalSentAt: state?.provisionalSentAt ?? null,
    provisionalExpectedBy: state?.provisionalExpectedBy ?? null,
  };
}

/** Writes one audit row: a staff member read a resident's data (append-only; ADR 0015). */
export async function auditRead(
  db: Db,
  staff: { ident: string; unit: StaffUnit },
  action: string,
  subject: { subjectKind: SubjectKind; id: string; personId: string },
): Promise<void> {
  await db.insert(staffAuditLog).values({ staffIdent: staff.ident, unit: staff.unit, action, subjectKind: subject.subjectKind, subjectId: subject.id, personId: subject.personId });
}

/** What the resident sees: when their case was opened and by which unit (never who). */
export async function caseOpenings(db: Db, personId: string, subjectKind: SubjectKind, subjectId: string): Promise<Array<{ at: Date; unit: StaffUnit; count: number }>> {
  const rows = await db
    .select({ at: staffAuditLog.at, unit: staffAuditLog.unit })
    .from(staffAuditLog)
    .where(and(eq(staffAuditLog.personId, personId), eq(staffAuditLog.subjectKind, subjectKind), eq(staffAuditLog.subjectId, subjectId)))
    .orderBy(desc(staffAuditLog.at));
  return groupOpenings(rows.map((r) => ({ at: r.at, unit: r.unit as StaffUnit })));
}

/**
 * The openings a resident reads: one row per unit and day (Europe/Oslo), with how many times and
 * the latest time, newest first. Every read is still its own row in the audit log; a caseworker
 * paging through a case should not bury the resident's list in identical lines.
 */
export function groupOpenings(rows: ReadonlyArray<{ at: Date; unit: StaffUnit }>): Array<{ at: Date; unit: StaffUnit; count: number }> {
  const out: Array<{ at: Date; unit: StaffUnit; count: number }> = [];
  const byKey = new Map<string, { at: Date; unit: StaffUnit; count: number }>();
  for (const r of rows) {
    const k = `${r.unit}|${dayOf(r.at)}`;
    const g = byKey.get(k);
    if (g) {
      g.count++;
      if (r.at > g.at) g.at = r.at;
    } else {
      const n = { at: r.at, unit: r.unit, count: 1 };
      byKey.set(k, n);
      out.push(n);
    }
  }
  return out.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** The staff audit trail of one case, for the console (who, what, when). */
export async function caseAuditTrail(db: Db, subjectKind: SubjectKind, subjectId: string) {
  return db
    .select({ at: staffAuditLog.at, staffIdent: staffAuditLog.staffIdent, action: staffAuditLog.action })
    .from(staffAuditLog)
    .where(and(eq(staffAuditLog.subjectKind, subjectKind), eq(staffAuditLog.subjectId, subjectId)))
    .orderBy(desc(staffAuditLog.at))
    .limit(50);
}

/** The staff member takes the case (or takes it over from someone else). */
export async function assignToSelf(db: Db, subject: { subjectKind: SubjectKind; id: string }, ident: string, now = new Date()): Promise<void> {
  await db
    .insert(staffCaseState)
    .values({ subjectKind: subject.subjectKind, subjectId: subject.id, assignedTo: ident, assignedAt: now })
    .onConflictDoUpdate({ target: [staffCaseState.subjectKind, staffCaseState.subjectId], set: { assignedTo: ident, assignedAt: now } });
}

export type ProvisionalResult = { ok: true; fresh: boolean } | { ok: false; reason: "closed" | "expected-by" };

/**
 * Sends the provisional answer of forvaltningsloven § 11 a: the resident gets it in the inbox with
 * the date a decision can be expected. Once per case; a second send changes nothing.
 */
export async function sendProvisionalAnswer(db: Db, c: StaffCase, expectedBy: IsoDate, today: IsoDate, now = new Date()): Promise<ProvisionalResult> {
  if (!isOpen(c.status)) return { ok: false, reason: "closed" };
  if (expectedBy <= today) return { ok: false, reason: "expected-by" };
  const fresh = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [s] = await tx
      .select()
      .from(staffCaseState)
      .where(and(eq(staffCaseState.subjectKind, c.subjectKind), eq(staffCaseState.subjectId, c.id)))
      .for("update");
    if (s?.provisionalSentAt) return false;
    await tx
      .insert(staffCaseState)
      .values({ subjectKind: c.subjectKind, subjectId: c.id, provisionalSentAt: now, provisionalExpectedBy: expectedBy })
      .onConflictDoUpdate({ target: [staffCaseState.subjectKind, staffCaseState.subjectId], set: { provisionalSentAt: now, provisionalExpectedBy: expectedBy } });
    if (c.subjectKind === "case") {
      await tx.insert(caseEvents).values({ caseId: c.id, status: c.status, note: `provisional-answer:${expectedBy}`, actor: "caseworker" });
    }
    return true;
  });
  if (fresh) await notify(db, c.personId, "provisional-answer", { reference: c.reference, expectedBy }, `provisional:${c.subjectKind}:${c.id}`);
  return { ok: true, fresh };
}

// ---------------------------------------------------------------------------------------------
// Asking for more information, and the resident's answer (issue 19 item 3, for `cases` kinds;
// a refund claim abroad is asked with advanceStatus and answered on its own pages later).

/**
 * The caseworker asks the resident for more information: the case waits ("more-info"), the
 * question is in the history and the case, and the resident is told in the inbox.
 */
export async function askForMoreInfo(db: Db, c: StaffCase, question: string, staffIdent: string, now = new Date()): Promise<boolean> {
  if (c.subjectKind !== "case" || !isOpen(c.status)) return false;
  const fresh = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx.select().from(cases).where(eq(cases.id, c.id)).for("update");
    if (!row || !isOpen(row.status) || row.status === "more-info") return false;
    await tx.update(cases).set({ status: "more-info", statusReason: question, updatedAt: now }).where(eq(cases.id, c.id));
    await tx.insert(caseEvents).values({ caseId: c.id, status: "more-info", note: question, actor: staffIdent, at: now });
    return true;
  });
  if (fresh) await notify(db, c.personId, "case-status", { reference: c.reference, kind: c.kind, status: "more-info" }, `case:${c.id}:more-info:${now.toISOString()}`);
  return fresh;
}

export type AnswerResult = { ok: true } | { ok: false; reason: "not-found" | "not-asked" };

/**
 * The resident answers a request for more information with text and/or a file (already content-
 * checked and stored by the upload pipeline): the case goes back to the caseworker's queue as
 * "under-review", with the answer in its history.
 */
export async function answerMoreInfo(db: Db, personId: string, caseId: string, answer: { text: string; uploadId: string | null }, now = new Date()): Promise<AnswerResult> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.personId, personId)))
      .for("update");
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (row.status !== "more-info") return { ok: false, reason: "not-asked" } as const;
    await tx.update(cases).set({ status: "under-review", statusReason: null, updatedAt: now }).where(eq(cases.id, row.id));
    await tx.insert(caseEvents).values({ caseId: row.id, status: "under-review", note: answer.text || null, actor: "resident", uploadId: answer.uploadId, at: now });
    return { ok: true } as const;
  });
}

/** Whether an upload belongs to the case (sent with it, or with an answer on it). */
export async function uploadOfCase(db: Db, c: StaffCase, uploadId: string): Promise<boolean> {
  if (c.subjectKind !== "case" || !/^[0-9a-f-]{36}$/i.test(uploadId)) return false;
  const [own] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.id, c.id), eq(cases.uploadId, uploadId)));
  if (own) return true;
  const [ev] = await db
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.uploadId, uploadId)));
  return ev !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Appeals (klage) on decided `cases` (issue 19 item 7).

/** Decisions a resident can appeal, by kind. */
export const APPEALABLE: Record<string, readonly string[]> = { "missing-egenandel": ["registered", "rejected"], "frikort-application": ["completed", "rejected"] };

/** The last decision in a case's history (status and day), or null when it was never decided. */
export function lastDecision(kind: string, history: ReadonlyArray<{ status: string; at: Date | string }>): { status: string; on: IsoDate } | null {
  const decided = APPEALABLE[kind] ?? [];
  const last = [...history].reverse().find((h) => decided.includes(h.status));
  return last ? { status: last.status, on: dayOf(last.at) } : null;
}

export type AppealResult = { ok: true } | { ok: false; reason: "not-found" | "not-decided" | "deadline-passed" };

/**
 * The resident appeals the decision of their case within six weeks (forvaltningsloven § 29), with
 * text and/or a checked file: the case comes back to the queue as "appealed", with its history.
 */
export async function appealCase(
  db: Db,
  personId: string,
  caseId: string,
  appeal: { text: string; uploadId: string | null },
  today: IsoDate,
  deadlineOf: (decidedOn: IsoDate) => IsoDate,
  now = new Date(),
): Promise<AppealResult> {
  const out = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.personId, personId)))
      .for("update");
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (!(APPEALABLE[row.kind] ?? []).includes(row.status)) return { ok: false, reason: "not-decided" } as const;
    const history = await tx.select({ status: caseEvents.status, at: caseEvents.at }).from(caseEvents).where(eq(caseEvents.caseId, row.id)).orderBy(asc(caseEvents.id));
    const decision = lastDecision(row.kind, history);
    if (!decision || today > deadlineOf(decision.on)) return { ok: false, reason: "deadline-passed" } as const;
    await tx.update(cases).set({ status: "appealed", statusReason: null, updatedAt: now }).where(eq(cases.id, row.id));
    await tx.insert(caseEvents).values({ caseId: row.id, status: "appealed", note: appeal.text || null, actor: "resident", uploadId: appeal.uploadId, at: now });
    return { ok: true, reference: row.reference, kind: row.kind } as const;
  });
  if (!out.ok) return out;
  await notify(db, personId, "case-status", { reference: out.reference, kind: out.kind, status: "appealed" }, `case:${caseId}:appealed:${now.toISOString()}`);
  return { ok: true };
}

/**
 * The caseworker handles an appeal: "reverse" sends the case back to be decided again (the new
 * decision follows the old one in the history; both are kept), "forward" keeps the decision and
 * sends the case on to the appeal body (oversendt klageinstans). Reasons are required.
 */
export async function handleAppeal(db: Db, c: StaffCase, outcome: "reverse" | "forward", reason: string, staffIdent: string, now = new Date()): Promise<boolean> {
  if (c.subjectKind !== "case") return false;
  const status = outcome === "reverse" ? "under-review" : "appeal-forwarded";
  const fresh = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx.select().from(cases).where(eq(cases.id, c.id)).for("update");
    if (!row || row.status !== "appealed") return false;
    await tx.update(cases).set({ status, statusReason: reason, updatedAt: now }).where(eq(cases.id, c.id));
    await tx.insert(caseEvents).values({ caseId: c.id, status, note: reason, actor: staffIdent, at: now });
    return true;
  });
  if (fresh) await notify(db, c.personId, "case-status", { reference: c.reference, kind: c.kind, status, reason }, `case:${c.id}:${status}:${now.toISOString()}`);
  return fresh;
}

// ---------------------------------------------------------------------------------------------
// Four eyes (issue 19 item 4): a granting decision above the threshold is a proposal until a
// second caseworker approves it; only then does it reach the register and the resident.

export async function proposeDecision(
  db: Db,
  c: { subjectKind: SubjectKind; id: string },
  proposal: { status: string; reason: string | null; payload?: AbroadDecisionInput },
  staffIdent: string,
  now = new Date(),
): Promise<void> {
  const payload = proposal.payload ?? null;
  await db
    .insert(staffCaseState)
    .values({
      subjectKind: c.subjectKind,
      subjectId: c.id,
      proposedStatus: proposal.status,
      proposedReason: proposal.reason,
      proposedBy: staffIdent,
      proposedAt: now,
      proposedPayload: payload,
    })
    .onConflictDoUpdate({
      target: [staffCaseState.subjectKind, staffCaseState.subjectId],
      set: { proposedStatus: proposal.status, proposedReason: proposal.reason, proposedBy: staffIdent, proposedAt: now, proposedPayload: payload },
    });
}

export async function pendingProposal(db: Db, c: { subjectKind: SubjectKind; id: string }) {
  const [s] = await db
    .select()
    .from(staffCaseState)
    .where(and(eq(staffCaseState.subjectKind, c.subjectKind), eq(staffCaseState.subjectId, c.id)));
  return s?.proposedStatus ? { status: s.proposedStatus, reason: s.proposedReason, by: s.proposedBy ?? "", at: s.proposedAt, payload: s.proposedPayload ?? null } : null;
}

/** Takes the proposal away (approved, or turned down by the second caseworker); returns what it was. */
export async function takeProposal(db: Db, c: { subjectKind: SubjectKind; id: string }, expectedBy?: string) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [s] = await tx
      .select()
      .from(staffCaseState)
      .where(and(eq(staffCaseState.subjectKind, c.subjectKind), eq(staffCaseState.subjectId, c.id)))
      .for("update");
    if (!s?.proposedStatus || (expectedBy !== undefined && s.proposedBy !== expectedBy)) return null;
    await tx
      .update(staffCaseState)
      .set({ proposedStatus: null, proposedReason: null, proposedBy: null, proposedAt: null, proposedPayload: null })
      .where(and(eq(staffCaseState.subjectKind, c.subjectKind), eq(staffCaseState.subjectId, c.id)));
    return { status: s.proposedStatus, reason: s.proposedReason, by: s.proposedBy ?? "", payload: s.proposedPayload ?? null };
  });
}
