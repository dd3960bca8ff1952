/** The abroad application's status transitions and the typed reading of stored JSON (issue 17 item 3). */
import { describe, expect, it } from "vitest";
import { abroadDataSchema, type StatusEvent, submitTransition, timelineOf, transition } from "~/domain/abroad-application";
import { caseDataOf } from "~/domain/case-data";

const AT = "2026-11-01T10:00:00.000Z";

describe("abroad status transitions", () => {
  it("a draft cannot be moved by Helfo, only sent", () => {
    expect(transition("draft", "decided", AT)).toEqual({ kind: "refused", reason: "not-sent" });
    expect(submitTransition("draft", AT)).toEqual({ kind: "moved", from: "received", to: "received", event: { status: "received", at: AT } });
  });
  it("sending again, or moving to the status it has, changes nothing", () => {
    expect(submitTransition("received", AT)).toEqual({ kind: "unchanged", status: "received" });
    expect(transition("under-review", "under-review", AT, "x")).toEqual({ kind: "unchanged", status: "under-review" });
  });
  it("a move carries a dated event, with the note only when there is one", () => {
    expect(transition("received", "more-info", AT, "Send the epikrise")).toEqual({
      kind: "moved",
      from: "received",
      to: "more-info",
      event: { status: "more-info", at: AT, note: "Send the epikrise" },
    });
    expect(transition("received", "under-review", AT)).toMatchObject({ event: { status: "under-review", at: AT } });
    expect(transition("received", "under-review", AT, "")).not.toHaveProperty("event.note");
  });
});

describe("stored JSON is parsed, not cast", () => {
  it("an application's data keeps keys this version does not know, and refuses a wrong shape", () => {
    expect(abroadDataSchema.parse({ country: "ES", legacy: 1 })).toEqual({ country: "ES", legacy: 1 });
    expect(() => abroadDataSchema.parse({ account: { kind: "no" } })).toThrow();
    expect(() => abroadDataSchema.parse({ events: [{ status: "lost", at: AT }] })).toThrow();
  });
  it("a case's data is read by its kind; data not in its kind's shape is 'unknown'", () => {
    const report = { providerName: "Storgata", providerOrgnr: "", serviceDate: "2026-10-01", serviceType: "lege", amountOre: 27_500 };
    expect(caseDataOf({ kind: "missing-egenandel", data: report })).toEqual({ kind: "missing-egenandel", data: report });
    expect(caseDataOf({ kind: "missing-egenandel", data: { ...report, amountOre: "a lot" } }).kind).toBe("unknown");
    expect(caseDataOf({ kind: "frikort-application", data: { year: 2026, lines: [] } })).toEqual({ kind: "frikort-application", data: { year: 2026, lines: [] } });
    expect(caseDataOf({ kind: "something-new", data: {} }).kind).toBe("unknown");
  });
});

describe("the resident's timeline (timelineOf)", () => {
  const ev = (status: StatusEvent["status"], at: string, note?: string): StatusEvent => (note ? { status, at, note } : { status, at });

  it("lists what happened in order, a question and its answer each with a row, then the steps ahead without 'more information'", () => {
    const steps = timelineOf(
      [ev("received", "2026-01-01T09:00:00Z"), ev("more-info", "2026-01-02T09:00:00Z", "Send epikrisen."), ev("under-review", "2026-01-03T09:00:00Z", "answer")],
      "under-review",
    );
    expect(steps.map((s) => [s.status, s.at !== null, s.current])).toEqual([
      ["received", true, false],
      ["more-info", true, false],
      ["under-review", true, true],
      ["decided", false, false],
      ["paid", false, false],
    ]);
    expect(steps[1]!.note).toBe("Send epikrisen.");
  });

  it("shows an appeal and its outcome after the payout, with nothing ahead", () => {
    const steps = timelineOf(
      [
        ev("received", "2026-01-01T09:00:00Z"),
        ev("decided", "2026-01-05T09:00:00Z"),
        ev("paid", "2026-01-06T09:00:00Z"),
        ev("appealed", "2026-01-07T09:00:00Z"),
        ev("appeal-forwarded", "2026-01-09T09:00:00Z"),
      ],
      "appeal-forwarded",
    );
    expect(steps.map((s) => s.status)).toEqual(["received", "decided", "paid", "appealed", "appeal-forwarded"]);
    expect(steps.at(-1)!.current).toBe(true);
  });

  it("a just-sent claim: received now, three steps ahead", () => {
    expect(timelineOf([ev("received", "2026-01-01T09:00:00Z")], "received").map((s) => [s.status, s.current])).toEqual([
      ["received", true],
      ["under-review", false],
      ["decided", false],
      ["paid", false],
    ]);
  });
});
