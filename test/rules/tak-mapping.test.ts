import { describe, expect, it } from "vitest";
import { SERVICE_TYPES, type ServiceType, type TakId } from "~/kernel/types";
import { MissingParameterError } from "~/rules/parameter";
import { takForService } from "~/rules/parameters/tak-mapping";
import { isoDate } from "~/kernel/dates";

const TAK1: ServiceType[] = ["lege", "psykolog", "poliklinikk", "radiologi", "laboratorium", "pasientreiser", "legemidler"];
const TAK2: ServiceType[] = ["fysioterapi", "tannbehandling", "opptrening", "behandlingsreise"];

describe("takForService", () => {
  it("covers every service type exactly once before 2021", () => {
    expect([...TAK1, ...TAK2].sort()).toEqual([...SERVICE_TYPES].sort());
  });

  const cases: Array<[ServiceType, string, TakId]> = [
    ...TAK1.flatMap((s): Array<[ServiceType, string, TakId]> => [
      [s, "2017-01-01", "tak1"],
      [s, "2020-12-31", "tak1"],
      [s, "2021-01-01", "felles"],
    ]),
    ...TAK2.flatMap((s): Array<[ServiceType, string, TakId]> => [
      [s, "2017-01-01", "tak2"],
      [s, "2020-12-31", "tak2"],
      [s, "2021-01-01", "felles"],
      [s, "2026-06-30", "felles"],
    ]),
  ];

  it.each(cases)("%s on %s → %s", (serviceType, date, tak) => {
    expect(takForService(serviceType, isoDate(date))).toBe(tak);
  });

  it("has no mapping before 2017", () => {
    expect(() => takForService("lege", "2016-12-31")).toThrow(MissingParameterError);
  });
});
