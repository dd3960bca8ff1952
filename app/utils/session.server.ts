import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import type { AppConfig } from "~/config.server";
import type { Db } from "~/db/client.server";
import { deleteExpiredSessions, endOtherSessionsOfPerson, endSession, hashSessionId, insertSession, isSessionLive } from "~/models/citizen-session.server";
import { liveSessionRow, setActingFor } from "~/models/representation.server";
import { FULLMAKT_SCOPES, type FullmaktScope, isFullmaktScope, mayActOnPath, representationBasis, type RepresentationBasis, scopeOfPath } from "~/domain/representation";
import { DEFAULT_LANG, isLang, type Lang } from "~/i18n";
import type { IsoDate } from "~/kernel/types";

/**
 * Citizen sessions (ADR 0002): a signed, httpOnly, SameSite=Lax cookie that holds ids only — the
 * session's random id, the person's internal id, the absolute expiry and the CSRF token; no name, no
 * fødselsnummer, no id_token. The session's row in `citizen_sessions` decides whether it is still
 * alive: logging out or logging in again ends it there, so a copied cookie stops working.
 * The row is checked once per request that reaches Remix (server/session-gate.ts), never for static
 * assets; a cookie whose session has ended is taken off the request before any route sees it.
 */
export interface CitizenSessionData {
  /** Random session id; the row stores its hash. */
  sid: string;
  personId: string;
  /** epoch ms */
  expiresAt: number;
  csrf: string;
}

/**
 * The person a resident page is about, and who is acting (issue 22 item 12): `personId` is the represented person while
 * the logged-in resident (`actorPersonId`) acts for a child or a fullmakt giver, so every route's existing
 * `user.personId` shows and changes the represented person's data.
 */
export interface CitizenUser extends CitizenSessionData {
  actorPersonId: string;
  acting: null | { basis: RepresentationBasis; scopes: FullmaktScope[] };
}

export const SESSION_COOKIE = "fp_session";
/** Set only by the session gate (server/session-gate.ts), which strips any copy a client sent; signed with the session secret. */
export const ACTING_HEADER = "x-frikortportalen-acting-for";
const LOGIN_COOKIE = "fp_login";

const storages = new Map<string, SessionStorage<CitizenSessionData>>();

function secure(config: AppConfig) {
  return config.publicUrl.startsWith("https://");
}

export function sessionStorage(config: AppConfig): SessionStorage<CitizenSessionData> {
  let s = storages.get(config.sessionSecret);
  if (!s) {
    s = createCookieSessionStorage<CitizenSessionData>({
      cookie: {
        name: SESSION_COOKIE,
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: secure(config),
        secrets: [config.sessionSecret],
        maxAge: config.sessionMaxAgeSeconds,
      },
    });
    storages.set(config.sessionSecret, s);
  }
  return s;
}

export function loginCookie(config: AppConfig) {
  return createCookie(LOGIN_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    path: "/auth",
    secure: secure(config),
    secrets: [config.sessionSecret],
    maxAge: 600,
  });
}

export const langCookie = createCookie("fp_lang", { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365, httpOnly: true });

export async function getLang(request: Request): Promise<Lang> {
  const v: unknown = await langCookie.parse(request.headers.get("Cookie"));
  return isLang(v) ? v : DEFAULT_LANG;
}

export type SessionState = { status: "none" } | { status: "invalid" } | { status: "expired" } | { status: "ok"; user: CitizenSessionData };

function hasCookie(request: Request, name: string) {
  const header = request.headers.get("Cookie") ?? "";
  return header.split(/;\s*/).some((p) => p.startsWith(`${name}=`));
}

export async function readSession(request: Request, config: AppConfig, now = Date.now()): Promise<SessionState> {
  const session = await sessionStorage(config).getSession(request.headers.get("Cookie"));
  const personId = session.get("personId");
  const sid = session.get("sid");
  if (!personId || !sid) return hasCookie(request, SESSION_COOKIE) ? { status: "invalid" } : { status: "none" };
  const expiresAt = session.get("expiresAt");
  if (typeof expiresAt !== "number" || expiresAt <= now) return { status: "expired" };
  return { status: "ok", user: { sid, personId, expiresAt, csrf: session.get("csrf") ?? "" } };
}

