/**
 * The kernel's money, date and identifier types (app/kernel/types.ts). The `@ts-expect-error` lines are the
 * type-level half of this test: `npm run typecheck` (tsc over test/**) fails if any of them stops
 * being an error, i.e. if kroner as a bare number, or a bare string, were accepted again.
 */
import { describe, expect, it } from "vitest";
import { lineRegisterRequest } from "~/domain/claims";
import type { CreditorAccount } from "~/domain/pain001";
import { decideOpenPayout } from "~/domain/payouts";
import type { PersonRef, RegisterSource } from "~/domain/register";
import { addDays, isoDate, isoDateOrNull } from "~/kernel/dates";
import { fnrOf, generateFnr, isFnr, parseFnr } from "~/kernel/fnr";
import { ibanOf, parseIban } from "~/kernel/iban";
import { isKontonummer, kontonummerOf, parseKontonummer } from "~/kernel/kontonummer";
import { addOre, formatOre, kroner, maxOre, mulOre, ore, oreOf, percentOf, subOre, sumOre, ZERO_ORE } from "~/kernel/money";
import { isOrgnr, orgnrOf, parseOrgnr } from "~/kernel/orgnr";
import type { Fnr, IsoDate, Ore } from "~/kernel/types";
import { ceilingFor } from "~/rules/parameters/egenandelstak";
import { FnrSchema } from "~/schemas/provider-api";

describe("Ore: a bare number of kroner is refused where øre is expected", () => {
  it("the payout rule takes øre, made from kroner only through kroner()", () => {
    const typedKroner = 300; // what a form or a careless caller holds
    const base = { year: 2024, paidOre: ZERO_ORE, hasAccount: true, reserved: false };
    const refused = () => {
      // @ts-expect-error a number (here kroner) is not øre
      decideOpenPayout({ ...base, owedOre: typedKroner });
      // @ts-expect-error formatting takes øre, not a bare number
      formatOre(typedKroner, "nb");
      // @ts-expect-error neither is a variable of type Ore
      const owed: Ore = typedKroner;
      return owed;
    };
    expect(typeof refused).toBe("function");
    expect(decideOpenPayout({ ...base, owedOre: kroner(typedKroner) })).toEqual({ amountOre: 30_000, status: "pending", reason: null });
    expect(formatOre(kroner(typedKroner), "nb")).toBe("300,00\u00a0kr");
  });

  it("a rule table's amount is Ore, and arithmetic through the kernel keeps it Ore", () => {
    const ceiling: Ore = ceilingFor("felles", 2024).ceilingOre;
    expect(ceiling).toBe(3_165_00);
    const over: Ore = maxOre(ZERO_ORE, subOre(addOre(ceiling, ore(1_000)), ceiling));
    expect(over).toBe(1_000);
    expect(sumOre([ore(1), ore(2), ore(3)])).toBe(6);
    expect(sumOre([])).toBe(0);
    expect(mulOre(ore(12_50), 3)).toBe(37_50);
    // @ts-expect-error adding two Ore with + gives a bare number
    const plain: Ore = ceiling + ceiling;
    expect(plain).toBe(6_330_00);
  });

  it("percentOf rounds as stated", () => {
    expect(percentOf(ore(1_001), 50, "half-up")).toBe(501);
    expect(percentOf(ore(1_001), 50, "floor")).toBe(500);
    expect(percentOf(ore(1_001), 50, "ceil")).toBe(501);
    expect(percentOf(ore(-1_001), 50, "half-up")).toBe(-501);
    expect(percentOf(ore(999), 39, "half-up")).toBe(390); // 389.61
  });

  it("refuses what is not whole øre at run time", () => {
    expect(() => ore(12.5)).toThrow(RangeError);
    expect(() => ore(Number.NaN)).toThrow(RangeError);
    expect(() => kroner(1.5)).toThrow(RangeError);
    expect(() => mulOre(ore(100), 1.5)).toThrow(RangeError);
    expect(oreOf("246000")).toBe(246_000);
  });
});

