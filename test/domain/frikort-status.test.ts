import { describe, expect, it } from "vitest";
import { answerFrikortQuestion, type FrikortQuestion } from "~/domain/frikort-status";
import type { IsoDate } from "~/kernel/types";

const adult: { birthDate: IsoDate; reserved: boolean } = { birthDate: "1980-05-05" as IsoDate, reserved: false };

describe("answerFrikortQuestion", () => {
  it.each<[string, FrikortQuestion, ReturnType<typeof answerFrikortQuestion>]>([
    ["no frikort yet", { date: "2024-05-01", person: adult, frikortFrom: null }, { status: "ikke-frikort" }],
    ["frikort from that very day", { date: "2024-05-01", person: adult, frikortFrom: "2024-05-01" }, { status: "frikort", validFrom: "2024-05-01", basis: "egenandelstak" }],
    ["the day before the frikort applies", { date: "2024-04-30", person: adult, frikortFrom: "2024-05-01" }, { status: "ikke-frikort" }],
    ["unknown number: no frikort", { date: "2024-05-01", person: null, frikortFrom: null }, { status: "ikke-frikort" }],
    ["reserved: unknown, even with a frikort", { date: "2024-05-01", person: { ...adult, reserved: true }, frikortFrom: "2024-02-01" }, { status: "ukjent" }],
    [
      "reserved with a frikort granted on application: frikort from the grant",
      { date: "2024-05-01", person: { ...adult, reserved: true }, frikortFrom: null, grantedFrom: "2024-03-20" },
      { status: "frikort", validFrom: "2024-03-20", basis: "egenandelstak" },
    ],
    [
      "reserved, before the granted date: unknown",
      { date: "2024-03-19", person: { ...adult, reserved: true }, frikortFrom: null, grantedFrom: "2024-03-20" },
      { status: "ukjent" },
    ],
    [
      "granted and the engine's frikort: the earlier date",
      { date: "2024-06-01", person: adult, frikortFrom: "2024-05-01", grantedFrom: "2024-03-20" },
      { status: "frikort", validFrom: "2024-03-20", basis: "egenandelstak" },
    ],
    ["a year outside the rule tables: unknown", { date: "2016-12-31", person: adult, frikortFrom: null }, { status: "ukjent" }],
    [
      "child under 16: pays nothing all year",
      { date: "2024-05-01", person: { birthDate: "2015-03-03", reserved: false }, frikortFrom: null },
      { status: "frikort", validFrom: "2024-01-01", basis: "under-16" },
    ],
    [
      "child born this year: from the birth date",
      { date: "2024-05-01", person: { birthDate: "2024-02-10", reserved: false }, frikortFrom: null },
      { status: "frikort", validFrom: "2024-02-10", basis: "under-16" },
    ],
    [
      "the day before the 16th birthday",
      { date: "2024-06-14", person: { birthDate: "2008-06-15", reserved: false }, frikortFrom: null },
      { status: "frikort", validFrom: "2024-01-01", basis: "under-16" },
    ],
    ["on the 16th birthday the child pays", { date: "2024-06-15", person: { birthDate: "2008-06-15", reserved: false }, frikortFrom: null }, { status: "ikke-frikort" }],
  ])("%s", (_n, q, expected) => {
    expect(answerFrikortQuestion(q)).toEqual(expected);
  });
});
