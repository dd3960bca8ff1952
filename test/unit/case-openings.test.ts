import { describe, expect, it } from "vitest";
import { groupOpenings } from "~/services/staff-console.server";

describe("what the resident reads of who opened the case (groupOpenings)", () => {
  it("one line per unit and Oslo day, with the count and the latest time, newest first", () => {
    const rows = [
      { at: new Date("2026-12-06T09:33:00Z"), unit: "casework" as const },
      { at: new Date("2026-12-06T08:01:00Z"), unit: "casework" as const },
      { at: new Date("2026-12-06T10:00:00Z"), unit: "control" as const },
      // 23:30 UTC on 5 December is 00:30 on 6 December in Oslo: the same day as the others
      { at: new Date("2026-12-05T23:30:00Z"), unit: "casework" as const },
      { at: new Date("2026-12-04T12:00:00Z"), unit: "casework" as const },
    ];
    expect(groupOpenings(rows)).toEqual([
      { at: new Date("2026-12-06T10:00:00Z"), unit: "control", count: 1 },
      { at: new Date("2026-12-06T09:33:00Z"), unit: "casework", count: 3 },
      { at: new Date("2026-12-04T12:00:00Z"), unit: "casework", count: 1 },
    ]);
  });
});