describe("IsoDate: a bare string is refused where a date is expected", () => {
  it("a string from outside must be parsed; a date literal in the code is accepted", () => {
    const typed: string = "2026-12-06"; // a form field, a JSON body
    const refused = () => {
      // @ts-expect-error a string is not a date until it is parsed
      addDays(typed, 1);
      // @ts-expect-error a Norwegian-format date does not have the ISO shape
      addDays("06.12.2026", 1);
      // @ts-expect-error nor does a fødselsnummer
      const d: IsoDate = "14035823159";
      return d;
    };
    expect(typeof refused).toBe("function");
    expect(addDays(isoDate(typed), 1)).toBe("2026-12-07");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("the parser accepts only real calendar dates", () => {
    expect(isoDate("2024-02-29")).toBe("2024-02-29");
    expect(() => isoDate("2023-02-29")).toThrow(RangeError);
    expect(() => isoDate("2026-13-01")).toThrow(RangeError);
    expect(() => isoDate("06.12.2026")).toThrow(RangeError);
    expect(() => isoDate("2026-12-6")).toThrow(RangeError);
    expect(isoDateOrNull("2026-12-06")).toBe("2026-12-06");
    expect(isoDateOrNull("")).toBeNull();
    expect(isoDateOrNull(null)).toBeNull();
  });
});

describe("Identifiers: a bare string is refused where a fødselsnummer, orgnr, kontonummer or IBAN is expected", () => {
  const typedFnr: string = "14035823159"; // valid, but as a form or JSON body holds it
  const typedOrgnr: string = "974760673";
  const typedKonto: string = "12345678903";
  const typedIban: string = "DE89370400440532013000";

  it("the register, the claims and the payout file take identifiers only after a parse", () => {
    const refused = () => {
      // @ts-expect-error a string is not a fødselsnummer until it is parsed
      const person: PersonRef = { fnr: typedFnr, birthDate: null };
      // @ts-expect-error nor is a literal: it could be any 11 digits
      const literal: Fnr = "14035823159";
      // @ts-expect-error a provider's orgnr on the register's event row must be parsed
      const source: RegisterSource = { kind: "provider", orgnr: typedOrgnr };
      const line = { orgnr: typedOrgnr, providerName: "X", claimId: "c", lineNo: 1, fnr: typedFnr, birthDate: null, date: "2026-01-01" as const, egenandelOre: ZERO_ORE };
      // @ts-expect-error a claim line's person likewise
      lineRegisterRequest({ ...line, paid: true, hash: "h" });
      // @ts-expect-error a payout goes to a parsed kontonummer
      const no: CreditorAccount = { kind: "no", kontonummer: typedKonto };
      // @ts-expect-error or a parsed IBAN
      const abroad: CreditorAccount = { kind: "iban", iban: typedIban, bic: "COBADEFFXXX" };
      // @ts-expect-error an orgnr is not a fødselsnummer, though both are digits
      const swapped: Fnr = parseOrgnr(typedOrgnr)!;
      return [person, literal, source, no, abroad, swapped];
    };
    expect(typeof refused).toBe("function");
    const fnr = parseFnr(typedFnr);
    const orgnr = parseOrgnr(typedOrgnr);
    expect(fnr).toBe("14035823159");
    expect(orgnr).toBe("974760673");
    const person: PersonRef = { fnr: fnr!, birthDate: null };
    const source: RegisterSource = { kind: "provider", orgnr: orgnr! };
    expect([person, source]).toHaveLength(2);
    const no: CreditorAccount = { kind: "no", kontonummer: parseKontonummer(typedKonto)! };
    const abroad: CreditorAccount = { kind: "iban", iban: parseIban(typedIban)!, bic: "COBADEFFXXX" };
    expect([no, abroad]).toEqual([
      { kind: "no", kontonummer: "12345678903" },
      { kind: "iban", iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
    ]);
  });

  it("the parsers normalise what people type and refuse what fails the check digits", () => {
    expect(parseFnr(" 14035823159 ")).toBe("14035823159");
    expect(parseFnr("14035823158")).toBeNull();
    expect(parseFnr("1403582315")).toBeNull();
    expect(parseOrgnr("974 760 673")).toBe("974760673");
    expect(parseOrgnr("974760674")).toBeNull();
    expect(parseKontonummer("1234.56.78903")).toBe("12345678903");
    expect(parseKontonummer("12345678904")).toBeNull();
    expect(parseIban("de89 3704 0044 0532 0130 00")).toBe("DE89370400440532013000");
    expect(parseIban("DE89370400440532013001")).toBeNull();
    // The zod guards brand only the exact form (no spaces): the schemas normalise before them.
    expect([isFnr(typedFnr), isFnr(" 14035823159"), isOrgnr("974 760 673"), isKontonummer("1234.56.78903")]).toEqual([true, false, false, false]);
  });

  it("the provider API's schema hands on a Fnr, and refuses an invalid number", () => {
    const parsed: Fnr = FnrSchema.parse(typedFnr);
    expect(parsed).toBe("14035823159");
    expect(FnrSchema.safeParse("14035823158").success).toBe(false);
  });

  it("a stored value read back is checked again, and a bad fødselsnummer never appears in the error", () => {
    expect(fnrOf("14035823159")).toBe("14035823159");
    expect(() => fnrOf("14035823158")).toThrow(RangeError);
    expect(() => fnrOf("14035823158")).not.toThrow(/14035823158/);
    expect(() => kontonummerOf("12345678904")).not.toThrow(/12345678904/);
    expect(() => ibanOf("DE89370400440532013001")).toThrow(RangeError);
    expect(() => orgnrOf("974760674")).toThrow(RangeError);
    expect(generateFnr("1990-03-03", 455)).toBe(fnrOf(generateFnr("1990-03-03", 455)!));
  });
});
