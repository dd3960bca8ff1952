import { randomBytes } from "node:crypto";
import { createCookie, createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import type { AppConfig } from "~/config.server";
import type { Db } from "~/db/client.server";
import { can, STAFF_BASE, STAFF_HOME, type StaffPermission, type StaffRole, type StaffUnit } from "~/domain/staff-roles";

export { STAFF_BASE };
import { deleteExpiredStaffSessions, endStaffSession, insertStaffSession, liveStaffSession } from "~/models/staff-session.server";
import { csrfMatches, newCsrfToken, readSession } from "./session.server";

/**
 * Staff sessions of the caseworker console (ADR 0015). A signed, httpOnly, SameSite=Lax cookie
 * scoped to /saksbehandling (so pages live below /saksbehandling/: "/saksbehandling.data" would not get it), holding the session's random id, the expiry and the CSRF token; the
 * ident, roles and unit are read from the session's row on every staff request, so ending the row
 * ends the session at once and a cookie cannot claim a role. The browser never sends it to a
 * resident's page (path), and resident pages read only the resident cookie.
 */
export interface StaffSessionData {
  sid: string;
  expiresAt: number;
  csrf: string;
}

export interface StaffUser {
  sid: string;
  csrf: string;
  ident: string;
  name: string | null;
  roles: StaffRole[];
  unit: StaffUnit;
}

export const STAFF_COOKIE = "fp_staff";

const storages = new Map<string, SessionStorage<StaffSessionData>>();

function staffStorage(config: AppConfig): SessionStorage<StaffSessionData> {
  const key = `${config.sessionSecret}:${config.staff.sessionMaxAgeSeconds}`;
  let s = storages.get(key);
  if (!s) {
    s = createCookieSessionStorage<StaffSessionData>({
      cookie: {
        name: STAFF_COOKIE,
        httpOnly: true,
        sameSite: "lax",
        path: STAFF_BASE,
        secure: config.publicUrl.startsWith("https://"),
        secrets: [config.sessionSecret],
        maxAge: config.staff.sessionMaxAgeSeconds,
      },
    });
    storages.set(key, s);
  }
  return s;
}

/** The pending staff login (state, nonce, PKCE verifier), on the callback's path only, for 10 minutes. */
export function staffLoginCookie(config: AppConfig) {
  return createCookie("fp_staff_login", {
    httpOnly: true,
    sameSite: "lax",
    path: `${STAFF_BASE}/auth`,
    secure: config.publicUrl.startsWith("https://"),
    secrets: [config.sessionSecret],
    maxAge: 600,
  });
}

export async function startStaffSession(
  db: Db,
  config: AppConfig,
  who: { ident: string; name: string | null; roles: StaffRole[]; unit: StaffUnit },
  previousCookie: string | null,
  now = Date.now(),
): Promise<string> {
  const storage = staffStorage(config);
  const previous = await storage.getSession(previousCookie);
  const previousSid = previous.get("sid");
  if (previousSid) await endStaffSession(db, previousSid, "new-login");
  const sid = randomBytes(32).toString("base64url");
  const expiresAt = now + config.staff.sessionMaxAgeSeconds * 1000;
  await deleteExpiredStaffSessions(db, new Date(now));
  await insertStaffSession(db, { sid, ...who, expiresAt: new Date(expiresAt) });
  const session = await storage.getSession();
  session.set("sid", sid);
  session.set("expiresAt", expiresAt);
  session.set("csrf", newCsrfToken());
  return storage.commitSession(session);
}

export async function clearStaffCookie(config: AppConfig): Promise<string> {
  const storage = staffStorage(config);
  return storage.destroySession(await storage.getSession());
}

/** The staff member of this request, or null (no cookie, a bad signature, an ended or expired session). */
export async function readStaff(request: Request, config: AppConfig, db: Db, now = Date.now()): Promise<StaffUser | null> {
  if (!config.staff.enabled) return null;
  const session = await staffStorage(config).getSession(request.headers.get("Cookie"));
  const sid = session.get("sid");
  const expiresAt = session.get("expiresAt");
  if (typeof sid !== "string" || !sid || typeof expiresAt !== "number" || expiresAt <= now) return null;
  const row = await liveStaffSession(db, sid, new Date(now));
  if (!row) return null;
  return { sid, csrf: session.get("csrf") ?? "", ident: row.ident, name: row.name, roles: row.roles as StaffRole[], unit: row.unit as StaffUnit };
}

export const notFound = () => new Response("Not Found", { status: 404 });

/**
 * Guard for every staff page and action. A resident (a live resident session and no staff session)
 * gets 404, as if the console did not exist; so does everyone when the console is off. A visitor
 * with neither is sent to the staff login. A staff member without the permission gets 403.
 */
export async function requireStaff(request: Request, context: { config: AppConfig; database: { db: Db } }, permission: StaffPermission = "read"): Promise<StaffUser> {
  const { config } = context;
  if (!config.staff.enabled) throw notFound();
  const staff = await readStaff(request, config, context.database.db);
  if (staff) {
    if (!can(staff.roles, permission)) throw new Response("Forbidden", { status: 403 });
    return staff;
  }
  const resident = await readSession(request, config);
  if (resident.status === "ok") throw notFound();
  const url = new URL(request.url);
  const hadCookie = (request.headers.get("Cookie") ?? "").includes(`${STAFF_COOKIE}=`);
  throw redirect(`${STAFF_BASE}/logg-inn?${new URLSearchParams({ returnTo: url.pathname.replace(/\.data$/, "") })}`, {
    headers: hadCookie ? { "Set-Cookie": await clearStaffCookie(config) } : {},
  });
}

/** A staff form post must carry the staff session's CSRF token; anything else is 403. */
export function requireStaffCsrf(staff: StaffUser, form: FormData): void {
  if (!csrfMatches(staff.csrf, form.get("csrf"))) throw new Response("Forbidden", { status: 403 });
}

export async function endStaff(db: Db, staff: StaffUser): Promise<void> {
  await endStaffSession(db, staff.sid, "logout");
}

/** Only paths of the console: anything else returns to the queue. */
export function safeStaffReturnTo(v: unknown): string {
  if (typeof v !== "string" || !v.startsWith(`${STAFF_BASE}/`) || /[\\\s]|\/\/|%/.test(v) || v.includes("..")) return STAFF_HOME;
  return v;
}
