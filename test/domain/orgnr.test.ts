import { describe, expect, it } from "vitest";
import { completeOrgnr, validateOrgnr } from "~/kernel/orgnr";

describe("validateOrgnr", () => {
  it.each([
    // 1·3+2·2+3·7+4·6+5·5+6·4+7·3+8·2 = 138; 138 mod 11 = 6; k = 5
    ["123456785", { valid: true, normalized: "123456785" }],
    ["123 456 785", { valid: true, normalized: "123456785" }],
    ["123456789", { valid: false, reason: "checksum" }],
    ["12345678", { valid: false, reason: "format" }],
    ["1234567850", { valid: false, reason: "format" }],
    ["12345678a", { valid: false, reason: "format" }],
  ])("%j", (input, expected) => {
    expect(validateOrgnr(input)).toEqual(expected);
  });

  it("completeOrgnr adds the control digit, or null when it would be 10", () => {
    expect(completeOrgnr("12345678")).toBe("123456785");
    // 1·3 + 0 … + 0 = 3 → k = 8
    expect(completeOrgnr("10000000")).toBe("100000008");
    // find a base with k = 10
    let nullBase: string | null = null;
    for (let n = 90_000_000; nullBase === null; n++) if (completeOrgnr(String(n)) === null) nullBase = String(n);
    for (let d = 0; d <= 9; d++) expect(validateOrgnr(`${nullBase}${d}`).valid).toBe(false);
  });
});
