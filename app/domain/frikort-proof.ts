/**
 * The digital frikort proof and the payout account form (pure: no I/O, no clock, no randomness of
 * its own).
 *
 * Proof codes are 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in
 * groups (K7M2-9QXA-3B) and accepted back with or without dashes or spaces, in any case.
 * 31^10 ≈ 8·10^14 codes: guessing one is hopeless, and every check is logged.
 *
 * Account registration: rules-research.md §2 ("people aged 16–18 usually cannot register an account
 * number electronically"); children under 16 pay no egenandel. So the portal takes an account
 * number from the 18th birthday; when the birth date is unknown it does not stop anyone.
 */
import { z } from "zod";
import { ageOn, nthBirthday } from "../kernel/dates";
import { validateKontonummer } from "../kernel/kontonummer";
import type { IsoDate, Kontonummer, TakId } from "../kernel/types";

export const PROOF_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const PROOF_CODE_LENGTH = 10;
/** Group sizes for display: K7M2-9QXA-3B. */
const GROUPS = [4, 4, 2] as const;

const ALPHABET_SET = new Set(PROOF_CODE_ALPHABET);

/**
 * A new code from a source of random bytes (node:crypto's randomBytes in the service). Rejection
 * sampling keeps every character equally likely: bytes ≥ 248 (= 8 × 31) are thrown away.
 */
export function generateProofCode(randomBytes: (n: number) => Uint8Array): string {
  const n = PROOF_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = "";
  while (out.length < PROOF_CODE_LENGTH) {
    for (const b of randomBytes(PROOF_CODE_LENGTH * 2)) {
      if (b >= limit) continue;
      out += PROOF_CODE_ALPHABET[b % n];
      if (out.length === PROOF_CODE_LENGTH) break;
    }
  }
  return out;
}

/** True for a stored (normalised) code: exactly 10 characters from the alphabet. */
export function isProofCode(s: string): boolean {
  return s.length === PROOF_CODE_LENGTH && [...s].every((c) => ALPHABET_SET.has(c));
}

/**
 * What a person typed or read out → the stored form, or null when it cannot be a code.
 * Dashes, spaces and dots are ignored, case is not significant.
 */
export function normaliseProofCode(input: string): string | null {
  const s = input.replace(/[\s.\-\u2010-\u2015\u2212]/g, "").toUpperCase();
  return isProofCode(s) ? s : null;
}

/** "K7M29QXA3B" → "K7M2-9QXA-3B" (anything that is not a code is returned unchanged). */
export function formatProofCode(code: string): string {
  if (!isProofCode(code)) return code;
  const parts: string[] = [];
  let i = 0;
  for (const g of GROUPS) {
    parts.push(code.slice(i, i + g));
    i += g;
  }
  return parts.join("-");
}

/** The proof is for a calendar year: it runs from the frikort date to 31 December. */
export function proofValidity(year: number, frikortFrom: IsoDate): { validFrom: IsoDate; validTo: IsoDate } {
  return { validFrom: frikortFrom, validTo: `${year}-12-31` };
}

/** What a provider is told about a code: everything on the proof, or only that it is not valid. */
export type ProofCheck = { valid: true; year: number; tak: TakId; validFrom: IsoDate; validTo: IsoDate; holderName: string | null } | { valid: false };

/**
 * The answer for a code, from the stored proof and the engine's current frikort date for that
 * person, year and tak. A correction can take the frikort away (null) or move its date: the proof
 * follows the register, never the day it was made.
 */
export function checkProof(proof: { year: number; tak: string; holderName: string | null } | null, currentFrikortFrom: IsoDate | null): ProofCheck {
  if (!proof || !currentFrikortFrom) return { valid: false };
  if (proof.tak !== "tak1" && proof.tak !== "tak2" && proof.tak !== "felles") return { valid: false };
  return { valid: true, year: proof.year, tak: proof.tak, ...proofValidity(proof.year, currentFrikortFrom), holderName: proof.holderName };
}

