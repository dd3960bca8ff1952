import { describe, expect, it } from "vitest";
import { osloDate, osloDateTime } from "~/utils/format.server";

describe("dates shown to residents are Oslo dates (issue 22, item 4)", () => {
  it("23:30 UTC on 5 December is 6 December in Oslo (winter, UTC+1)", () => {
    expect(osloDate(new Date("2026-12-05T23:30:00Z"))).toBe("2026-12-06");
    expect(osloDateTime(new Date("2026-12-05T23:30:00Z"), "nb")).toMatch(/^6\. des\. 2026/);
  });
  it("22:30 UTC on 30 June is 1 July in Oslo (summer, UTC+2)", () => {
    expect(osloDate(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
  });
  it("22:59 UTC on 5 December is still 5 December in Oslo", () => {
    expect(osloDate(new Date("2026-12-05T22:59:00Z"))).toBe("2026-12-05");
  });
});
