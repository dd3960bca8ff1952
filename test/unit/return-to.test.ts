import { describe, expect, it } from "vitest";
import { safeReturnTo } from "~/utils/return-to";

const BASE = "https://frikort.example.no";
/** What the login route gets: the query parameter after the browser's encoding and URLSearchParams' decoding. */
const fromQuery = (raw: string) => new URLSearchParams(`returnTo=${raw}`).get("returnTo");

describe("safeReturnTo: only paths on this portal", () => {
  it.each([
    ["/mine", "/mine"],
    ["/mine?ar=2019", "/mine?ar=2019"],
    ["/mine/saker/FP-2026-ABC123", "/mine/saker/FP-2026-ABC123"],
    ["/mine/utland/123/kontroll#linje-2", "/mine/utland/123/kontroll#linje-2"],
    ["/mine/%C3%B8", "/mine/%C3%B8"],
    ["/mine/./saker/../meldinger", "/mine/meldinger"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeReturnTo(input, BASE)).toBe(expected);
  });

  it.each([
    // protocol-relative and its disguises
    "//evil.example/phish",
    "///evil.example/phish",
    "/\\evil.example/phish",
    "\\\\evil.example/phish",
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/./\\evil.example",
    "/.//evil.example/phish",
    "/%2f%2fevil.example",
    "/%2F/evil.example",
    "/%5cevil.example",
    "/%5Cevil.example",
    "/%09/evil.example/phish",
    "/%0a/evil.example",
    "/%252f%252fevil.example",
    "/%25252f%25252fevil.example",
    "/%255cevil.example",
    "/%zz",
    // schemes and absolute URLs
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example/",
    "http://frikort.example.no/mine",
    "https://frikort.example.no@evil.example/",
    "evil.example/mine",
    "mine",
    "",
  ])("falls back to the overview for %j", (input) => {
    expect(safeReturnTo(input, BASE)).toBe("/mine");
  });

  it.each([
    "/%09/evil.example/phish",
    "/%0a/evil.example",
    "/%0d%0aSet-Cookie:x=y",
    "%2f%2fevil.example",
    "/%2f%2fevil.example",
    "%5c%5cevil.example",
    "/%5cevil.example",
    "%252f%252fevil.example",
    "/%252f%252fevil.example",
    "javascript%3Aalert(1)",
    "https%3A%2F%2Fevil.example",
    "data%3Atext%2Fhtml%2Cx",
  ])("falls back for the query-encoded %s, as the login page receives it", (raw) => {
    expect(safeReturnTo(fromQuery(raw), BASE)).toBe("/mine");
  });

  it("never returns a value that would break a Location header", () => {
    for (const c of ["\n", "\r", "\t", "\u0000", "\u007f"]) expect(safeReturnTo(`/mine${c}x`, BASE)).toBe("/mine");
  });

  it("falls back for anything that is not a string, and uses the given fallback", () => {
    for (const v of [null, undefined, 42, {}, ["/mine"]]) expect(safeReturnTo(v, BASE)).toBe("/mine");
    expect(safeReturnTo("//evil.example", BASE, "/")).toBe("/");
    expect(safeReturnTo(`/${"a".repeat(5000)}`, BASE)).toBe("/mine");
  });
});
