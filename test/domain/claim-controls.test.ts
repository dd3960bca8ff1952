/**
 * The automatic controls at receipt of a treatment claim (issue 20, part 2): one named case per
 * control, each from seed 000 or the takst texts, plus the claim's outcome and the money of a line.
 */
import { describe, expect, it } from "vitest";
import { claimOutcome, type ClaimLineInput, type ClaimToControl, controlClaims, type ControlContext, type HistoryLine } from "~/domain/claim-controls";
import { dispositionBeforeRegister, lineMoney } from "~/domain/claims";
import { CLAIM_CONTROLS } from "~/rules/parameters/claim-controls";
import { findTakst } from "~/rules/parameters/physio-takster";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";

const TODAY: IsoDate = "2025-03-20";
const P = "person-1";
const HPR = "9144889";

function line(over: Partial<ClaimLineInput> = {}): ClaimLineInput {
  return { takst: "A2c", date: "2025-03-04", startTime: "07:30", minutes: 40, groupSize: null, ...over };
}
function ctx(over: Partial<ControlContext> = {}): ControlContext {
  return { today: TODAY, persons: new Map([[P, { birthDate: "1970-05-05", diedOn: null }]]), history: [], ...over };
}
function control(lines: ClaimLineInput[], c: ControlContext = ctx(), personId = P, therapistHpr = HPR) {
  return controlClaims([{ personId, therapistHpr, lines }], c)[0]!;
}
function result(l: ReturnType<typeof control>[number], rule: string) {
  return l.controls.find((c) => c.rule === rule)!;
}

describe("an ordinary claim", () => {
  it("passes every control, and lists every control's result by rule id", () => {
    const [l] = control([line()]);
    expect(l!.outcome).toBe("godkjent");
    expect(l!.controls.map((c) => c.rule)).toEqual(CLAIM_CONTROLS.map((p) => p.id));
    expect(l!.controls.every((c) => c.result === "ok" || c.result === "skipped")).toBe(true);
    expect(l!.takst?.code).toBe("A2c");
  });
});

describe("claim.overlap — merknad A1: overlapping individual treatments by the same therapist are not paid", () => {
  const earlier: HistoryLine = { personId: "person-2", therapistHpr: HPR, takst: "A2c", date: "2025-03-04", startMinute: 7 * 60 + 30, minutes: 40 };

  it("rejects a 07:50 treatment while the therapist's 07:30–08:10 treatment of another patient is still going on", () => {
    const [l] = control([line({ startTime: "07:50" })], ctx({ history: [earlier] }));
    expect(l!.outcome).toBe("avvist");
    expect(result(l!, "claim.overlap")).toEqual({ rule: "claim.overlap", result: "avvist", reason: "overlap", detail: { otherStart: "07:30", otherMinutes: 40 } });
  });

  it("accepts a treatment starting the minute the other ends, another therapist at the same time, and another day", () => {
    expect(control([line({ startTime: "08:10" })], ctx({ history: [earlier] }))[0]!.outcome).toBe("godkjent");
    expect(control([line()], ctx({ history: [earlier] }), P, "1234567")[0]!.outcome).toBe("godkjent");
    expect(control([line({ date: "2025-03-05" })], ctx({ history: [earlier] }))[0]!.outcome).toBe("godkjent");
  });

  it("sees the earlier lines of the same batch: the second of two claims for the same slot is the one rejected", () => {
    const claims: ClaimToControl[] = [
      { personId: P, therapistHpr: HPR, lines: [line()] },
      { personId: "person-2", therapistHpr: HPR, lines: [line({ startTime: "07:45" })] },
    ];
    const [a, b] = controlClaims(claims, ctx());
    expect(a![0]!.outcome).toBe("godkjent");
    expect(b![0]!.outcome).toBe("avvist");
  });

  it("an individual treatment during the therapist's group session overlaps; two patients of one group session do not", () => {
    const group: HistoryLine = { personId: "person-3", therapistHpr: HPR, takst: "C34c", date: "2025-03-04", startMinute: 7 * 60, minutes: 60 };
    expect(control([line()], ctx({ history: [group] }))[0]!.outcome).toBe("avvist");
    expect(control([line({ takst: "C34c", startTime: "07:00", minutes: 60, groupSize: 4 })], ctx({ history: [group] }))[0]!.outcome).toBe("godkjent");
  });

  it("a supplement (A2g) billed in the same time as its treatment is no overlap", () => {
    const lines = control([line(), line({ takst: "A2g" })]);
    expect(lines.map((l) => l.outcome)).toEqual(["godkjent", "godkjent"]);
  });
});

