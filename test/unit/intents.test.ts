/**
 * A form's intent is one of the route's literals or a 400 — before, the reservation page treated
 * any intent but "lift" (a typo, a missing field) as "reserve", which deletes this year's egenandeler.
 */
import { describe, expect, it } from "vitest";
import { AbroadCheckIntent, ReservationIntent } from "~/schemas/intents";
import { intentOf } from "~/utils/form.server";

const form = (intent?: string) => {
  const f = new FormData();
  if (intent !== undefined) f.set("intent", intent);
  return f;
};
const status = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (r) {
    return (r as Response).status;
  }
};

describe("intentOf", () => {
  it("takes the route's literals", () => {
    expect(intentOf(form("lift"), ReservationIntent)).toBe("lift");
    expect(intentOf(form("reserve"), ReservationIntent)).toBe("reserve");
  });

  it("answers anything else with 400, never a default action", () => {
    for (const bad of [undefined, "", "Lift", "lift ", "reserve\u0000", "delete"])
      expect(
        status(() => intentOf(form(bad), ReservationIntent)),
        String(bad),
      ).toBe(400);
  });

  it("reads the check page's line buttons by their shape", () => {
    expect(intentOf(form("add-line-2"), AbroadCheckIntent)).toBe("add-line-2");
    expect(intentOf(form("remove-line-0-13"), AbroadCheckIntent)).toBe("remove-line-0-13");
    for (const bad of ["add-line-", "add-line--1", "remove-line-1", "remove-line-1-x", "save2"])
      expect(
        status(() => intentOf(form(bad), AbroadCheckIntent)),
        bad,
      ).toBe(400);
  });
});
