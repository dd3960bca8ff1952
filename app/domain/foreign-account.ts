/**
 * A payout account abroad: IBAN (ISO 13616) and BIC (ISO 9362), checked before anything is stored
 * (issue 22, item 10). Pure. A Norwegian IBAN is a kontonummer in another form: it is given back as
 * one, so a resident who types their Norwegian IBAN gets the kontonummer saved.
 */
import { hasIbanShape, ibanMod97, isValidIban, normaliseBic, normaliseIban } from "../kernel/iban";
import { validateKontonummer } from "../kernel/kontonummer";
import type { Iban, Kontonummer } from "../kernel/types";
import { IBAN_LENGTH } from "../rules/parameters/iban";

export type ForeignAccountError = "iban.required" | "iban.characters" | "iban.country-length" | "iban.checksum" | "bic.required" | "bic.format";

export type ForeignAccountResult =
  | { ok: true; kind: "foreign"; iban: Iban; bic: string }
  | { ok: true; kind: "no"; kontonummer: Kontonummer }
  | { ok: false; errors: Partial<Record<"iban" | "bic", ForeignAccountError>> };

export function checkForeignAccount(rawIban: string, rawBic: string): ForeignAccountResult {
  const iban = normaliseIban(rawIban);
  const bic = normaliseBic(rawBic);
  const errors: Partial<Record<"iban" | "bic", ForeignAccountError>> = {};
  if (!iban) errors.iban = "iban.required";
  else if (!hasIbanShape(iban)) errors.iban = "iban.characters";
  else if (IBAN_LENGTH[iban.slice(0, 2)] !== undefined && IBAN_LENGTH[iban.slice(0, 2)] !== iban.length) errors.iban = "iban.country-length";
  else if (ibanMod97(iban) !== 1) errors.iban = "iban.checksum";
  // A Norwegian IBAN needs no BIC: it is the kontonummer.
  if (!errors.iban && iban.startsWith("NO")) {
    const k = validateKontonummer(iban.slice(4));
    if (k.valid) return { ok: true, kind: "no", kontonummer: k.normalized };
    errors.iban = "iban.checksum";
  }
  if (!bic) errors.bic = "bic.required";
  else if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic)) errors.bic = "bic.format";
  // The BIC's country (letters 5–6) is not required to be the IBAN's: Monaco, Åland and the Channel
  // Islands use their neighbours' IBANs with their own BICs, and a false refusal costs a payout.
  if (errors.iban || errors.bic || !isValidIban(iban)) return { ok: false, errors };
  return { ok: true, kind: "foreign", iban, bic };
}

/** For messages and the page: the country and the last four characters, never the whole number. */
export function maskIban(iban: string): string {
  return `${iban.slice(0, 2)}** **** ${iban.slice(-4)}`;
}
