import { describe, expect, it } from "vitest";
import { formatKontonummer, validateKontonummer } from "~/kernel/kontonummer";

describe("validateKontonummer", () => {
  it.each([
    ["12345678903", { valid: true, normalized: "12345678903" }],
    ["1234.56.78903", { valid: true, normalized: "12345678903" }],
    [" 1234 56 78903 ", { valid: true, normalized: "12345678903" }],
    ["12345678904", { valid: false, reason: "checksum" }],
    ["12345678900", { valid: false, reason: "checksum" }],
    ["1234567890", { valid: false, reason: "format" }],
    ["123456789033", { valid: false, reason: "format" }],
    ["1234-56-78903", { valid: false, reason: "format" }],
    ["", { valid: false, reason: "format" }],
    // 00000000000: sum 0 → k = 0, valid by checksum.
    ["00000000000", { valid: true, normalized: "00000000000" }],
  ])("%j", (input, expected) => {
    expect(validateKontonummer(input)).toEqual(expected);
  });

  it("rejects every number whose control digit would be 10", () => {
    // 1000000001x: weights 5 … 2 → 5 + 2 = 7 → k = 4; find a base whose k is 10 instead.
    const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let base = "";
    for (let n = 1_000_000_000; ; n++) {
      const s = String(n);
      const sum = weights.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
      if ((11 - (sum % 11)) % 11 === 10) {
        base = s;
        break;
      }
    }
    for (let d = 0; d <= 9; d++) expect(validateKontonummer(`${base}${d}`).valid).toBe(false);
  });

  it("formats as XXXX.XX.XXXXX", () => {
    expect(formatKontonummer("12345678903")).toBe("1234.56.78903");
    expect(formatKontonummer("1234 56 78903")).toBe("1234.56.78903");
    expect(formatKontonummer("123")).toBe("123");
  });
});
