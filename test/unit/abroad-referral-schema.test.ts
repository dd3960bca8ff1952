import { describe, expect, it } from "vitest";
import { referralSchema } from "~/schemas/abroad";

const parse = (v: Record<string, string>) => referralSchema("2026-11-23").safeParse(v);
const errors = (v: Record<string, string>) => {
  const r = parse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("the referral answer asks who wrote it (issue 18 item 6)", () => {
  it("stores a Norwegian referrer as in Norway", () => {
    expect(parse({ had: "ja", date: "01.12.2017", referrer: "manuellterapeut" })).toMatchObject({
      success: true,
      data: { had: true, date: "2017-12-01", referrer: { kind: "manuellterapeut", inNorway: true } },
    });
  });

  it("stores a doctor abroad with whether the illness arose there", () => {
    expect(parse({ had: "ja", date: "01.12.2017", referrer: "lege-utland", aroseAbroad: "ja" })).toMatchObject({
      success: true,
      data: { referrer: { kind: "lege", inNorway: false, illnessAroseAbroad: true } },
    });
  });

  it("says by the field what is missing: who wrote it, and for a doctor abroad where the illness arose", () => {
    expect(errors({ had: "ja", date: "01.12.2017" })).toEqual(["referrer:abroad.err.referral.referrer"]);
    expect(errors({ had: "ja", date: "01.12.2017", referrer: "lege-utland" })).toEqual(["aroseAbroad:abroad.err.referral.aroseAbroad"]);
    expect(errors({ had: "ja", date: "", referrer: "healer" })).toEqual(["date:abroad.err.referral.date", "referrer:abroad.err.referral.referrer"]);
  });

  it("asks nothing more when there was no referral", () => {
    expect(parse({ had: "nei", referrer: "healer" })).toMatchObject({ success: true, data: { had: false } });
  });
});
