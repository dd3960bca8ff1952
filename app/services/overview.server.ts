import type { Db } from "~/db/client.server";
import type { Person } from "~/db/schema";
import { computeYearOverview, type YearOverview } from "~/domain/overview";
import { FIRST_SUPPORTED_YEAR, isSupportedYear, lastSupportedYear } from "~/rules/parameters/egenandelstak";
import { withGrantedFrikort } from "~/domain/frikort-application";
import { grantedFromByTak } from "~/models/frikort-grants.server";
import { getPerson, listEgenandelerForYear } from "~/models/person.server";
import type { IsoDate } from "~/kernel/types";

export type YearChoice = { kind: "ok"; year: number } | { kind: "unsupported"; year: number } | { kind: "invalid"; raw: string };

/** Which year the resident asked for: this year by default; a clear outcome for anything else. */
export function chooseYear(raw: string | null, thisYear: number): YearChoice {
  if (raw === null || raw.trim() === "") {
    return isSupportedYear(thisYear) ? { kind: "ok", year: thisYear } : { kind: "unsupported", year: thisYear };
  }
  if (!/^\d{4}$/.test(raw.trim())) return { kind: "invalid", raw };
  const year = Number(raw.trim());
  if (year > thisYear || !isSupportedYear(year)) return { kind: "unsupported", year };
  return { kind: "ok", year };
}

/** Years a resident can pick: the first year the rule tables know up to this year. */
export function selectableYears(thisYear: number): number[] {
  const last = Math.min(thisYear, Math.max(lastSupportedYear(), FIRST_SUPPORTED_YEAR));
  const years: number[] = [];
  for (let y = last; y >= FIRST_SUPPORTED_YEAR; y--) years.push(y);
  return years;
}

export interface OverviewResult {
  person: Person;
  overview: YearOverview;
  /** Frikort granted on an application by receipts, per tak: the day it applies from (ADR 0017). */
  granted: Record<string, IsoDate>;
}

/** Loads the person's rows for the year and runs the pure overview computation. */
export async function loadYearOverview(db: Db, personId: string, year: number): Promise<OverviewResult | null> {
  const person = await getPerson(db, personId);
  if (!person) return null;
  const rows = await listEgenandelerForYear(db, personId, year);
  const granted = await grantedFromByTak(db, personId, year);
  const overview = withGrantedFrikort(computeYearOverview({ year, birthDate: person.birthDate, rows }), granted);
  return { person, overview, granted: Object.fromEntries(granted) };
}
