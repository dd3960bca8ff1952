/**
 * A control case's states and amounts (issue 20 part 5): the one transition function refuses
 * what the state does not allow, and the amount to repay follows from what was paid and the dated
 * takst table (2016 figures: A2c honorar 270, egenandel 191, so 79 paid; A2a 134 − 98 = 36).
 */
import { describe, expect, it } from "vitest";
import {
  ALLOWED,
  appealOutcomeLetterOf,
  assess,
  CONTROL_STATE_TAGS,
  type ControlCommand,
  type ControlLine,
  type ControlState,
  FINAL_TAGS,
  letterKindOf,
  receivableChange,
  repaymentFor,
  transition,
  type TransitionContext,
} from "~/domain/control-case";
import type { IsoDate } from "~/kernel/types";
import { ore } from "~/kernel/money";

const L1: ControlLine = { id: "l1", takst: "A2c", serviceDate: "2016-09-01" as IsoDate, refusjonOre: ore(7900), egenandelDisposition: "registered" };
const L2: ControlLine = { id: "l2", takst: "A2c", serviceDate: "2016-09-02" as IsoDate, refusjonOre: ore(27000), egenandelDisposition: "frikort" };
const L3: ControlLine = { id: "l3", takst: "A1a", serviceDate: "2016-09-03" as IsoDate, refusjonOre: ore(9600), egenandelDisposition: "registered" };
const HELD: ControlLine = { id: "held", takst: "A1a", serviceDate: "2016-09-04" as IsoDate, refusjonOre: ore(0), egenandelDisposition: "held" };
const lines = new Map([L1, L2, L3, HELD].map((l) => [l.id, l]));
const ctx = (today: IsoDate = "2026-12-01"): TransitionContext => ({ today, lines, appealWeeks: 6, lateAppealLimitYears: 1 });

function run(state: ControlState, ...cmds: Array<[ControlCommand, IsoDate?]>): ControlState {
  let s = state;
  for (const [cmd, today] of cmds) {
    const r = transition(s, cmd, ctx(today));
    if (!r.ok) throw new Error(`${cmd.kind}: ${r.error}`);
    s = r.state;
  }
  return s;
}

const allNotDocumented = [
  { lineId: "l1", result: "not-documented", correctTakst: null },
  { lineId: "l2", result: "not-documented", correctTakst: null },
] as const;

describe("amount to repay per claim line", () => {
  it("documented: nothing to repay", () => {
    const r = repaymentFor(L1, { lineId: "l1", result: "documented", correctTakst: null });
    expect(r).toMatchObject({ ok: true, line: { paidOre: 7900, dueOre: 7900, repayOre: 0 } });
  });

  it("not documented or not performed: everything that was paid", () => {
    expect(repaymentFor(L1, { lineId: "l1", result: "not-documented", correctTakst: null })).toMatchObject({ ok: true, line: { repayOre: 7900 } });
    expect(repaymentFor(L2, { lineId: "l2", result: "not-performed", correctTakst: null })).toMatchObject({ ok: true, line: { repayOre: 27000 } });
  });

  it("wrong takst: the difference to the correct takst's payment on the treatment date (A2c 79 kr − A2a 36 kr = 43 kr)", () => {
    const r = repaymentFor(L1, { lineId: "l1", result: "wrong-takst", correctTakst: "A2a" });
    expect(r).toMatchObject({ ok: true, line: { correctTakst: "A2a", paidOre: 7900, dueOre: 3600, repayOre: 4300 } });
  });

  it("wrong takst for a patient with a frikort: the full honorar was paid, so the difference of the honorar (270 − 134 = 136 kr)", () => {
    const r = repaymentFor(L2, { lineId: "l2", result: "wrong-takst", correctTakst: "A2a" });
    expect(r).toMatchObject({ ok: true, line: { paidOre: 27000, dueOre: 13400, repayOre: 13600 } });
  });

  it("wrong takst never pays the provider more: a dearer correct takst repays nothing", () => {
    const r = repaymentFor({ ...L1, takst: "A2a", refusjonOre: ore(3600) }, { lineId: "l1", result: "wrong-takst", correctTakst: "A2c" });
    expect(r).toMatchObject({ ok: true, line: { dueOre: 3600, repayOre: 0 } });
  });

  it("wrong takst needs a correct takst valid on the date, other than the one claimed", () => {
    expect(repaymentFor(L1, { lineId: "l1", result: "wrong-takst", correctTakst: null })).toEqual({ ok: false, error: "correct-takst-missing" });
    expect(repaymentFor(L1, { lineId: "l1", result: "wrong-takst", correctTakst: "A2c" })).toEqual({ ok: false, error: "correct-takst-same" });
    expect(repaymentFor(L1, { lineId: "l1", result: "wrong-takst", correctTakst: "Z99" })).toEqual({ ok: false, error: "correct-takst-invalid" });
    // no takst had a value before the first table (2014)
    expect(repaymentFor({ ...L1, serviceDate: "2010-01-01" }, { lineId: "l1", result: "wrong-takst", correctTakst: "A2a" })).toEqual({ ok: false, error: "correct-takst-invalid" });
  });

  it("the total is the sum over the lines, and every selected line must be assessed exactly once", () => {
    const ok = assess(
      ["l1", "l3"],
      [
        { lineId: "l1", result: "wrong-takst", correctTakst: "A2a" },
        { lineId: "l3", result: "not-performed", correctTakst: null },
      ],
      lines,
    );
    expect(ok).toMatchObject({ ok: true, assessment: { totalOre: 4300 + 9600 } });
    expect(assess(["l1", "l3"], [{ lineId: "l1", result: "documented", correctTakst: null }], lines)).toEqual({ ok: false, error: "assessment-missing" });
    expect(
      assess(
        ["l1"],
        [
          { lineId: "l1", result: "documented", correctTakst: null },
          { lineId: "l1", result: "not-documented", correctTakst: null },
        ],
        lines,
      ),
    ).toEqual({ ok: false, error: "assessment-duplicate" });
    expect(assess(["l1"], [{ lineId: "l3", result: "documented", correctTakst: null }], lines)).toEqual({ ok: false, error: "line-not-in-case" });
  });
});