/**
 * Starts a session for the person: its row, then the Set-Cookie header. Every earlier session of
 * the person ends (ADR 0002: one live session per resident, as a new login elsewhere means the old
 * one is not needed, and a copy of an old cookie must not outlive the next login), and so does the
 * session this browser had before, whoever it belonged to.
 */
export async function startCitizenSession(db: Db, config: AppConfig, personId: string, previous: SessionState = { status: "none" }, now = Date.now()): Promise<string> {
  const sid = randomBytes(32).toString("base64url");
  const expiresAt = now + config.sessionMaxAgeSeconds * 1000;
  await deleteExpiredSessions(db, new Date(now));
  await insertSession(db, { sid, personId, expiresAt: new Date(expiresAt) });
  await endOtherSessionsOfPerson(db, personId, sid, "new-login");
  if (previous.status === "ok") await endSession(db, previous.user.sid, "new-login");
  const storage = sessionStorage(config);
  const session = await storage.getSession();
  session.set("sid", sid);
  session.set("personId", personId);
  session.set("expiresAt", expiresAt);
  session.set("csrf", newCsrfToken());
  return storage.commitSession(session);
}

/** Ends the session on the server; the caller clears the cookie. */
export async function endCitizenSession(db: Db, user: CitizenSessionData): Promise<void> {
  await endSession(db, user.sid, "logout");
}

export type GateCheck =
  { status: "absent" } | { status: "ended" } | { status: "live"; personId: string; acting: null | { personId: string; basis: RepresentationBasis; scopes: FullmaktScope[] } };

/**
 * What the session gate needs from the session cookie in this Cookie header: "absent" (no session cookie, or one whose
 * signature fails — the routes say "invalid" about that), "ended" (logged out, replaced by a new login, expired, or from
 * before sessions had rows), or "live" with whom the session acts for. An acting-as choice whose relation no longer holds
 * (fullmakt withdrawn, the child turned 16) is cleared on the row here, so the page shows the resident's own data.
 */
export async function sessionGateCheck(cookieHeader: string | undefined, config: AppConfig, db: Db, today: IsoDate): Promise<GateCheck> {
  if (!cookieHeader || !cookieHeader.includes(`${SESSION_COOKIE}=`)) return { status: "absent" };
  const session = await sessionStorage(config).getSession(cookieHeader);
  const personId = session.get("personId");
  if (!personId) return { status: "absent" };
  const sid = session.get("sid");
  if (typeof sid !== "string" || !sid) return { status: "ended" };
  const row = await liveSessionRow(db, hashSessionId(sid), personId, new Date());
  if (!row) return { status: "ended" };
  if (!row.actingFor) return { status: "live", personId, acting: null };
  const basis = representationBasis({ parent: row.actingFor.parent, fullmakt: row.actingFor.fullmakt, subjectBirthDate: row.actingFor.subjectBirthDate }, today);
  if (!basis) {
    await setActingFor(db, hashSessionId(sid), personId, null);
    return { status: "live", personId, acting: null };
  }
  const scopes = basis === "parent" ? [...FULLMAKT_SCOPES] : [...(row.actingFor.fullmakt?.scopes ?? [])];
  return { status: "live", personId, acting: { personId: row.actingFor.personId, basis, scopes } };
}

/** Whether the session cookie in this Cookie header belongs to a live session (see sessionGateCheck). */
export async function sessionCookieStatus(cookieHeader: string | undefined, config: AppConfig, db: Db): Promise<"absent" | "live" | "ended"> {
  if (!cookieHeader || !cookieHeader.includes(`${SESSION_COOKIE}=`)) return "absent";
  const session = await sessionStorage(config).getSession(cookieHeader);
  const personId = session.get("personId");
  if (!personId) return "absent";
  const sid = session.get("sid");
  if (typeof sid !== "string" || !sid) return "ended";
  return (await isSessionLive(db, sid, personId)) ? "live" : "ended";
}

function actingMac(config: AppConfig, sid: string, subject: string, basis: string, scopes: string): string {
  return createHmac("sha256", config.sessionSecret).update(`acting\u0000${sid}\u0000${subject}\u0000${basis}\u0000${scopes}`).digest("base64url");
}

/**
 * The gate's header value for a session acting for `subject` on `basis` with a fullmakt's `scopes` (a parent has all):
 * bound to the session id, so it cannot be replayed on another.
 */
