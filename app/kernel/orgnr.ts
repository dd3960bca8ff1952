/**
 * Norwegian organisation numbers (organisasjonsnummer, Enhetsregisteret):
 * 9 digits, mod-11 control digit with weights 3 2 7 6 5 4 3 2 over the first 8.
 */
import { mod11ControlDigit } from "./mod11";

export type OrgnrValidation = { valid: true; /** 9 digits, no spaces */ normalized: string } | { valid: false; reason: "format" | "checksum" };

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Accepts spaces (e.g. "912 345 678"); checks length and control digit. */
export function validateOrgnr(input: string): OrgnrValidation {
  const normalized = input.replace(/\s/g, "");
  if (!/^\d{9}$/.test(normalized)) return { valid: false, reason: "format" };
  const digits = [...normalized].map(Number);
  const k = mod11ControlDigit(digits.slice(0, 8), WEIGHTS);
  if (k === null || k !== digits[8]) return { valid: false, reason: "checksum" };
  return { valid: true, normalized };
}

export function isValidOrgnr(input: string): boolean {
  return validateOrgnr(input).valid;
}

/** The valid organisation number for an 8-digit base, or null when the control digit would be 10. */
export function completeOrgnr(base8: string): string | null {
  if (!/^\d{8}$/.test(base8)) throw new RangeError(`Expected 8 digits, got ${JSON.stringify(base8)}`);
  const k = mod11ControlDigit([...base8].map(Number), WEIGHTS);
  return k === null ? null : `${base8}${k}`;
}
