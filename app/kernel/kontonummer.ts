/**
 * Norwegian bank account numbers (kontonummer), rules-research.md §6d.
 * 11 digits, usually written XXXX.XX.XXXXX; MOD11 over the first 10 digits.
 */
import { mod11ControlDigit } from "./mod11";
import type { Kontonummer } from "./types";

export type KontonummerValidation = { valid: true; /** 11 digits, no separators */ normalized: Kontonummer } | { valid: false; reason: "format" | "checksum" };

const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Strips spaces and dots, then checks length and the MOD11 control digit. */
export function validateKontonummer(input: string): KontonummerValidation {
  const normalized = input.replace(/[\s.]/g, "");
  if (!/^\d{11}$/.test(normalized)) return { valid: false, reason: "format" };
  const digits = [...normalized].map(Number);
  const k = mod11ControlDigit(digits.slice(0, 10), WEIGHTS);
  if (k === null || k !== digits[10]) return { valid: false, reason: "checksum" };
  return { valid: true, normalized: normalized as Kontonummer };
}

export function isValidKontonummer(input: string): boolean {
  return validateKontonummer(input).valid;
}

/** True for exactly 11 digits with a valid control digit (no dots or spaces): a zod `.refine` with it brands the parsed value. */
export function isKontonummer(s: unknown): s is Kontonummer {
  return typeof s === "string" && /^\d{11}$/.test(s) && validateKontonummer(s).valid;
}

/** The account number in `input` (spaces and dots removed) as `Kontonummer`, or null when it is not a valid one. */
export function parseKontonummer(input: string): Kontonummer | null {
  const v = validateKontonummer(input);
  return v.valid ? v.normalized : null;
}

/** A value validated when it came in and read back (a column) as `Kontonummer`; throws RangeError when not valid (the number withheld). */
export function kontonummerOf(stored: string): Kontonummer {
  const k = parseKontonummer(stored);
  if (k === null) throw new RangeError("Not a valid kontonummer (value withheld)");
  return k;
}

/** "12345678903" → "1234.56.78903" (input is returned unchanged when it is not 11 digits). */
export function formatKontonummer(input: string): string {
  const s = input.replace(/[\s.]/g, "");
  if (!/^\d{11}$/.test(s)) return input;
  return `${s.slice(0, 4)}.${s.slice(4, 6)}.${s.slice(6)}`;
}
