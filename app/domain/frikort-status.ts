/**
 * The answer to a provider's "does this patient have a frikort for this service on this date?"
 * (pure). Mirrors Helfo's HarBorgerFrikort: a yes/no with the date it applies from, never amounts.
 */
import { childExemptUntil } from "./child-exemption";
import { isSupportedYear } from "../rules/parameters/egenandelstak";
import { firstOfYear, yearOf } from "../kernel/dates";
import type { IsoDate } from "../kernel/types";

export type FrikortAnswer = { status: "frikort"; validFrom: IsoDate; basis: "egenandelstak" | "under-16" } | { status: "ikke-frikort" } | { status: "ukjent" };

export interface FrikortQuestion {
  date: IsoDate;
  /** Null when the number is not in the register. */
  person: { birthDate: IsoDate | null; reserved: boolean } | null;
  /** The engine's frikort date for the tak the service belongs to in that year; null when none. */
  frikortFrom: IsoDate | null;
  /** A frikort granted on an application by receipts for that year and tak (ADR 0017); null when none. */
  grantedFrom?: IsoDate | null;
}

export function answerFrikortQuestion(q: FrikortQuestion): FrikortAnswer {
  const year = yearOf(q.date);
  if (!isSupportedYear(year)) return { status: "ukjent" };
  const granted = q.grantedFrom && q.grantedFrom <= q.date ? q.grantedFrom : null;
  // A reserved person's egenandeler are not stored, so the register cannot know, unless Helfo
  // granted the frikort on the person's application by receipts: that decision is known.
  if (q.person?.reserved) return granted ? { status: "frikort", validFrom: granted, basis: "egenandelstak" } : { status: "ukjent" };
  const birthDate = q.person?.birthDate ?? null;
  if (birthDate && q.date <= childExemptUntil(birthDate)) {
    const yearStart = firstOfYear(year);
    return { status: "frikort", validFrom: birthDate > yearStart ? birthDate : yearStart, basis: "under-16" };
  }
  const engine = q.frikortFrom && q.frikortFrom <= q.date ? q.frikortFrom : null;
  const from = engine && granted ? (engine < granted ? engine : granted) : (engine ?? granted);
  if (from) return { status: "frikort", validFrom: from, basis: "egenandelstak" };
  return { status: "ikke-frikort" };
}
