/**
 * Norwegian organisation numbers (organisasjonsnummer, Enhetsregisteret):
 * 9 digits, mod-11 control digit with weights 3 2 7 6 5 4 3 2 over the first 8.
 */
import { mod11ControlDigit } from "./mod11";
import type { Orgnr } from "./types";

export type OrgnrValidation = { valid: true; /** 9 digits, no spaces */ normalized: Orgnr } | { valid: false; reason: "format" | "checksum" };

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Accepts spaces (e.g. "912 345 678"); checks length and control digit. */
export function validateOrgnr(input: string): OrgnrValidation {
  const normalized = input.replace(/\s/g, "");
  if (!/^\d{9}$/.test(normalized)) return { valid: false, reason: "format" };
  const digits = [...normalized].map(Number);
  const k = mod11ControlDigit(digits.slice(0, 8), WEIGHTS);
  if (k === null || k !== digits[8]) return { valid: false, reason: "checksum" };
  return { valid: true, normalized: normalized as Orgnr };
}

export function isValidOrgnr(input: string): boolean {
  return validateOrgnr(input).valid;
}

/** True for exactly 9 digits with a valid control digit (no spaces): a zod `.refine` with it brands the parsed value. */
export function isOrgnr(s: unknown): s is Orgnr {
  return typeof s === "string" && /^\d{9}$/.test(s) && validateOrgnr(s).valid;
}

/** The organisation number in `input` (spaces removed) as `Orgnr`, or null when it is not a valid one. */
export function parseOrgnr(input: string): Orgnr | null {
  const v = validateOrgnr(input);
  return v.valid ? v.normalized : null;
}

/** A value validated when it came in and read back (a column, an API key's owner) as `Orgnr`; throws RangeError when not valid. */
export function orgnrOf(stored: string): Orgnr {
  const o = parseOrgnr(stored);
  if (o === null) throw new RangeError(`Not a valid organisasjonsnummer: ${JSON.stringify(stored)}`);
  return o;
}

/** The valid organisation number for an 8-digit base, or null when the control digit would be 10. */
export function completeOrgnr(base8: string): Orgnr | null {
  if (!/^\d{8}$/.test(base8)) throw new RangeError(`Expected 8 digits, got ${JSON.stringify(base8)}`);
  const k = mod11ControlDigit([...base8].map(Number), WEIGHTS);
  return k === null ? null : (`${base8}${k}` as Orgnr);
}
