import { describe, expect, it } from "vitest";
import { lineWords, type PayoutState } from "~/domain/line-words";

const paid2020: PayoutState = { tak: "tak2", status: "paid", paidOn: "2020-01-15" };

describe("a line's words follow the payout's state (issue 22, item 5)", () => {
  it("a 2019 line after the frikort whose payout was paid on 15 January 2020 says it was paid back, with the date", () => {
    expect(lineWords("after-frikort", "tak2", [paid2020])).toEqual({ key: "after-frikort.paid", date: "2020-01-15" });
  });
  it("with no payout yet the line still says it will be paid back", () => {
    expect(lineWords("after-frikort", "tak2", [])).toEqual({ key: "after-frikort" });
  });
  it("a payout of another tak says nothing about this line", () => {
    expect(lineWords("after-frikort", "tak1", [paid2020])).toEqual({ key: "after-frikort" });
  });
  it("a pending payout (money still on its way) wins over an earlier paid one", () => {
    expect(lineWords("after-frikort", "tak2", [paid2020, { tak: "tak2", status: "pending", paidOn: null }])).toEqual({ key: "after-frikort.pending" });
  });
  it("the latest paid payout names the date", () => {
    expect(
      lineWords("after-frikort", "felles", [
        { tak: "felles", status: "paid", paidOn: "2022-02-01" },
        { tak: "felles", status: "paid", paidOn: "2022-03-01" },
      ]),
    ).toEqual({
      key: "after-frikort.paid",
      date: "2022-03-01",
    });
  });
  it("a withheld payout is said, a cancelled one is not", () => {
    expect(lineWords("after-frikort", "felles", [{ tak: "felles", status: "withheld", paidOn: null }])).toEqual({ key: "after-frikort.withheld" });
    expect(lineWords("after-frikort", "felles", [{ tak: "felles", status: "cancelled", paidOn: null }])).toEqual({ key: "after-frikort" });
  });
  it("lines before the frikort keep their own words", () => {
    expect(lineWords("counted", "tak2", [paid2020])).toEqual({ key: "counted" });
  });
});