describe("transitions", () => {
  const opened: ControlState = { tag: "opened" };

  it("walks the ordinary flow: innhenting → vurdering → varsel → tilsvar → ny vurdering → vedtak → klage → upheld", () => {
    const s1 = run(opened, [{ kind: "innhenting", lineIds: ["l1", "l2", "l1"], deadline: "2026-12-22" }]);
    expect(s1).toEqual({ tag: "innhenting", lineIds: ["l1", "l2"], requestedOn: "2026-12-01", deadline: "2026-12-22" });
    const s2 = run(s1, [{ kind: "vurdering", assessments: [...allNotDocumented] }, "2026-12-23"]);
    expect(s2).toMatchObject({ tag: "vurdert", assessment: { totalOre: 34900 } });
    const s3 = run(s2, [{ kind: "varsel", deadline: "2027-01-13" }, "2026-12-23"]);
    expect(s3).toMatchObject({ tag: "varslet", noticeOn: "2026-12-23", deadline: "2027-01-13" });
    const s4 = run(s3, [{ kind: "tilsvar", note: "Journal for 2. september vedlagt", hasFile: true }, "2027-01-10"]);
    expect(s4).toMatchObject({ tag: "tilsvar", answeredOn: "2027-01-10" });
    const s5 = run(s4, [
      {
        kind: "ny-vurdering",
        assessments: [
          { lineId: "l1", result: "not-documented", correctTakst: null },
          { lineId: "l2", result: "wrong-takst", correctTakst: "A2a" },
        ],
      },
      "2027-01-20",
    ]);
    expect(s5).toMatchObject({ tag: "ny-vurdering", assessment: { totalOre: 7900 + 13600 } });
    const s6 = run(s5, [{ kind: "vedtak" }, "2027-01-21"]);
    // forvaltningsloven § 29: six weeks from the vedtak
    expect(s6).toMatchObject({ tag: "vedtak", decidedOn: "2027-01-21", appealBy: "2027-03-04", assessment: { totalOre: 21500 } });
    const s7 = run(s6, [{ kind: "klage", receivedOn: "2027-02-01", text: "Uenig" }, "2027-02-03"]);
    expect(s7).toMatchObject({ tag: "klage", appealReceivedOn: "2027-02-01" });
    const s8 = run(s7, [{ kind: "klage-behandling", outcome: "upheld", reason: "Ingen nye opplysninger", assessments: null }, "2027-02-10"]);
    expect(s8).toMatchObject({ tag: "klage-oversendt", forwardedOn: "2027-02-10", decidedOn: "2027-01-21", assessment: { totalOre: 21500 } });
    expect(ALLOWED[s8.tag]).toEqual([]);
  });

  const vedtak = run(
    opened,
    [{ kind: "innhenting", lineIds: ["l1", "l2"], deadline: "2026-12-22" }],
    [{ kind: "vurdering", assessments: [...allNotDocumented] }],
    [{ kind: "varsel", deadline: "2026-12-22" }],
    [{ kind: "ny-vurdering", assessments: [...allNotDocumented] }],
    [{ kind: "vedtak" }],
  );

  it("an appeal that changes the vedtak makes a new vedtak with a new amount and a new appeal deadline", () => {
    const klage = run(vedtak, [{ kind: "klage", receivedOn: "2026-12-05", text: "Journal fantes" }, "2026-12-06"]);
    const changed = run(klage, [
      {
        kind: "klage-behandling",
        outcome: "changed",
        reason: "Journal for én behandling",
        assessments: [
          { lineId: "l1", result: "documented", correctTakst: null },
          { lineId: "l2", result: "not-documented", correctTakst: null },
        ],
      },
      "2026-12-10",
    ]);
    expect(changed).toMatchObject({ tag: "vedtak", decidedOn: "2026-12-10", appealBy: "2027-01-21", assessment: { totalOre: 27000 } });
  });

  it("an appeal that reverses the vedtak ends the case with nothing to repay", () => {
    const klage = run(vedtak, [{ kind: "klage", receivedOn: "2026-12-01", text: "Uenig" }]);
    expect(run(klage, [{ kind: "klage-behandling", outcome: "reversed", reason: "Feil i vurderingen", assessments: null }])).toEqual({
      tag: "omgjort",
      lineIds: ["l1", "l2"],
      reversedOn: "2026-12-01",
    });
  });

  it("refuses a vedtak before advance notice and a new assessment (forvaltningsloven § 16)", () => {
    const vurdert = run(opened, [{ kind: "innhenting", lineIds: ["l1"], deadline: "2026-12-22" }], [{ kind: "vurdering", assessments: [allNotDocumented[0]] }]);
    expect(transition(vurdert, { kind: "vedtak" }, ctx())).toEqual({ ok: false, error: "not-allowed" });
    expect(transition(opened, { kind: "vedtak" }, ctx())).toEqual({ ok: false, error: "not-allowed" });
    const varslet = run(vurdert, [{ kind: "varsel", deadline: "2026-12-22" }]);
    expect(transition(varslet, { kind: "vedtak" }, ctx())).toEqual({ ok: false, error: "not-allowed" });
  });

  it("refuses an advance notice or a vedtak when the assessment leaves nothing to repay", () => {
    const vurdert = run(
      opened,
      [{ kind: "innhenting", lineIds: ["l1"], deadline: "2026-12-22" }],
      [{ kind: "vurdering", assessments: [{ lineId: "l1", result: "documented", correctTakst: null }] }],
    );
    expect(transition(vurdert, { kind: "varsel", deadline: "2026-12-22" }, ctx())).toEqual({ ok: false, error: "nothing-to-repay" });
    expect(transition(vurdert, { kind: "henlegg", reason: "Alt dokumentert" }, ctx())).toEqual({ ok: true, state: { tag: "henlagt", closedOn: "2026-12-01" } });
  });

  it("refuses innhenting without lines, with lines of another provider, with unpaid lines, or with a deadline not after today", () => {
    expect(transition(opened, { kind: "innhenting", lineIds: [], deadline: "2026-12-22" }, ctx())).toEqual({ ok: false, error: "no-lines" });
    expect(transition(opened, { kind: "innhenting", lineIds: ["elsewhere"], deadline: "2026-12-22" }, ctx())).toEqual({ ok: false, error: "line-of-other-provider" });
    expect(transition(opened, { kind: "innhenting", lineIds: ["held"], deadline: "2026-12-22" }, ctx())).toEqual({ ok: false, error: "line-not-paid" });
    expect(transition(opened, { kind: "innhenting", lineIds: ["l1"], deadline: "2026-12-01" }, ctx())).toEqual({ ok: false, error: "deadline-not-after-today" });
  });

  it("refuses an empty tilsvar, a klage after the six weeks, before the vedtak, dated in the future or without text", () => {
    const varslet = run(
      opened,
      [{ kind: "innhenting", lineIds: ["l1"], deadline: "2026-12-22" }],
      [{ kind: "vurdering", assessments: [allNotDocumented[0]] }],
      [{ kind: "varsel", deadline: "2026-12-22" }],
    );
    expect(transition(varslet, { kind: "tilsvar", note: "  ", hasFile: false }, ctx())).toEqual({ ok: false, error: "tilsvar-empty" });
    expect(transition(varslet, { kind: "tilsvar", note: "", hasFile: true }, ctx())).toMatchObject({ ok: true });
    // vedtak on 2026-12-01: appeal by 2027-01-12
    expect(transition(vedtak, { kind: "klage", receivedOn: "2027-01-13", text: "Sen" }, ctx("2027-01-14"))).toMatchObject({
      ok: true,
      state: { tag: "klage-for-sent", appealReceivedOn: "2027-01-13" },
    });
    expect(transition(vedtak, { kind: "klage", receivedOn: "2027-01-12", text: "I tide" }, ctx("2027-01-14"))).toMatchObject({ ok: true, state: { tag: "klage" } });
    expect(transition(vedtak, { kind: "klage", receivedOn: "2026-11-30", text: "Før" }, ctx())).toEqual({ ok: false, error: "klage-date-before-vedtak" });
    expect(transition(vedtak, { kind: "klage", receivedOn: "2026-12-02", text: "Framtid" }, ctx())).toEqual({ ok: false, error: "klage-date-future" });
    expect(transition(vedtak, { kind: "klage", receivedOn: "2026-12-01", text: " " }, ctx())).toEqual({ ok: false, error: "klage-empty" });
  });

  it("a closed case takes no step, and a vedtak cannot be closed without action", () => {
    const henlagt = run(opened, [{ kind: "henlegg", reason: "Signalet forklart" }]);
    for (const cmd of [{ kind: "innhenting", lineIds: ["l1"], deadline: "2026-12-22" }, { kind: "henlegg", reason: "igjen" }, { kind: "vedtak" }] as ControlCommand[]) {
      expect(transition(henlagt, cmd, ctx())).toEqual({ ok: false, error: "not-allowed" });
    }
    expect(transition(vedtak, { kind: "henlegg", reason: "x" }, ctx())).toEqual({ ok: false, error: "not-allowed" });
    expect(transition(opened, { kind: "henlegg", reason: " " }, ctx())).toEqual({ ok: false, error: "reason-missing" });
  });

  it("the table of allowed commands covers every state, and no command outside it is accepted", () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...CONTROL_STATE_TAGS].sort());
    const cmds: ControlCommand[] = [
      { kind: "innhenting", lineIds: ["l1"], deadline: "2027-01-01" },
      { kind: "vurdering", assessments: [] },
      { kind: "varsel", deadline: "2027-01-01" },
      { kind: "tilsvar", note: "x", hasFile: false },
      { kind: "ny-vurdering", assessments: [] },
      { kind: "vedtak" },
      { kind: "henlegg", reason: "x" },
      { kind: "klage", receivedOn: "2026-12-01", text: "x" },
      { kind: "klage-behandling", outcome: "upheld", reason: "x", assessments: null },
      { kind: "sen-klage", decision: "behandles", ground: "not-to-blame", reason: "x" },
    ];
    const klage = run(vedtak, [{ kind: "klage", receivedOn: "2026-12-01", text: "x" }]);
    const late = run(vedtak, [{ kind: "klage", receivedOn: "2027-02-01", text: "x" }, "2027-02-01"]);
    for (const state of [opened, vedtak, klage, late]) {
      for (const cmd of cmds) {
        const r = transition(state, cmd, ctx());
        if (!ALLOWED[state.tag].includes(cmd.kind)) expect(r).toEqual({ ok: false, error: "not-allowed" });
      }
    }
  });

  it("names the letter each step sends", () => {
    expect(letterKindOf("innhenting", { tag: "innhenting", lineIds: [], requestedOn: "2026-12-01", deadline: "2026-12-22" })).toBe("innhenting");
    expect(letterKindOf("vedtak", vedtak)).toBe("vedtak");
    expect(letterKindOf("klage-behandling", vedtak)).toBe("vedtak");
    expect(letterKindOf("klage-behandling", { tag: "omgjort", lineIds: [], reversedOn: "2026-12-01" })).toBeNull();
    expect(letterKindOf("tilsvar", vedtak)).toBeNull();
  });
});

