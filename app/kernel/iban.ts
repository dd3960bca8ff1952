/** International bank account numbers (ISO 13616) and bank identifier codes (ISO 9362). */
import type { Iban } from "./types";

export const normaliseIban = (s: string) => s.replace(/[\s.-]/g, "").toUpperCase();
export const normaliseBic = (s: string) => s.replace(/\s/g, "").toUpperCase();

/** Two letters, two check digits, 11 to 30 letters/digits. */
export const hasIbanShape = (iban: string) => /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban);

/** ISO 7064 mod 97-10 over the rearranged IBAN: 1 for a valid one. */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

/** ISO 13616: the shape, and mod 97 of the rearranged number is 1 (of a normalised IBAN: upper case, no spaces). */
export function isValidIban(iban: string): iban is Iban {
  return hasIbanShape(iban) && ibanMod97(iban) === 1;
}

/** The IBAN in `input` (spaces, dots and dashes removed, upper-cased) as `Iban`, or null when it is not a valid one. */
export function parseIban(input: string): Iban | null {
  const s = normaliseIban(input);
  return isValidIban(s) ? s : null;
}

/** A value validated when it came in and read back (a column) as `Iban`; throws RangeError when not valid (the number withheld). */
export function ibanOf(stored: string): Iban {
  const i = parseIban(stored);
  if (i === null) throw new RangeError("Not a valid IBAN (value withheld)");
  return i;
}

/** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3). */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic);
}
