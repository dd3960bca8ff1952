import { describe, expect, it } from "vitest";
import { buildPain001, type Pain001Input } from "~/domain/pain001";
import { pain001Errors } from "../support/pain001-xsd";
import { ore } from "~/kernel/money";
import { kontonummerOf } from "~/kernel/kontonummer";
import { ibanOf } from "~/kernel/iban";

const input: Pain001Input = {
  messageId: "FP20261123ABCDEF",
  createdAt: new Date("2026-11-23T08:00:00.123Z"),
  executionDate: "2026-11-23",
  debtor: { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" },
  payments: [
    {
      endToEndId: "p1",
      amountOre: ore(123_456),
      creditorName: "Kari Nordmann & Sønn <test>",
      account: { kind: "no", kontonummer: kontonummerOf("12345678903") },
      remittance: "Refusjon egenandeler 2026 fra Helfo",
    },
    {
      endToEndId: "p2",
      amountOre: ore(5),
      creditorName: "José Núñez",
      account: { kind: "iban", iban: ibanOf("ES9121000418450200051332"), bic: "CAIXESBBXXX" },
      remittance: "Refusjon fysioterapi i utlandet",
    },
  ],
};

describe("pain.001 credit transfer file (ISO 20022, ADR 0015)", () => {
  it("is valid against the schema, with the control sum, count, amounts in NOK and escaped names", async () => {
    const xml = buildPain001(input);
    expect(await pain001Errors(xml)).toEqual([]);
    expect(xml).toContain("<NbOfTxs>2</NbOfTxs><CtrlSum>1234.61</CtrlSum>");
    expect(xml).toContain('<InstdAmt Ccy="NOK">1234.56</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="NOK">0.05</InstdAmt>');
    expect(xml).toContain("<Othr><Id>12345678903</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr>");
    expect(xml).toContain("<CdtrAgt><FinInstnId><BICFI>CAIXESBBXXX</BICFI></FinInstnId></CdtrAgt>");
    expect(xml).toContain("<Nm>Kari Nordmann Sønn test</Nm>"); // characters outside the bank set are dropped, never raw markup
    expect(xml).toContain("<CreDtTm>2026-11-23T08:00:00Z</CreDtTm>");
    expect(buildPain001(input)).toBe(xml); // pure
  });

  it("the schema check is real: a bad BIC, a missing account or a negative amount fails it", async () => {
    const badBic = buildPain001({ ...input, debtor: { ...input.debtor, bic: "dnb" } });
    expect((await pain001Errors(badBic)).join(" ")).toMatch(/BICFI/);
    const noAccount = buildPain001(input).replace(/<DbtrAcct>.*?<\/DbtrAcct>/, "");
    expect((await pain001Errors(noAccount)).length).toBeGreaterThan(0);
    expect(() => buildPain001({ ...input, payments: [{ ...input.payments[0]!, amountOre: ore(-1) }] })).toThrow(/positive/);
    expect(() => buildPain001({ ...input, payments: [] })).toThrow(/at least one/);
  });
});
