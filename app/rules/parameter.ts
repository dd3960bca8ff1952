/**
 * A tiny engine for dated parameters (rules as data, in the OpenFisca style).
 *
 * A parameter is a list of values, each valid from an ISO date until the next one.
 * `null` means the parameter has ended (e.g. egenandelstak 1 after the 2021 merger).
 * Every value carries its source (`reference`) and a confidence label.
 * No clock: callers pass the date that governs the lookup.
 */
import { isIsoDate } from "../kernel/dates";
import type { Confidence, IsoDate } from "../kernel/types";

export interface ParameterValueDefinition<T> {
  /** The value from this date; null = the parameter ends here. */
  value: T | null;
  /** Where the value comes from (URL or precise citation). */
  reference: string;
  confidence: Confidence;
  note?: string;
}

export interface ParameterDefinition<T> {
  id: string;
  /** A full sentence saying what the parameter does. */
  description: string;
  /** E.g. "NOK_ORE", "years", "mapping". */
  unit: string;
  /** The legal provision the value rests on. */
  legalBasis: string;
  /** The date a person last checked the values against the sources. */
  lastReviewedOn: IsoDate;
  values: Record<IsoDate, ParameterValueDefinition<T>>;
}

export interface ParameterEntry<T> extends ParameterValueDefinition<T> {
  from: IsoDate;
}

export interface Parameter<T> {
  id: string;
  description: string;
  unit: string;
  legalBasis: string;
  lastReviewedOn: IsoDate;
  /** Sorted newest first. */
  values: ReadonlyArray<Readonly<ParameterEntry<T>>>;
}

export class MissingParameterError extends Error {
  readonly parameterId: string;
  readonly date: IsoDate;
  constructor(parameterId: string, date: IsoDate) {
    super(`Parameter ${parameterId} has no value on ${date}`);
    this.name = "MissingParameterError";
    this.parameterId = parameterId;
    this.date = date;
  }
}

/** Checks the definition (ISO dates, references) and sorts the values newest first. */
export function defineParameter<T>(def: ParameterDefinition<T>): Parameter<T> {
  const problems: string[] = [];
  if (!def.id.trim()) problems.push("id is empty");
  if (!def.description.trim()) problems.push("description is empty");
  if (!def.unit.trim()) problems.push("unit is empty");
  if (!def.legalBasis.trim()) problems.push("legalBasis is empty");
  if (!isIsoDate(def.lastReviewedOn)) problems.push(`lastReviewedOn is not an ISO date: ${def.lastReviewedOn}`);
  const values: Array<ParameterEntry<T>> = [];
  for (const [from, entry] of Object.entries(def.values)) {
    if (!isIsoDate(from)) {
      problems.push(`value key is not an ISO date: ${from}`);
      continue;
    }
    if (!entry.reference.trim()) problems.push(`value from ${from} has no reference`);
    values.push({ from, ...entry });
  }
  if (values.length === 0) problems.push("no values");
  if (problems.length > 0) throw new Error(`Invalid parameter ${def.id}: ${problems.join("; ")}`);
  values.sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
  return {
    id: def.id,
    description: def.description,
    unit: def.unit,
    legalBasis: def.legalBasis,
    lastReviewedOn: def.lastReviewedOn,
    values: Object.freeze(values.map((v) => Object.freeze(v))),
  };
}

/** The entry in force on `date` (including an ending `null` entry), or null before the first value. */
export function entryAt<T>(p: Parameter<T>, date: IsoDate): Readonly<ParameterEntry<T>> | null {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return p.values.find((v) => v.from <= date) ?? null;
}

/** The value in force on `date`; throws MissingParameterError before the first value or after it ended. */
export function valueAt<T>(p: Parameter<T>, date: IsoDate): T {
  const entry = entryAt(p, date);
  if (entry === null || entry.value === null) throw new MissingParameterError(p.id, date);
  return entry.value;
}
