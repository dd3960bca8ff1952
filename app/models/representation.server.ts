/**
 * Acting for another resident (issue 22 item 12): parental responsibility from the person register, fullmakter given in the
 * portal, the acting-as choice on the session row, and the log of what was done in someone's name.
 * Every query is scoped by the person it is about; choosing whom to act for is by an opaque id, never a fødselsnummer.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { citizenSessions, fullmakter, parentalResponsibility, persons, representationLog } from "~/db/schema";
import { type FullmaktFacts, type FullmaktScope, isFullmaktScope, type RepresentationBasis } from "~/domain/representation";
import type { Fnr, IsoDate } from "~/kernel/types";

/** The session row as the gate needs it: alive or not, and whom it acts for with the facts to check the relation today. */
export interface LiveSessionRow {
  actingFor: null | { personId: string; parent: boolean; fullmakt: FullmaktFacts | null; subjectBirthDate: IsoDate | null };
}

const scopesOf = (raw: unknown): FullmaktScope[] => (Array.isArray(raw) ? raw.filter(isFullmaktScope) : []);

/** One indexed lookup per request: the session's row, and (only when acting for someone) the relation that allows it. */
export async function liveSessionRow(db: Db, idHash: string, personId: string, now: Date): Promise<LiveSessionRow | null> {
  const [row] = await db
    .select({
      actingFor: citizenSessions.actingForPersonId,
      subjectBirthDate: persons.birthDate,
      parent: sql<boolean>`exists (select 1 from ${parentalResponsibility} pr where pr.parent_person_id = ${citizenSessions.personId} and pr.child_person_id = ${citizenSessions.actingForPersonId})`,
      fullmaktId: fullmakter.id,
      scopes: fullmakter.scopes,
      validUntil: fullmakter.validUntil,
    })
    .from(citizenSessions)
    .leftJoin(persons, eq(persons.id, citizenSessions.actingForPersonId))
    .leftJoin(
      fullmakter,
      and(eq(fullmakter.holderPersonId, citizenSessions.personId), eq(fullmakter.giverPersonId, citizenSessions.actingForPersonId), isNull(fullmakter.withdrawnAt)),
    )
    .where(
      and(
        eq(citizenSessions.idHash, idHash),
        eq(citizenSessions.personId, personId),
        isNull(citizenSessions.endedAt),
        sql`${citizenSessions.expiresAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .limit(1);
  if (!row) return null;
  if (!row.actingFor) return { actingFor: null };
  return {
    actingFor: {
      personId: row.actingFor,
      parent: Boolean(row.parent),
      fullmakt: row.fullmaktId ? { scopes: scopesOf(row.scopes), validUntil: row.validUntil } : null,
      subjectBirthDate: row.subjectBirthDate,
    },
  };
}

export async function setActingFor(db: Db, idHash: string, actorPersonId: string, subjectPersonId: string | null): Promise<void> {
  await db
    .update(citizenSessions)
    .set({ actingForPersonId: subjectPersonId })
    .where(and(eq(citizenSessions.idHash, idHash), eq(citizenSessions.personId, actorPersonId)));
}

/** People the actor might act for, with the facts each basis needs (the domain decides which apply today). */
export interface Candidate {
  personId: string;
  name: string | null;
  birthDate: IsoDate | null;
  parent: boolean;
  fullmaktId: string | null;
  fullmakt: FullmaktFacts | null;
}

export async function candidatesFor(db: Db, actorPersonId: string): Promise<Candidate[]> {
  const children = await db
    .select({ personId: persons.id, name: persons.name, birthDate: persons.birthDate })
    .from(parentalResponsibility)
    .innerJoin(persons, eq(persons.id, parentalResponsibility.childPersonId))
    .where(eq(parentalResponsibility.parentPersonId, actorPersonId));
  const givers = await db
    .select({ personId: persons.id, name: persons.name, birthDate: persons.birthDate, fullmaktId: fullmakter.id, scopes: fullmakter.scopes, validUntil: fullmakter.validUntil })
    .from(fullmakter)
    .innerJoin(persons, eq(persons.id, fullmakter.giverPersonId))
    .where(and(eq(fullmakter.holderPersonId, actorPersonId), isNull(fullmakter.withdrawnAt)));
  const out = new Map<string, Candidate>();
  for (const c of children) out.set(c.personId, { ...c, parent: true, fullmaktId: null, fullmakt: null });
  for (const g of givers) {
    const had = out.get(g.personId);
    out.set(g.personId, {
      personId: g.personId,
      name: g.name,
      birthDate: g.birthDate,
      parent: had?.parent ?? false,
      fullmaktId: g.fullmaktId,
      fullmakt: { scopes: scopesOf(g.scopes), validUntil: g.validUntil },
    });
  }
  return [...out.values()].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "nb"));
}

/** The parents registered with parental responsibility for this person, with the person's birth date (the domain decides if it applies today). */
export async function parentsOf(db: Db, childPersonId: string): Promise<{ parentPersonIds: string[]; childBirthDate: IsoDate | null }> {
  const rows = await db
    .select({ parent: parentalResponsibility.parentPersonId, birthDate: persons.birthDate })
    .from(parentalResponsibility)
    .innerJoin(persons, eq(persons.id, parentalResponsibility.childPersonId))
    .where(eq(parentalResponsibility.childPersonId, childPersonId));
  return { parentPersonIds: rows.map((r) => r.parent), childBirthDate: rows[0]?.birthDate ?? null };
}

export async function addParentalResponsibility(db: Db, parentPersonId: string, childPersonId: string): Promise<void> {
  await db.insert(parentalResponsibility).values({ parentPersonId, childPersonId }).onConflictDoNothing();
}

// --- fullmakt -----------------------------------------------------------------------------------------------------

export interface FullmaktRow {
  id: string;
  otherPersonId: string;
  otherName: string | null;
  createdAt: Date;
  withdrawnAt: Date | null;
  scopes: FullmaktScope[];
  validUntil: IsoDate | null;
}

/**
 * Gives a fullmakt with its scopes and last day. A live one for the same pair takes the new scopes and end date (giving
 * the same again changes nothing, so a resubmitted form is harmless). Returns its id.
 */
export async function insertFullmakt(db: Db, giverPersonId: string, holderPersonId: string, terms: { scopes: FullmaktScope[]; validUntil: IsoDate }): Promise<string> {
  const [row] = await db
    .insert(fullmakter)
    .values({ giverPersonId, holderPersonId, scopes: terms.scopes, validUntil: terms.validUntil })
    .onConflictDoUpdate({
      target: [fullmakter.giverPersonId, fullmakter.holderPersonId],
      targetWhere: isNull(fullmakter.withdrawnAt),
      set: { scopes: terms.scopes, validUntil: terms.validUntil },
    })
    .returning({ id: fullmakter.id });
  return row!.id;
}

/**
 * Withdraws the giver's fullmakt (only the giver's own: another id changes nothing) and ends, in the same transaction,
 * every session of the holder that acts for the giver. Returns the holder, or null when nothing was withdrawn.
 */
export async function withdrawFullmakt(db: Db, giverPersonId: string, fullmaktId: string): Promise<string | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .update(fullmakter)
      .set({ withdrawnAt: sql`now()` })
      .where(and(eq(fullmakter.id, fullmaktId), eq(fullmakter.giverPersonId, giverPersonId), isNull(fullmakter.withdrawnAt)))
      .returning({ holder: fullmakter.holderPersonId });
    if (!row) return null;
    await tx
      .update(citizenSessions)
      .set({ actingForPersonId: null })
      .where(and(eq(citizenSessions.personId, row.holder), eq(citizenSessions.actingForPersonId, giverPersonId)));
    return row.holder;
  });
}

/** Fullmakter the person gave (to whom) and received (from whom), newest first, withdrawn ones included. */
export async function listFullmakter(db: Db, personId: string): Promise<{ given: FullmaktRow[]; received: FullmaktRow[] }> {
  const cols = {
    id: fullmakter.id,
    createdAt: fullmakter.createdAt,
    withdrawnAt: fullmakter.withdrawnAt,
    otherPersonId: persons.id,
    otherName: persons.name,
    scopes: fullmakter.scopes,
    validUntil: fullmakter.validUntil,
  };
  const given = await db
    .select(cols)
    .from(fullmakter)
    .innerJoin(persons, eq(persons.id, fullmakter.holderPersonId))
    .where(eq(fullmakter.giverPersonId, personId))
    .orderBy(desc(fullmakter.createdAt));
  const received = await db
    .select(cols)
    .from(fullmakter)
    .innerJoin(persons, eq(persons.id, fullmakter.giverPersonId))
    .where(eq(fullmakter.holderPersonId, personId))
    .orderBy(desc(fullmakter.createdAt));
  const view = (r: (typeof given)[number]): FullmaktRow => ({ ...r, scopes: scopesOf(r.scopes) });
  return { given: given.map(view), received: received.map(view) };
}

export async function personIdByFnr(db: Db, fnr: Fnr): Promise<{ id: string; name: string | null } | null> {
  const [p] = await db.select({ id: persons.id, name: persons.name }).from(persons).where(eq(persons.fnr, fnr)).limit(1);
  return p ?? null;
}

// --- the log --------------------------------------------------------------------------------------------------------

export async function insertRepresentationLog(db: Db, row: { actorPersonId: string; subjectPersonId: string; basis: RepresentationBasis; action: string }): Promise<void> {
  await db.insert(representationLog).values(row);
}

export interface DoneInNameRow {
  at: Date;
  actorName: string | null;
  basis: string;
  action: string;
}

/** What others did in this person's name, newest first. */
export async function listDoneInName(db: Db, subjectPersonId: string, limit = 200): Promise<DoneInNameRow[]> {
  return db
    .select({ at: representationLog.at, actorName: persons.name, basis: representationLog.basis, action: representationLog.action })
    .from(representationLog)
    .innerJoin(persons, eq(persons.id, representationLog.actorPersonId))
    .where(eq(representationLog.subjectPersonId, subjectPersonId))
    .orderBy(desc(representationLog.at), desc(representationLog.id))
    .limit(limit);
}