describe("claim.patient-alive — a claim for a patient who was dead on the date", () => {
  it("rejects treatment after the date of death and accepts the day itself", () => {
    const c = ctx({ persons: new Map([[P, { birthDate: "1940-01-01", diedOn: "2025-03-01" }]]) });
    const [after, sameDay] = control([line({ date: "2025-03-04" }), line({ date: "2025-03-01" })], c);
    expect(after!.outcome).toBe("avvist");
    expect(result(after!, "claim.patient-alive")).toMatchObject({ result: "avvist", reason: "patient-dead", detail: { diedOn: "2025-03-01" } });
    expect(sameDay!.outcome).toBe("godkjent");
  });
});

describe("claim.examination-count and claim.examination-interval — examinations of the same patient", () => {
  const exam = (date: IsoDate): HistoryLine => ({ personId: P, therapistHpr: "5555555", takst: "A1a", date, startMinute: 600, minutes: 30 });

  it("holds a fifth examination in a calendar year for control (the limit is per illness, which the claim does not name)", () => {
    const history = (["2025-01-06", "2025-01-27", "2025-02-10", "2025-02-24"] as IsoDate[]).map(exam);
    const [l] = control([line({ takst: "A1a", date: "2025-03-17", minutes: 30 })], ctx({ history }));
    expect(l!.outcome).toBe("til-kontroll");
    expect(result(l!, "claim.examination-count")).toMatchObject({ result: "til-kontroll", reason: "examination-count", detail: { maxPerYear: 4, earlier: 4 } });
  });

  it("the year before does not count", () => {
    const history = (["2024-09-02", "2024-10-07", "2024-11-04", "2024-12-02"] as IsoDate[]).map(exam);
    expect(control([line({ takst: "A1a", date: "2025-03-17", minutes: 30 })], ctx({ history }))[0]!.outcome).toBe("godkjent");
  });

  it("seed 000 example 5: examinations four days in a row — the second, third and fourth are held", () => {
    const lines = control((["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"] as IsoDate[]).map((date) => line({ takst: "A1a", date, minutes: 30 })));
    expect(lines.map((l) => l.outcome)).toEqual(["godkjent", "til-kontroll", "til-kontroll", "til-kontroll"]);
    expect(result(lines[1]!, "claim.examination-interval")).toMatchObject({ reason: "examination-interval", detail: { otherDate: "2025-03-03" } });
  });
});

describe("claim.date-not-future, claim.date-after-birth, claim.date-in-tables", () => {
  it("rejects a treatment date after today", () => {
    const [l] = control([line({ date: "2025-03-21" })]);
    expect(result(l!, "claim.date-not-future")).toMatchObject({ result: "avvist", reason: "date-in-future" });
  });
  it("rejects a treatment date before the patient was born", () => {
    const [l] = control([line({ date: "2020-02-03" })], ctx({ persons: new Map([[P, { birthDate: "2021-06-01", diedOn: null }]]) }));
    expect(result(l!, "claim.date-after-birth")).toMatchObject({ result: "avvist", reason: "date-before-birth" });
  });
  it("rejects a date in a year the egenandelstak tables do not cover", () => {
    const [l] = control([line({ date: "2015-03-04" })]);
    expect(result(l!, "claim.date-in-tables")).toMatchObject({ result: "avvist", reason: "date-outside-tables" });
  });
});