describe("an appeal after the deadline (forvaltningsloven § 31)", () => {
  // vedtak on 2026-12-01: appeal by 2027-01-12; one year after it is 2027-12-01
  const vedtak = run(
    { tag: "opened" },
    [{ kind: "innhenting", lineIds: ["l1", "l2"], deadline: "2026-12-22" }],
    [{ kind: "vurdering", assessments: [...allNotDocumented] }],
    [{ kind: "varsel", deadline: "2026-12-22" }],
    [{ kind: "ny-vurdering", assessments: [...allNotDocumented] }],
    [{ kind: "vedtak" }],
  );
  const late = run(vedtak, [{ kind: "klage", receivedOn: "2027-02-01", text: "Brevet kom aldri fram" }, "2027-02-02"]);

  it("is registered as late and waits for a decision of its own: nothing else may happen to it first", () => {
    expect(late).toMatchObject({ tag: "klage-for-sent", appealReceivedOn: "2027-02-01", appealBy: "2027-01-12", decidedOn: "2026-12-01", assessment: { totalOre: 34900 } });
    expect(ALLOWED[late.tag]).toEqual(["sen-klage"]);
    expect(transition(late, { kind: "klage-behandling", outcome: "reversed", reason: "x", assessments: null }, ctx("2027-02-03"))).toEqual({ ok: false, error: "not-allowed" });
    expect(FINAL_TAGS).not.toContain(late.tag);
    // registering it changes nothing of what is owed
    expect(receivableChange(late, 30)).toEqual({ close: null, create: null });
    // the § 31 decision is only for a late appeal
    const timely = run(vedtak, [{ kind: "klage", receivedOn: "2026-12-05", text: "I tide" }, "2026-12-05"]);
    expect(transition(timely, { kind: "sen-klage", decision: "avvises", ground: null, reason: "x" }, ctx("2026-12-06"))).toEqual({ ok: false, error: "not-allowed" });
  });

  it("considered all the same on a ground of § 31 first paragraph, with reasons, it is handled like any appeal", () => {
    const considered = run(late, [{ kind: "sen-klage", decision: "behandles", ground: "not-to-blame", reason: "Vedtaket ble sendt til feil adresse" }, "2027-02-10"]);
    expect(considered).toMatchObject({ tag: "klage", appealReceivedOn: "2027-02-01", decidedOn: "2026-12-01" });
    const reversed = run(considered, [{ kind: "klage-behandling", outcome: "reversed", reason: "Journal fantes", assessments: null }, "2027-02-20"]);
    expect(reversed).toEqual({ tag: "omgjort", lineIds: ["l1", "l2"], reversedOn: "2027-02-20" });
    expect(appealOutcomeLetterOf("sen-klage", considered)).toBeNull();
  });

  it("refuses to consider it without a ground or reasons, or when more than a year passed from the vedtak to its arrival (§ 31 third paragraph)", () => {
    expect(transition(late, { kind: "sen-klage", decision: "behandles", ground: null, reason: "Særlige grunner" }, ctx("2027-02-10"))).toEqual({
      ok: false,
      error: "late-ground-missing",
    });
    expect(transition(late, { kind: "sen-klage", decision: "behandles", ground: "special-reasons", reason: "  " }, ctx("2027-02-10"))).toEqual({
      ok: false,
      error: "reason-missing",
    });
    const atOneYear = run(vedtak, [{ kind: "klage", receivedOn: "2027-12-01", text: "Sen" }, "2027-12-02"]);
    expect(transition(atOneYear, { kind: "sen-klage", decision: "behandles", ground: "special-reasons", reason: "Alvorlig sykdom" }, ctx("2027-12-03"))).toMatchObject({
      ok: true,
      state: { tag: "klage" },
    });
    const pastOneYear = run(vedtak, [{ kind: "klage", receivedOn: "2027-12-02", text: "Sen" }, "2027-12-02"]);
    expect(transition(pastOneYear, { kind: "sen-klage", decision: "behandles", ground: "not-to-blame", reason: "Sykdom" }, ctx("2027-12-03"))).toEqual({
      ok: false,
      error: "late-over-a-year",
    });
    // dismissing it is always possible
    expect(transition(pastOneYear, { kind: "sen-klage", decision: "avvises", ground: null, reason: "Mer enn ett år" }, ctx("2027-12-03"))).toMatchObject({
      ok: true,
      state: { tag: "klage-avvist" },
    });
  });

  it("dismissed as too late, the vedtak and its claim stand, the case ends, and the dismissal has a letter and its own appeal deadline", () => {
    expect(transition(late, { kind: "sen-klage", decision: "avvises", ground: null, reason: "" }, ctx("2027-02-10"))).toEqual({ ok: false, error: "reason-missing" });
    const dismissed = run(late, [{ kind: "sen-klage", decision: "avvises", ground: null, reason: "Ingen grunn til forsinkelsen er oppgitt" }, "2027-02-10"]);
    expect(dismissed).toMatchObject({
      tag: "klage-avvist",
      appealReceivedOn: "2027-02-01",
      dismissedOn: "2027-02-10",
      complaintBy: "2027-03-24",
      decidedOn: "2026-12-01",
      assessment: { totalOre: 34900 },
    });
    expect(FINAL_TAGS).toContain(dismissed.tag);
    expect(ALLOWED[dismissed.tag]).toEqual([]);
    expect(receivableChange(dismissed, 30)).toEqual({ close: null, create: null });
    expect(appealOutcomeLetterOf("sen-klage", dismissed)).toBe("dismissed");
    expect(letterKindOf("sen-klage", dismissed)).toBeNull();
  });
});
