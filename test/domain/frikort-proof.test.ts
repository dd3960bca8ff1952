import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  AccountFormSchema,
  canRegisterAccount,
  checkProof,
  formatProofCode,
  generateProofCode,
  isProofCode,
  normaliseProofCode,
  parseAccountForm,
  PROOF_CODE_ALPHABET,
  ProofVerifyRequestSchema,
} from "~/domain/frikort-proof";
import type { IsoDate } from "~/kernel/types";
import { isoDate } from "~/kernel/dates";

describe("proof codes", () => {
  it("uses an alphabet without look-alikes", () => {
    expect(PROOF_CODE_ALPHABET).toHaveLength(31);
    for (const c of "01ILO") expect(PROOF_CODE_ALPHABET).not.toContain(c);
    expect(new Set(PROOF_CODE_ALPHABET).size).toBe(PROOF_CODE_ALPHABET.length);
  });

  it("generates 10 characters from the alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateProofCode((n) => randomBytes(n));
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      expect(isProofCode(code)).toBe(true);
    }
  });

  it("skips biased bytes (≥ 248) rather than folding them onto the first characters", () => {
    const bytes = [255, 248, 0, 30, 31, 247, 250, 1, 2, 3, 4, 5, 6];
    let i = 0;
    const code = generateProofCode((n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]!));
    // 0→'2', 30→'Z', 31→'2', 247 (=7·31+30)→'Z', 1→'3', 2→'4', 3→'5', 4→'6', 5→'7', 6→'8'
    expect(code).toBe("2Z2Z345678");
  });

  it("is spread over the alphabet", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const c of generateProofCode((n) => randomBytes(n))) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // 30 000 characters, ~968 each: every character well inside ±25 %.
    for (const n of counts.values()) expect(n).toBeGreaterThan(725);
  });

  it.each([
    ["K7M29QXA3B", "K7M2-9QXA-3B"],
    ["2222222222", "2222-2222-22"],
  ])("formats %s in groups as %s", (code, shown) => {
    expect(formatProofCode(code)).toBe(shown);
    expect(normaliseProofCode(shown)).toBe(code);
  });

  it("leaves anything that is not a code unformatted", () => {
    expect(formatProofCode("K7M2")).toBe("K7M2");
  });

  it.each([
    ["K7M2-9QXA-3B", "K7M29QXA3B"],
    ["k7m2-9qxa-3b", "K7M29QXA3B"],
    [" K7M2 9QXA 3B ", "K7M29QXA3B"],
    ["K7M2–9QXA–3B", "K7M29QXA3B"], // en dashes, as a word processor writes them
    ["K7M2.9QXA.3B", "K7M29QXA3B"],
    ["K7M29QXA3B", "K7M29QXA3B"],
  ])("normalises %j", (input, expected) => {
    expect(normaliseProofCode(input)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["K7M2-9QXA-3", "too short"],
    ["K7M2-9QXA-3BB", "too long"],
    ["K7M2-9QXA-3O", "letter O"],
    ["K7M2-9QXA-30", "digit 0"],
    ["K7M2-9QXA-3I", "letter I"],
    ["K7M2-9QXA-31", "digit 1"],
    ["K7M2-9QXA-3L", "letter L"],
    ["K7M2_9QXA_3B", "underscores"],
    ["K7M2-9QXA-3Å", "non-ASCII"],
  ])("rejects %j (%s)", (input) => {
    expect(normaliseProofCode(input)).toBeNull();
  });
});

describe("checkProof", () => {
  const proof = { year: 2019, tak: "tak2", holderName: "Test Fysiosen" };
  it("answers with the facts while the register holds the frikort", () => {
    expect(checkProof(proof, "2019-03-07")).toEqual({
      valid: true,
      year: 2019,
      tak: "tak2",
      validFrom: "2019-03-07",
      validTo: "2019-12-31",
      holderName: "Test Fysiosen",
    });
  });
  it("follows a corrected frikort date", () => {
    expect(checkProof(proof, "2019-03-14")).toMatchObject({ valid: true, validFrom: "2019-03-14" });
  });
  it("says only 'not valid' when a correction removed the frikort or the code is unknown", () => {
    expect(checkProof(proof, null)).toEqual({ valid: false });
    expect(checkProof(null, null)).toEqual({ valid: false });
  });
});

