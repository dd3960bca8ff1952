/**
 * Acting for another resident (issue 22 item 12): who may act for whom, and what the represented person reads about it.
 * Pure: the relations come from the register (parental responsibility) and from this portal (fullmakt).
 */
import { nthBirthday } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

/**
 * A parent acts for a child in this portal until the child turns 16. Source: pasient- og brukerrettighetsloven § 4-4 and
 * § 3-4 (parents consent and are informed on behalf of children under 16), https://lovdata.no/lov/1999-07-02-63/§4-4,
 * as Helsenorge applies it to acting for children.
 */
export const PARENT_ACTS_UNTIL_AGE = 16;

export type RepresentationBasis = "parent" | "fullmakt";

/**
 * What a fullmakt can cover: the portal's services, as the start page lists them (issue 22 item 12, ADR 0019). The giver
 * chooses one or more; a parent acts for a child in all of them.
 */
export const FULLMAKT_SCOPES = ["innsyn", "melde", "frikort", "utland", "konto"] as const;
export type FullmaktScope = (typeof FULLMAKT_SCOPES)[number];

export function isFullmaktScope(s: unknown): s is FullmaktScope {
  return typeof s === "string" && (FULLMAKT_SCOPES as readonly string[]).includes(s);
}

/**
 * Which service a resident page belongs to, for a fullmakt's scope. `"any"`: pages every acting resident may open (the
 * choice of whom to act for; fullmakt and notice settings, which work only for oneself). A page under /mine that is not
 * listed needs every scope, so a new page is closed to a narrow fullmakt until it is placed here.
 */
const PAGE_SCOPES: Array<[RegExp, FullmaktScope | "any"]> = [
  [/^\/mine\/(representasjon|fullmakt|varsler)$/, "any"],
  [/^\/mine(\/oversikt\.pdf|\/meldinger|\/saker(\/.*)?|\/frikortbevis(\.pdf)?)?$/, "innsyn"],
  [/^\/mine\/(manglende|tips\/[^/]+|regning\/[^/]+)$/, "melde"],
  [/^\/mine\/(reservasjon|frikort-soknad)$/, "frikort"],
  [/^\/mine\/utland(\/.*)?$/, "utland"],
  [/^\/mine\/kontonummer$/, "konto"],
];

/** The scope a path needs while acting on a fullmakt: a scope, "any", or "all" (not a resident page the table knows). */
export function scopeOfPath(pathname: string): FullmaktScope | "any" | "all" {
  const path = pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  if (path !== "/mine" && !path.startsWith("/mine/")) return "any";
  return PAGE_SCOPES.find(([re]) => re.test(path))?.[1] ?? "all";
}

/** Whether acting on this basis (a fullmakt with these scopes; a parent has all) may open this path. */
export function mayActOnPath(basis: RepresentationBasis, scopes: readonly FullmaktScope[], pathname: string): boolean {
  if (basis === "parent") return true;
  const need = scopeOfPath(pathname);
  if (need === "any") return true;
  if (need === "all") return FULLMAKT_SCOPES.every((s) => scopes.includes(s));
  return scopes.includes(need);
}

/** A live fullmakt as the domain checks it: not withdrawn (the query's part), its end date not passed (null: until withdrawn). */
export interface FullmaktFacts {
  validUntil: IsoDate | null;
  scopes: readonly FullmaktScope[];
}

/** True while the fullmakt is in force on `today`: the end date is the last day it can be used. */
export function fullmaktInForce(f: FullmaktFacts, today: IsoDate): boolean {
  return (f.validUntil === null || today <= f.validUntil) && f.scopes.length > 0;
}

/** True while a child born on `birthDate` is under 16 on `today`; a child without a known birth date is not represented. */
export function isChildParentActsFor(birthDate: IsoDate | null, today: IsoDate): boolean {
  if (!birthDate) return false;
  return today < nthBirthday(birthDate, PARENT_ACTS_UNTIL_AGE);
}

/**
 * The basis on which the actor may act for the subject today, or null: parental responsibility for a child under 16, or a
 * fullmakt not withdrawn whose end date has not passed. A fullmakt's scopes then limit the pages (mayActOnPath).
 */
export function representationBasis(rel: { parent: boolean; subjectBirthDate: IsoDate | null; fullmakt: FullmaktFacts | null }, today: IsoDate): RepresentationBasis | null {
  if (rel.parent && isChildParentActsFor(rel.subjectBirthDate, today)) return "parent";
  if (rel.fullmakt && fullmaktInForce(rel.fullmakt, today)) return "fullmakt";
  return null;
}

/**
 * What the represented person reads for a logged action: the page's path with ids taken out, as a code the i18n labels
 * (unknown paths say "a form on the page …"). Keeps the log free of personal data: no query string, no ids.
 */
export function actionCode(method: string, pathname: string): string {
  const path = pathname
    .replace(/\.data$/, "")
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, "/:id")
    .replace(/\/\d+(?=\/|$)/g, "/:id")
    .replace(/[^\w/:.-]/g, "")
    .slice(0, 120);
  return `${method.toUpperCase()} ${path || "/"}`;
}

/**
 * The resident services as the start page and the menus list them (issue 22 item 1). `tip` is flagging an egenandel from
 * its line on the overview, so it needs the overview too.
 */
export const RESIDENT_SERVICES = ["overview", "proof", "missing", "tip", "reservation", "application", "abroad", "account", "cases", "inbox"] as const;
export type ResidentService = (typeof RESIDENT_SERVICES)[number];

/** Every scope a service needs: the scope of its own page (scopeOfPath) and of any page one reaches it through. */
const SERVICE_NEEDS: Record<ResidentService, readonly FullmaktScope[]> = {
  overview: ["innsyn"],
  proof: ["innsyn"],
  missing: ["melde"],
  tip: ["innsyn", "melde"],
  reservation: ["frikort"],
  application: ["frikort"],
  abroad: ["utland"],
  account: ["konto"],
  cases: ["innsyn"],
  inbox: ["innsyn"],
};

/** Whom the session acts for, as far as the menus care: null while acting for oneself. */
export interface ActingScope {
  basis: RepresentationBasis;
  scopes: readonly FullmaktScope[];
}

/** Whether a service is offered: always for oneself and for a parent; on a fullmakt only when it has every scope the service needs. */
export function coversService(acting: ActingScope | null, service: ResidentService): boolean {
  if (!acting || acting.basis === "parent") return true;
  return SERVICE_NEEDS[service].every((s) => acting.scopes.includes(s));
}

/** The services to list (menus, start page, links between pages), in the start page's order; the others are hidden, not refused. */
export function servicesCovered(acting: ActingScope | null): ResidentService[] {
  return RESIDENT_SERVICES.filter((s) => coversService(acting, s));
}

/** Where a resident lands after choosing whom to act for: the overview, or the start page when the fullmakt does not cover it. */
export function landingPath(acting: ActingScope | null): "/mine" | "/" {
  return coversService(acting, "overview") ? "/mine" : "/";
}