// ---------------------------------------------------------------------------------------------
// Payout account

export const ACCOUNT_MIN_AGE = 18;

export type AccountEligibility =
  { allowed: true } | { allowed: false; reason: "under-16" | "16-17"; age: number; /** The 18th birthday: from then on it can be done here. */ from: IsoDate };

/** May this person register a payout account in the portal on `today`? */
export function canRegisterAccount(birthDate: IsoDate | null, today: IsoDate): AccountEligibility {
  if (birthDate === null) return { allowed: true };
  const age = ageOn(birthDate, today);
  if (age >= ACCOUNT_MIN_AGE) return { allowed: true };
  return { allowed: false, reason: age < 16 ? "under-16" : "16-17", age, from: nthBirthday(birthDate, ACCOUNT_MIN_AGE) };
}

/** Error codes of the account form; the page turns each into a translated message. */
export const ACCOUNT_ERRORS = ["required", "characters", "length", "checksum"] as const;
export type AccountError = (typeof ACCOUNT_ERRORS)[number];

/**
 * The account form, for the page and the server alike. Dots and spaces are allowed; the output is
 * the 11 digits. The first problem found is the one reported, most basic first.
 */
export const AccountFormSchema = z.object({
  kontonummer: z
    .string()
    .trim()
    .transform((raw, ctx) => {
      const fail = (message: AccountError) => {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      };
      if (raw === "") return fail("required");
      const digits = raw.replace(/[\s.]/g, "");
      if (!/^\d*$/.test(digits)) return fail("characters");
      if (digits.length !== 11) return fail("length");
      const v = validateKontonummer(digits);
      if (!v.valid) return fail(v.reason === "checksum" ? "checksum" : "length");
      return v.normalized;
    }),
});

export type AccountFormResult = { ok: true; kontonummer: Kontonummer } | { ok: false; error: AccountError; value: string };

/** Parses the submitted form fields (FormData entries or a plain object). */
export function parseAccountForm(fields: { kontonummer?: unknown }): AccountFormResult {
  const value = typeof fields.kontonummer === "string" ? fields.kontonummer : "";
  const r = AccountFormSchema.safeParse({ kontonummer: value });
  if (r.success) return { ok: true, kontonummer: r.data.kontonummer };
  const message = r.error.issues[0]?.message;
  const error = (ACCOUNT_ERRORS as readonly string[]).includes(message ?? "") ? (message as AccountError) : "required";
  return { ok: false, error, value };
}

// ---------------------------------------------------------------------------------------------
// Provider API contract (shared with the OpenAPI document)

export const ProofVerifyRequestSchema = z
  .object({
    code: z
      .string()
      .max(40)
      .refine((s) => normaliseProofCode(s) !== null, {
        message: "must be a frikort proof code: 10 characters from 23456789ABCDEFGHJKMNPQRSTUVWXYZ (dashes, spaces and case do not matter)",
      })
      .meta({ description: "The verification code on the patient's digital frikort proof.", example: "K7M2-9QXA-3B" }),
  })
  .strict();

export const ProofVerifyResponseSchema = z.union([
  z
    .object({
      valid: z.literal(true),
      year: z.number().int(),
      tak: z.enum(["tak1", "tak2", "felles"]).meta({ description: "tak1/tak2 up to 2020, felles from 2021." }),
      validFrom: z.string().meta({ format: "date", description: "The frikort date as the register has it now." }),
      validTo: z.string().meta({ format: "date", description: "Always 31 December of the year." }),
      holderName: z.string().nullable().meta({ description: "Check it against the patient's ID." }),
    })
    .meta({ description: "The code belongs to a frikort that the register still holds." }),
  z.object({ valid: z.literal(false) }).meta({ description: "Unknown code, or the frikort no longer applies. Nothing else is said." }),
]);
