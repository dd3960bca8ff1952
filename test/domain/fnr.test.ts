import { describe, expect, it } from "vitest";
import { generateFnr, maskFnr, validateFnr } from "~/kernel/fnr";
import { isoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

describe("validateFnr: Skatteetaten's examples (rules-research §6c)", () => {
  it.each([
    // 02013299997: S1 = 156, k1 = 9 → remainder 0, so the classic rule also passes.
    ["02013299997", { valid: true, kind: "fnr", birthDate: "2032-01-02", rule: "classic" }],
    ["30108299920", { valid: true, kind: "fnr", birthDate: "1982-10-30", rule: "classic" }],
    // Remainder 1: only the 2032 rule; the century is unknown.
    ["30108299939", { valid: true, kind: "fnr", birthDate: null, rule: "2032" }],
  ])("%s", (input, expected) => {
    expect(validateFnr(input)).toEqual({ ...expected, fnr: input });
  });
});

describe("validateFnr: format, checksum and date", () => {
  it.each([
    ["", "format"],
    ["0101901234", "format"],
    ["010190123456", "format"],
    ["0101901234a", "format"],
    ["010190 12345", "format"],
    ["01019012345", "checksum"],
    ["30108299921", "checksum"], // K2 wrong
    ["30108299910", "checksum"], // K1 remainder 10
    ["00000000000", "date"], // passes both control digits, but day 00
  ])("%j → %s", (input, reason) => {
    expect(validateFnr(input)).toEqual({ valid: false, reason });
  });

  it("accepts surrounding spaces", () => {
    expect(validateFnr("  30108299920 \n")).toMatchObject({ valid: true, birthDate: "1982-10-30" });
  });

  it("matches an independent reference on every control-digit pair", () => {
    const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    const sum = (s: string, w: number[]) => w.reduce((acc, x, i) => acc + x * Number(s[i]), 0);
    for (const body of ["301082999", "020132999", "150148044", "611087455"]) {
      let classic = 0;
      let rule2032 = 0;
      for (let k = 0; k < 100; k++) {
        const fnr = `${body}${String(k).padStart(2, "0")}`;
        const r1 = sum(fnr, [...w1, 1]) % 11;
        const k2ok = sum(fnr, [...w2, 1]) % 11 === 0;
        const expected = r1 <= 3 && k2ok;
        const result = validateFnr(fnr);
        expect(result.valid, fnr).toBe(expected);
        if (!expected) expect(result).toEqual({ valid: false, reason: "checksum" });
        if (result.valid) {
          expect(result.rule).toBe(r1 === 0 ? "classic" : "2032");
          if (result.rule === "classic") classic++;
          else rule2032++;
        }
      }
      expect(classic).toBeLessThanOrEqual(1);
      expect(rule2032).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("generateFnr", () => {
  it.each([
    ["1982-10-30", 999, "fnr", "1982-10-30"],
    ["1958-03-14", 231, "fnr", "1958-03-14"],
    ["2010-06-26", 601, "fnr", "2010-06-26"],
    ["1899-05-17", 600, "fnr", "1899-05-17"],
    ["1941-12-08", 912, "fnr", "1941-12-08"],
    ["1987-05-21", 455, "dnr", "1987-05-21"],
    ["2001-09-30", 777, "dnr", "2001-09-30"],
    ["1975-12-01", 123, "hnr", "1975-12-01"],
    ["1992-02-29", 436, "fnr", "1992-02-29"],
  ] as const)("%s / %d / %s decodes back", (birthDate, individ, kind, expected) => {
    let fnr: string | null = null;
    for (let i = individ; fnr === null; i++) fnr = generateFnr(birthDate, i, kind);
    expect(validateFnr(fnr)).toEqual({ valid: true, fnr, kind, birthDate: expected, rule: "classic" });
  });

  it("puts D-nummer in day + 40 and H-nummer in month + 40", () => {
    const first = (birthDate: IsoDate, kind: "dnr" | "hnr") => {
      for (let i = 100; i < 500; i++) {
        const n = generateFnr(isoDate(birthDate), i, kind);
        if (n) return n;
      }
      throw new Error("none");
    };
    const dnr = first("1987-05-21", "dnr");
    expect(dnr.slice(0, 6)).toBe("610587");
    expect(validateFnr(dnr)).toMatchObject({ kind: "dnr", birthDate: "1987-05-21" });
    const hnr = first("1975-12-01", "hnr");
    expect(hnr.slice(0, 6)).toBe("015275");
    expect(validateFnr(hnr)).toMatchObject({ kind: "hnr", birthDate: "1975-12-01" });
  });

  it("reproduces the Skatteetaten example 30108299920", () => {
    expect(generateFnr("1982-10-30", 999)).toBe("30108299920");
  });

  it("returns null when the individnummer does not fit the century", () => {
    expect(generateFnr("1985-01-01", 600)).toBeNull(); // 500–749 with yy 85 means 1885
    expect(generateFnr("2005-01-01", 100)).toBeNull(); // 000–499 is 1900–1999
  });

  it("returns null roughly when a control digit would be 10, and never an invalid number", () => {
    let nulls = 0;
    for (let individ = 0; individ <= 499; individ++) {
      const fnr = generateFnr("1970-01-01", individ);
      if (fnr === null) nulls++;
      else expect(validateFnr(fnr)).toMatchObject({ valid: true, birthDate: "1970-01-01", rule: "classic" });
    }
    expect(nulls).toBeGreaterThan(0);
    expect(nulls).toBeLessThan(250);
  });

  it("throws on bad input", () => {
    expect(() => generateFnr("1970-02-30", 1)).toThrow(RangeError);
    expect(() => generateFnr("1970-01-01", 1000)).toThrow(RangeError);
  });
});

/** Test-side completion of a 9-digit body with classic control digits (null when one would be 10). */
function complete(body: string): string | null {
  const k = (digits: string, w: number[]) => (11 - (w.reduce((a, x, i) => a + x * Number(digits[i]), 0) % 11)) % 11;
  const k1 = k(body, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
  if (k1 === 10) return null;
  const k2 = k(`${body}${k1}`, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k2 === 10 ? null : `${body}${k1}${k2}`;
}

/** The first valid-by-checksum number for a DDMMYY prefix, trying individnummer upwards from `from`. */
function firstWithPrefix(prefix: string, from: number): string {
  for (let i = from; i < 1000; i++) {
    const fnr = complete(`${prefix}${String(i).padStart(3, "0")}`);
    if (fnr) return fnr;
  }
  throw new Error("none");
}

describe("validateFnr: dates", () => {
  it.each([
    ["290291", 100, "29 Feb 1991 (individ 000–499 → 1900s, not a leap year)"],
    ["290200", 100, "29 Feb 1900 (not a leap year)"],
    ["311190", 100, "31 November"],
    ["011390", 100, "month 13"],
    ["320190", 100, "day 32"],
    ["000190", 100, "day 00"],
    ["720190", 100, "D-nummer day 72 (32)"],
    ["015390", 100, "H-nummer month 53 (13)"],
    ["415290", 100, "both D- and H-nummer"],
    ["018190", 100, "month 81 (synthetic test numbers are not accepted)"],
  ])("%s… is a date error: %s", (prefix, from) => {
    expect(validateFnr(firstWithPrefix(prefix, from))).toEqual({ valid: false, reason: "date" });
  });

  it.each([
    ["290292", 100, "1992-02-29"],
    ["290200", 500, "2000-02-29"],
    ["690292", 100, "1992-02-29"], // D-nummer
    ["294292", 100, "1992-02-29"], // H-nummer
    ["010154", 600, "1854-01-01"], // 500–749, yy ≥ 54 → 1800s
    ["010140", 950, "1940-01-01"], // 900–999, yy ≥ 40 → 1900s
    ["010139", 950, "2039-01-01"], // 900–999, yy < 40 → 2000s
    ["010139", 750, "2039-01-01"], // 750–899 → 2000s
  ])("%s… (individ from %d) decodes to %s", (prefix, from, birthDate) => {
    expect(validateFnr(firstWithPrefix(prefix, from))).toMatchObject({ valid: true, birthDate, rule: "classic" });
  });

  it("gives birthDate null when no classic range matches (individ 750–899 with yy ≥ 40)", () => {
    const fnr = firstWithPrefix("010180", 800);
    expect(validateFnr(fnr)).toEqual({ valid: true, fnr, kind: "fnr", birthDate: null, rule: "classic" });
  });
});

describe("maskFnr", () => {
  it("keeps the first six digits", () => {
    expect(maskFnr("01019012345")).toBe("010190*****");
    expect(maskFnr(" 30108299920 ")).toBe("301082*****");
  });
});
