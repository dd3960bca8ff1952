import { describe, expect, it } from "vitest";
import { addMonths, missingEgenandelDeadlines, reservedApplicationDeadline } from "~/domain/deadlines";

describe("addMonths", () => {
  it.each([
    ["2026-01-15", 6, "2026-07-15"],
    ["2026-08-31", 6, "2027-02-28"],
    ["2027-08-31", 6, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-31"],
    ["2026-07-01", 6, "2027-01-01"],
  ] as const)("%s + %i months = %s", (d, n, out) => {
    expect(addMonths(d, n)).toBe(out);
  });
});

describe("missing egenandel deadlines (ftrl § 22-13, 14-day reporting, 3-week window)", () => {
  it.each([
    ["the day of treatment", "2026-05-10", "2026-05-10", { claimDeadline: "2026-11-10", withinDeadline: true, providerMayStillReport: true }],
    ["the last day of the 3-week window", "2026-05-10", "2026-05-31", { registrationWindowEnds: "2026-05-31", providerMayStillReport: true }],
    ["the day after the window", "2026-05-10", "2026-06-01", { providerMayStillReport: false, withinDeadline: true }],
    ["the last day to claim", "2026-05-10", "2026-11-10", { withinDeadline: true }],
    ["one day too late", "2026-05-10", "2026-11-11", { withinDeadline: false }],
    ["a 31 August treatment", "2026-08-31", "2027-02-28", { claimDeadline: "2027-02-28", withinDeadline: true }],
  ] as const)("%s", (_n, serviceDate, today, expected) => {
    expect(missingEgenandelDeadlines(serviceDate, today)).toMatchObject(expected);
    expect(missingEgenandelDeadlines(serviceDate, today).expectedRegisteredBy).toBe({ "2026-05-10": "2026-05-24", "2026-08-31": "2026-09-14" }[serviceDate]);
  });
});

describe("reserved: apply within 6 months of reaching the ceiling", () => {
  it("counts from the day the ceiling was reached", () => {
    expect(reservedApplicationDeadline("2026-03-14")).toBe("2026-09-14");
  });
});
