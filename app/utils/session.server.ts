import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie, createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import type { AppConfig } from "~/config.server";
import { DEFAULT_LANG, isLang, type Lang } from "~/i18n";

/**
 * Citizen sessions live in a signed, httpOnly, SameSite=Lax cookie: no server-side session state,
 * so any web process can serve any request. The id_token (needed for ID-porten logout) holds the
 * fødselsnummer, so it is encrypted inside the cookie; the session itself only names the person's
 * internal id.
 */
export interface CitizenSessionData {
  personId: string;
  name: string | null;
  /** epoch ms */
  expiresAt: number;
  idToken: string;
  csrf: string;
}

export const SESSION_COOKIE = "fp_session";
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

function key(config: AppConfig) {
  return createHash("sha256").update(`${config.sessionSecret}:id-token`).digest();
}

export function sealIdToken(config: AppConfig, idToken: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key(config), iv);
  const body = Buffer.concat([c.update(idToken, "utf8"), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64url");
}

export function openIdToken(config: AppConfig, sealed: string): string | null {
  try {
    const buf = Buffer.from(sealed, "base64url");
    const d = createDecipheriv("aes-256-gcm", key(config), buf.subarray(0, 12));
    d.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export type SessionState =
  | { status: "none" }
  | { status: "invalid" }
  | { status: "expired" }
  | { status: "ok"; user: CitizenSessionData };

function hasCookie(request: Request, name: string) {
  const header = request.headers.get("Cookie") ?? "";
  return header.split(/;\s*/).some((p) => p.startsWith(`${name}=`));
}

export async function readSession(request: Request, config: AppConfig, now = Date.now()): Promise<SessionState> {
  const session = await sessionStorage(config).getSession(request.headers.get("Cookie"));
  const personId = session.get("personId");
  if (!personId) return hasCookie(request, SESSION_COOKIE) ? { status: "invalid" } : { status: "none" };
  const expiresAt = session.get("expiresAt");
  if (typeof expiresAt !== "number" || expiresAt <= now) return { status: "expired" };
  return {
    status: "ok",
    user: {
      personId,
      name: session.get("name") ?? null,
      expiresAt,
      idToken: session.get("idToken") ?? "",
      csrf: session.get("csrf") ?? "",
    },
  };
}

export async function clearSessionCookie(config: AppConfig): Promise<string> {
  return sessionStorage(config).destroySession(await sessionStorage(config).getSession());
}

/** Guard for citizen pages: the logged-in person's session, or a redirect to a clear login page. */
export async function requireCitizen(request: Request, config: AppConfig): Promise<CitizenSessionData> {
  const state = await readSession(request, config);
  if (state.status === "ok") return state.user;
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