describe("claim.takst-valid — a takst not valid on the date", () => {
  it("rejects a code folded into the time takster on 1.7.2016 (A7), saying when it ended", () => {
    const [l] = control([line({ takst: "A7" })]);
    expect(l!.outcome).toBe("avvist");
    expect(result(l!, "claim.takst-valid")).toMatchObject({ result: "avvist", reason: "takst-ended", detail: { validTo: "2016-06-30" } });
    expect(l!.takst).toBeNull();
  });
  it("rejects a current code on a date before it came into use (group takst C34c, from 1.7.2016) and skips the controls that need it", () => {
    const [l] = control([line({ takst: "C34c", date: "2016-03-04", minutes: 60, groupSize: 3 })]);
    expect(l!.outcome).toBe("avvist");
    expect(result(l!, "claim.takst-valid")).toMatchObject({ result: "avvist", reason: "takst-not-yet-valid" });
    expect(result(l!, "claim.minutes").result).toBe("skipped");
    expect(l!.takst).toBeNull();
  });
  it("rejects a code that is no physiotherapy takst, and skips the controls that need one", () => {
    const [l] = control([line({ takst: "Z9" })]);
    expect(result(l!, "claim.takst-valid").reason).toBe("takst-unknown");
    expect(result(l!, "claim.minutes").result).toBe("skipped");
  });
});

describe("claim.group-size — a group takst without a group size", () => {
  it("rejects C34c (group, 60 min, 1–5 persons) without a group size, and with 8", () => {
    const [none, eight, four] = control([
      line({ takst: "C34c", minutes: 60, groupSize: null }),
      line({ takst: "C34c", minutes: 60, groupSize: 8, startTime: "09:00" }),
      line({ takst: "C34c", minutes: 60, groupSize: 4, startTime: "11:00" }),
    ]);
    expect(result(none!, "claim.group-size")).toMatchObject({ result: "avvist", reason: "group-size-missing", detail: { min: 1, max: 5 } });
    expect(result(eight!, "claim.group-size")).toMatchObject({ result: "avvist", reason: "group-size-out-of-range" });
    expect(four!.outcome).toBe("godkjent");
  });
  it("rejects an individual takst billed for a group", () => {
    expect(result(control([line({ groupSize: 3 })])[0]!, "claim.group-size").reason).toBe("group-size-on-individual");
  });
});

describe("claim.minutes — a shorter treatment than the takst stands for", () => {
  it("rejects A2c (40 min) for a 25-minute treatment", () => {
    const [l] = control([line({ minutes: 25 })]);
    expect(result(l!, "claim.minutes")).toMatchObject({ result: "avvist", reason: "minutes-below-takst", detail: { minMinutes: 40, minutes: 25 } });
  });
});

describe("the claim's outcome and a line's money", () => {
  it("held when any line is held, approved when any line is paid, rejected when none is", () => {
    expect(claimOutcome([{ outcome: "godkjent" }, { outcome: "til-kontroll" }])).toBe("til-kontroll");
    expect(claimOutcome([{ outcome: "godkjent" }, { outcome: "avvist" }])).toBe("godkjent");
    expect(claimOutcome([{ outcome: "avvist" }])).toBe("avvist");
  });

  it("an approved line pays honorar − egenandel; with a frikort the full honorar; rejected and held lines pay nothing now", () => {
    const a2c = findTakst("A2c", "2025-03-04")!;
    expect(lineMoney(a2c, "godkjent", "registered")).toEqual({
      honorarOre: a2c.honorarOre,
      refusjonOre: a2c.refusjonOre,
      egenandelOre: a2c.egenandelOre,
      disposition: "registered",
    });
    expect(lineMoney(a2c, "godkjent", "reserved").refusjonOre).toBe(a2c.refusjonOre);
    expect(lineMoney(a2c, "godkjent", "frikort")).toMatchObject({ refusjonOre: a2c.honorarOre, egenandelOre: 0 });
    expect(lineMoney(a2c, "avvist", "rejected")).toMatchObject({ refusjonOre: 0, egenandelOre: 0 });
    expect(lineMoney(a2c, "til-kontroll", "held").refusjonOre).toBe(0);
    expect(dispositionBeforeRegister("godkjent", a2c.egenandelOre)).toBeNull();
    expect(dispositionBeforeRegister("godkjent", ore(0))).toBe("none");
  });
});
