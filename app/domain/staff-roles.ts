/**
 * Staff roles of the caseworker console (ADR 0015) and what each may do. Rules are data: a route
 * asks for a permission, never for a role by name.
 */
export const STAFF_ROLES = ["caseworker", "controller", "read-only"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type StaffPermission = "read" | "assign" | "decide" | "control";

export const PERMISSIONS: Record<StaffRole, readonly StaffPermission[]> = {
  caseworker: ["read", "assign", "decide"],
  controller: ["read", "assign", "control"],
  "read-only": ["read"],
};

/** The unit a resident sees in the audit trail of their case, by role (never the person's name). */
export type StaffUnit = "casework" | "control" | "helfo";
export function unitOf(roles: readonly StaffRole[]): StaffUnit {
  if (roles.includes("caseworker")) return "casework";
  if (roles.includes("controller")) return "control";
  return "helfo";
}

export function parseRoles(claim: unknown): StaffRole[] {
  const values = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(/[\s,]+/) : [];
  return values.filter((v): v is StaffRole => typeof v === "string" && (STAFF_ROLES as readonly string[]).includes(v));
}

export function can(roles: readonly string[], permission: StaffPermission): boolean {
  return roles.some((r) => (PERMISSIONS[r as StaffRole] ?? []).includes(permission));
}

/** Staff idents look like Z990001: one letter, six digits (also accepted in lower case). */
export function validStaffIdent(v: unknown): v is string {
  return typeof v === "string" && /^[A-Za-z][0-9]{6}$/.test(v);
}

/** Where the console lives; the staff cookie's path. */
export const STAFF_BASE = "/saksbehandling";
/** The queue, the console's start page. Every console page is below STAFF_BASE + "/", where the staff cookie is sent. */
export const STAFF_HOME = "/saksbehandling/ko";
/** The controller's control cases against providers (issue 20 part 5). */
export const CONTROL_CASES = "/saksbehandling/kontroll/saker";

/** Every kind of case in the console's queue. */
export const QUEUE_KINDS = ["missing-egenandel", "tip", "frikort-application", "abroad-refund", "claim-report"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** Decisions that grant money or register an amount, by case kind: these are the ones four eyes apply to. */
export const GRANTING: Record<string, readonly string[]> = { "missing-egenandel": ["registered"], "frikort-application": ["completed"] };

/** The amount a case's decision is about (øre): the reported egenandel, or the sum of the application's receipts. */
export function decisionAmountOre(kind: string, data: unknown): number {
  const d = (data ?? {}) as { amountOre?: unknown; lines?: Array<{ amountOre?: unknown }> };
  if (kind === "missing-egenandel") return typeof d.amountOre === "number" ? d.amountOre : 0;
  if (kind === "frikort-application") return (d.lines ?? []).reduce((s, l) => s + (typeof l.amountOre === "number" ? l.amountOre : 0), 0);
  return 0;
}

/** Four eyes: a granting decision above the threshold needs a second caseworker (rules as data, threshold from config). */
export function needsSecondApproval(kind: string, status: string, amountOre: number, thresholdOre: number): boolean {
  return (GRANTING[kind] ?? []).includes(status) && amountOre > thresholdOre;
}