describe("ProofVerifyRequestSchema", () => {
  it("takes a code with or without dashes, in any case", () => {
    expect(ProofVerifyRequestSchema.safeParse({ code: "k7m2-9qxa-3b" }).success).toBe(true);
    expect(ProofVerifyRequestSchema.safeParse({ code: "K7M29QXA3B" }).success).toBe(true);
  });
  it.each([[{}], [{ code: 1234567890 }], [{ code: "hello" }], [{ code: "K7M29QXA3B", fnr: "x" }], [null], [["K7M29QXA3B"]]])("rejects %j", (body) => {
    expect(ProofVerifyRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe("canRegisterAccount (rules-research §2: 16–18-year-olds usually cannot register an account online)", () => {
  const today: IsoDate = "2026-11-23";
  it.each([
    ["1990-01-01", { allowed: true }],
    ["2008-11-23", { allowed: true }], // 18 today
    ["2008-11-22", { allowed: true }],
    ["2008-11-24", { allowed: false, reason: "16-17", age: 17, from: "2026-11-24" }], // 18 tomorrow
    ["2010-06-26", { allowed: false, reason: "16-17", age: 16, from: "2028-06-26" }], // turned 16 this summer
    ["2010-11-23", { allowed: false, reason: "16-17", age: 16, from: "2028-11-23" }], // 16 today
    ["2010-11-24", { allowed: false, reason: "under-16", age: 15, from: "2028-11-24" }],
    ["2020-03-01", { allowed: false, reason: "under-16", age: 6, from: "2038-03-01" }],
  ])("born %s", (birthDate, expected) => {
    expect(canRegisterAccount(isoDate(birthDate), today)).toEqual(expected);
  });
  it("allows when the birth date is not known", () => {
    expect(canRegisterAccount(null, today)).toEqual({ allowed: true });
  });
  it("counts a 29 February birthday as reached on 1 March in a common year", () => {
    expect(canRegisterAccount("2008-02-29", "2026-02-28").allowed).toBe(false);
    expect(canRegisterAccount("2008-02-29", "2026-03-01").allowed).toBe(true);
  });
});

describe("the account form", () => {
  it.each([
    ["1234.56.78903", "12345678903"],
    ["12345678903", "12345678903"],
    [" 1234 56 78903 ", "12345678903"],
  ])("accepts %j as %s", (input, expected) => {
    expect(parseAccountForm({ kontonummer: input })).toEqual({ ok: true, kontonummer: expected });
    expect(AccountFormSchema.parse({ kontonummer: input })).toEqual({ kontonummer: expected });
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["1234-56-78903", "characters"],
    ["1234.56.7890x", "characters"],
    ["1234.56.7890", "length"],
    ["1234.56.789033", "length"],
    ["1234.56.78904", "checksum"],
  ])("rejects %j with %s and keeps what was typed", (input, error) => {
    expect(parseAccountForm({ kontonummer: input })).toEqual({ ok: false, error, value: input });
  });

  it("treats a missing field as empty", () => {
    expect(parseAccountForm({})).toEqual({ ok: false, error: "required", value: "" });
  });

  it("rejects every number whose control digit would be 10 (no valid account has one)", () => {
    // 0000000006: weighted sum 6 · 2 = 12, 12 mod 11 = 1, 11 − 1 = 10.
    for (let k = 0; k <= 9; k++) expect(parseAccountForm({ kontonummer: `0000000006${k}` })).toMatchObject({ ok: false, error: "checksum" });
  });
});