export async function actingHeaderValue(cookieHeader: string, config: AppConfig, subject: string, basis: RepresentationBasis, scopes: readonly FullmaktScope[]): Promise<string> {
  const session = await sessionStorage(config).getSession(cookieHeader);
  const sid = String(session.get("sid") ?? "");
  const list = scopes.join(",");
  return `${subject}.${basis}.${list}.${actingMac(config, sid, subject, basis, list)}`;
}

function actingFromHeader(request: Request, config: AppConfig, sid: string): null | { personId: string; basis: RepresentationBasis; scopes: FullmaktScope[] } {
  const v = request.headers.get(ACTING_HEADER);
  if (!v) return null;
  const [subject, basis, list, mac] = v.split(".");
  if (!subject || (basis !== "parent" && basis !== "fullmakt") || list === undefined || !mac) return null;
  const expected = Buffer.from(actingMac(config, sid, subject, basis, list));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { personId: subject, basis, scopes: list.split(",").filter(isFullmaktScope) };
}

/** The Cookie header without the session cookie. */
export function withoutSessionCookie(cookieHeader: string): string {
  return cookieHeader
    .split(/;\s*/)
    .filter((p) => p && !p.startsWith(`${SESSION_COOKIE}=`))
    .join("; ");
}

export async function clearSessionCookie(config: AppConfig): Promise<string> {
  return sessionStorage(config).destroySession(await sessionStorage(config).getSession());
}

/** What a refused page answers while acting on a fullmakt that does not cover it (the citizen layout's error page reads it). */
export interface OutOfScopeBody {
  outOfScope: FullmaktScope | "all";
}

/**
 * Whom this request acts for, as the menus need it (the gate's signed header for this session), or null while acting for
 * oneself. Never refuses: for the root loader, which lists only the services the fullmakt covers.
 */
export function actingScopeOf(request: Request, config: AppConfig, sid: string): null | { personId: string; basis: RepresentationBasis; scopes: FullmaktScope[] } {
  return actingFromHeader(request, config, sid);
}

/**
 * Guard for citizen pages: the session, or a redirect to a clear login page. `personId` is the person the page is about:
 * the logged-in resident, or the one they act for (set by the session gate, checked against the relation on this request).
 * A page the fullmakt does not cover is refused with a 403 whose body names the service (the citizen layout shows whose
 * page it is and that the fullmakt does not cover it), and a form sent to it with a 303 to that page; `outOfScope: "allow"` is for that layout's own loader, which
 * reads only the represented person's name for the banner.
 */
export async function requireCitizen(request: Request, config: AppConfig, opts: { outOfScope?: "refuse" | "allow" } = {}): Promise<CitizenUser> {
  const state = await readSession(request, config);
  if (state.status === "ok") {
    const acting = actingFromHeader(request, config, state.user.sid);
    // never the holder's own data under the giver's banner, and never the giver's: no route code runs past this
    const pathname = new URL(request.url).pathname;
    if (acting && opts.outOfScope !== "allow" && !mayActOnPath(acting.basis, acting.scopes, pathname)) {
      // a form sent there is not processed: the browser is sent to read the page, which is refused as below (after a failed
      // action Remix does not run the citizen layout's loader, so a 403 here would lose whose page it is)
      if (request.method !== "GET" && request.method !== "HEAD") throw redirect(pathname.replace(/\.data$/, ""), 303);
      const body: OutOfScopeBody = { outOfScope: scopeOfPath(pathname) as FullmaktScope | "all" };
      throw Response.json(body, { status: 403, headers: { "Cache-Control": "no-store" } });
    }
    return {
      ...state.user,
      personId: acting?.personId ?? state.user.personId,
      actorPersonId: state.user.personId,
      acting: acting ? { basis: acting.basis, scopes: acting.scopes } : null,
    };
  }
  const url = new URL(request.url);
  const returnTo = url.pathname + url.search;
  const reason = state.status === "none" ? "required" : state.status;
  const params = new URLSearchParams({ grunn: reason, returnTo });
  throw redirect(`/logg-inn?${params}`, {
    headers: state.status === "none" ? {} : { "Set-Cookie": await clearSessionCookie(config) },
  });
}

export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== "string" || !expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A form post must carry the session's CSRF token; anything else is refused with 403. */
export function requireCsrf(expected: string, form: FormData): void {
  if (!csrfMatches(expected, form.get("csrf"))) throw new Response("Forbidden", { status: 403 });
}

export { safeReturnTo } from "./return-to";
