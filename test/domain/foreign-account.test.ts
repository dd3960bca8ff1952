import { describe, expect, it } from "vitest";
import { checkForeignAccount, maskIban } from "~/domain/foreign-account";

describe("a payout account abroad: IBAN + BIC (issue 22, item 10)", () => {
  it("a German IBAN with spaces and a BIC is accepted, normalised", () => {
    expect(checkForeignAccount("de89 3704 0044 0532 0130 00", "cobadeffxxx")).toEqual({ ok: true, kind: "foreign", iban: "DE89370400440532013000", bic: "COBADEFFXXX" });
  });
  it("a Swedish IBAN with an 8-character BIC is accepted", () => {
    expect(checkForeignAccount("SE45 5000 0000 0583 9825 7466", "ESSESESS")).toMatchObject({ ok: true, kind: "foreign" });
  });
  it("one wrong digit fails the check digits", () => {
    expect(checkForeignAccount("DE89 3704 0044 0532 0130 01", "COBADEFFXXX")).toEqual({ ok: false, errors: { iban: "iban.checksum" } });
  });
  it("a German IBAN one digit short is the wrong length for Germany", () => {
    expect(checkForeignAccount("DE89 3704 0044 0532 0130 0", "COBADEFFXXX")).toEqual({ ok: false, errors: { iban: "iban.country-length" } });
  });
  it("characters an IBAN cannot have, and a missing IBAN, are said", () => {
    expect(checkForeignAccount("DE89/3704", "COBADEFF")).toMatchObject({ errors: { iban: "iban.characters" } });
    expect(checkForeignAccount("", "")).toEqual({ ok: false, errors: { iban: "iban.required", bic: "bic.required" } });
  });
  it("a malformed BIC is refused next to a valid IBAN", () => {
    expect(checkForeignAccount("DE89370400440532013000", "COBA1")).toEqual({ ok: false, errors: { bic: "bic.format" } });
  });
  it("a Norwegian IBAN is the kontonummer and needs no BIC", () => {
    expect(checkForeignAccount("NO93 8601 1117 947", "")).toEqual({ ok: true, kind: "no", kontonummer: "86011117947" });
  });
  it("the mask shows the country and the last four characters only", () => {
    expect(maskIban("DE89370400440532013000")).toBe("DE** **** 3000");
  });
});
