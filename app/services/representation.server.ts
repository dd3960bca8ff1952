/**
 * Acting for others (issue 22 item 12): whom a resident may act for today, the acting-as choice on the session, fullmakter,
 * and the log of what was done in someone's name (both identities; the represented person reads it).
 */
import type { Db } from "~/db/client.server";
import {
  actionCode,
  FULLMAKT_SCOPES,
  type FullmaktFacts,
  isChildParentActsFor,
  type FullmaktScope,
  mayActOnPath,
  representationBasis,
  type RepresentationBasis,
} from "~/domain/representation";
import type { Fnr, IsoDate } from "~/kernel/types";
import { hashSessionId } from "~/models/citizen-session.server";
import {
  candidatesFor,
  insertFullmakt,
  insertRepresentationLog,
  listDoneInName,
  listFullmakter,
  parentsOf,
  personIdByFnr,
  setActingFor,
  withdrawFullmakt,
} from "~/models/representation.server";
import { log } from "~/utils/log.server";

export interface ActingChoice {
  /** The opaque id a form sends (the person's internal id; never a fødselsnummer). */
  personId: string;
  name: string | null;
  basis: RepresentationBasis;
  /** For a fullmakt: the services it covers and its last day (null: until withdrawn). */
  fullmakt: FullmaktFacts | null;
}

/** Everyone the resident may act for today: children under 16 they have parental responsibility for, and fullmakt givers. */
export async function actingChoices(db: Db, actorPersonId: string, today: IsoDate): Promise<ActingChoice[]> {
  const out: ActingChoice[] = [];
  for (const c of await candidatesFor(db, actorPersonId)) {
    const basis = representationBasis({ parent: c.parent, fullmakt: c.fullmakt, subjectBirthDate: c.birthDate }, today);
    if (basis) out.push({ personId: c.personId, name: c.name, basis, fullmakt: basis === "fullmakt" ? c.fullmakt : null });
  }
  return out;
}

/**
 * Starts acting for `subjectPersonId` (or for oneself with null) on this session. A subject the resident may not act for
 * today changes nothing and returns false: the page then shows the resident's own data, never someone else's.
 */
export async function chooseActingFor(
  db: Db,
  session: { sid: string; actorPersonId: string; currentSubject: string | null; currentBasis: RepresentationBasis | null },
  subjectPersonId: string | null,
  today: IsoDate,
): Promise<boolean> {
  const idHash = hashSessionId(session.sid);
  if (subjectPersonId === null || subjectPersonId === session.actorPersonId) {
    await setActingFor(db, idHash, session.actorPersonId, null);
    if (session.currentSubject && session.currentBasis) {
      await insertRepresentationLog(db, { actorPersonId: session.actorPersonId, subjectPersonId: session.currentSubject, basis: session.currentBasis, action: "stop" });
    }
    return true;
  }
  const choice = (await actingChoices(db, session.actorPersonId, today)).find((c) => c.personId === subjectPersonId);
  if (!choice) {
    log.warn("acting-as refused: no relation", { actorPersonId: session.actorPersonId });
    return false;
  }
  await setActingFor(db, idHash, session.actorPersonId, choice.personId);
  if (session.currentSubject && session.currentBasis && session.currentSubject !== choice.personId) {
    await insertRepresentationLog(db, { actorPersonId: session.actorPersonId, subjectPersonId: session.currentSubject, basis: session.currentBasis, action: "stop" });
  }
  await insertRepresentationLog(db, { actorPersonId: session.actorPersonId, subjectPersonId: choice.personId, basis: choice.basis, action: "start" });
  return true;
}

/** Methods that change something; each one sent while acting for someone is logged (the gate calls this before the route). */
const CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function logActedRequest(
  db: Db,
  who: { actorPersonId: string; subjectPersonId: string; basis: RepresentationBasis; scopes?: readonly FullmaktScope[] },
  method: string,
  pathname: string,
): Promise<void> {
  if (!CHANGING.has(method.toUpperCase())) return;
  // a form outside the fullmakt's scope is refused by the route (requireCitizen): nothing was done in anyone's name
  if (who.scopes && !mayActOnPath(who.basis, who.scopes, pathname)) return;
  if (!pathname.startsWith("/mine") || pathname.startsWith("/mine/representasjon")) return;
  await insertRepresentationLog(db, { actorPersonId: who.actorPersonId, subjectPersonId: who.subjectPersonId, basis: who.basis, action: actionCode(method, pathname) });
}

/**
 * The parents who act for this person today (a child under 16 they have parental responsibility for): they get notices
 * for the child's messages by their own choices (ADR 0019). Empty for anyone 16 or older.
 */
export async function parentsActingFor(db: Db, childPersonId: string, today: IsoDate): Promise<string[]> {
  const { parentPersonIds, childBirthDate } = await parentsOf(db, childPersonId);
  return isChildParentActsFor(childBirthDate, today) ? parentPersonIds : [];
}

export const whatWasDoneInMyName = listDoneInName;
export const fullmakterOf = listFullmakter;

export type GiveResult = { ok: true; id: string } | { ok: false; error: "fullmakt.errors.notFound" | "fullmakt.errors.self" | "fullmakt.errors.scopes.required" };

/**
 * Gives a fullmakt to the resident with this fødselsnummer, if their last name matches the register's (so a number alone
 * does not reveal whose it is: a wrong pair and an unknown number get the same answer).
 */
export async function giveFullmakt(db: Db, giverPersonId: string, input: { fnr: Fnr; lastName: string; scopes: FullmaktScope[]; validUntil: IsoDate }): Promise<GiveResult> {
  const holder = await personIdByFnr(db, input.fnr);
  const last = (name: string | null) => (name ?? "").trim().split(/\s+/).at(-1)?.toLocaleLowerCase("nb") ?? "";
  if (!holder || !holder.name || last(holder.name) !== input.lastName.trim().split(/\s+/).at(-1)!.toLocaleLowerCase("nb")) return { ok: false, error: "fullmakt.errors.notFound" };
  if (holder.id === giverPersonId) return { ok: false, error: "fullmakt.errors.self" };
  const scopes = FULLMAKT_SCOPES.filter((s) => input.scopes.includes(s));
  if (scopes.length === 0) return { ok: false, error: "fullmakt.errors.scopes.required" };
  const id = await insertFullmakt(db, giverPersonId, holder.id, { scopes, validUntil: input.validUntil });
  return { ok: true, id };
}

/** Withdraws one of the giver's own fullmakter; the holder's sessions acting for the giver stop at once. */
export async function withdrawGivenFullmakt(db: Db, giverPersonId: string, fullmaktId: string): Promise<boolean> {
  return (await withdrawFullmakt(db, giverPersonId, fullmaktId)) !== null;
}
