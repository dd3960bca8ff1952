import { gzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { generateFnr } from "~/kernel/fnr";
import { baseUrl } from "./browser";
import type { IsoDate } from "~/kernel/types";
import { isoDate } from "~/kernel/dates";

const KEYS = () => inject("keys");
const api = (path: string) => `${baseUrl()}/api/v1${path}`;

async function call(method: string, path: string, body?: unknown, key: string | null = KEYS().full, contentType = "application/json") {
  const headers: Record<string, string> = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = contentType;
  const res = await fetch(api(path), { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: text ? JSON.parse(text) : null, raw: text, headers: res.headers };
}

let seq = 0;
/** A fresh adult for each test, so the tests do not depend on each other. */
function freshFnr(): string {
  for (;;) {
    seq++;
    const fnr = generateFnr(isoDate(`1970-01-${String((seq % 28) + 1).padStart(2, "0")}`), 100 + ((seq * 7) % 400));
    if (fnr) return fnr;
  }
}
let claimSeq = 0;
const claimId = () => `api-test-${Date.now()}-${++claimSeq}`;

function egenandel(fnr: string, over: Record<string, unknown> = {}) {
  return { claimId: claimId(), fnr, serviceDate: "2024-03-01", serviceType: "lege", amountOre: 16_000, providerName: "Testgata legesenter", ...over };
}

const status = async (fnr: string, date: IsoDate, serviceType = "lege", key = KEYS().full) => (await call("POST", "/frikort/status", { fnr, date, serviceType }, key)).body;

describe("provider API: authentication and errors", () => {
  it("401 without a key, with an unknown key, in problem+json", async () => {
    const a = await call("POST", "/egenandeler", egenandel(freshFnr()), null);
    expect(a.status).toBe(401);
    expect(a.type).toContain("application/problem+json");
    expect(a.body.type).toBe("https://frikortportalen.no/problems/unauthorized");
    expect(a.headers.get("www-authenticate")).toContain("Bearer");
    const b = await call("POST", "/egenandeler", egenandel(freshFnr()), "fpk_not-a-real-key");
    expect(b.status).toBe(401);
  });

  it("every API answer carries a request id and the security headers, on the fast path and the other calls alike", async () => {
    const answers = [
      await call("POST", "/frikort/status", { fnr: freshFnr(), date: "2024-01-01", serviceType: "lege" }),
      await call("POST", "/egenandeler", egenandel(freshFnr()), null),
      await call("GET", "/openapi.json"),
    ];
    for (const r of answers) {
      expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-frame-options")).toBe("DENY");
    }
    expect(answers[0]!.headers.get("cache-control")).toBe("no-store");
  });

  it("403 when the key lacks the scope", async () => {
    const r = await call("POST", "/egenandeler", egenandel(freshFnr()), KEYS().readOnly);
    expect(r.status).toBe(403);
    expect(r.body.type).toBe("https://frikortportalen.no/problems/forbidden");
    expect((await call("POST", "/frikort/status", { fnr: freshFnr(), date: "2024-01-01", serviceType: "lege" }, KEYS().readOnly)).status).toBe(200);
  });

  it("422 lists every failing field and never echoes the fødselsnummer", async () => {
    const bad = "12345678901";
    const r = await call("POST", "/egenandeler", { claimId: "", fnr: bad, serviceDate: "2024-02-30", serviceType: "akupunktur", amountOre: 12.5, providerName: "" });
    expect(r.status).toBe(422);
    expect(r.body.type).toBe("https://frikortportalen.no/problems/validation");
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["amountOre", "claimId", "fnr", "providerName", "serviceDate", "serviceType"]);
    expect(r.raw).not.toContain(bad);
  });

  it("415 for a body that is not JSON, 400 for broken JSON, 404 problem for unknown paths", async () => {
    expect((await call("POST", "/egenandeler", "claimId=1", KEYS().full, "application/x-www-form-urlencoded")).status).toBe(415);
    const broken = await call("POST", "/egenandeler", "{not json", KEYS().full);
    expect(broken.status).toBe(400);
    expect(broken.body.type).toBe("https://frikortportalen.no/problems/malformed-json");
    const huge = await call("POST", "/frikort/status/batch", JSON.stringify({ requests: "x".repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.type).toBe("https://frikortportalen.no/problems/payload-too-large");
    const wrongMethod = await call("GET", "/egenandeler");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    // a compressed body is refused with 415 and what the server takes, not parsed as garbage
    const gz = await fetch(api("/frikort/status"), {
      method: "POST",
      headers: { Authorization: `Bearer ${KEYS().full}`, "Content-Type": "application/json", "Content-Encoding": "gzip" },
      body: gzipSync(JSON.stringify({ fnr: "14035823159", date: "2019-06-01", serviceType: "fysioterapi" })),
    });
    expect(gz.status).toBe(415);
    expect(gz.headers.get("accept-encoding")).toBe("identity");
    expect((await gz.json()).type).toBe("https://frikortportalen.no/problems/unsupported-content-encoding");
    const nf = await call("GET", "/ingenting");
    expect(nf.status).toBe(404);
    expect(nf.type).toContain("problem+json");
  });

  it("refuses service dates in the future and egenandeler for children under 16", async () => {
    const future = await call("POST", "/egenandeler", egenandel(freshFnr(), { serviceDate: "2026-12-24" }));
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe("serviceDate");
    const child = await call("POST", "/egenandeler", egenandel(inject("residents").child));
    expect(child.status).toBe(422);
    expect(child.body.type).toBe("https://frikortportalen.no/problems/exempt-child");
  });

  it("serves an OpenAPI 3.1 document describing every endpoint", async () => {
    const r = await fetch(api("/openapi.json"));
    const doc = await r.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/egenandeler",
      "/egenandeler/{claimId}",
      "/egenandeler/{claimId}/annullering",
      "/egenandeler/{claimId}/betaling",
      "/egenandeler/{claimId}/korrigering",
      "/frikort/bevis",
      "/frikort/status",
      "/frikort/status/batch",
      "/krav",
      "/regninger",
      "/regninger/batch",
    ]);
    expect(doc.components.schemas.RegisterEgenandel.required).toEqual(expect.arrayContaining(["claimId", "fnr", "serviceDate", "serviceType", "amountOre", "providerName"]));
  });
});

describe("provider API: registering egenandeler", () => {
  it("201 then 200 for the same body (idempotent), 409 for a different body under the same claimId", async () => {
    const body = egenandel(freshFnr());
    const a = await call("POST", "/egenandeler", body);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ claimId: body.claimId, amountOre: 16_000, tak: "felles", status: "counted", paid: true, paidDate: "2024-03-01" });
    expect(a.headers.get("location")).toBe(`/api/v1/egenandeler/${body.claimId}`);
    const b = await call("POST", "/egenandeler", body);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    const c = await call("POST", "/egenandeler", { ...body, amountOre: 17_000 });
    expect(c.status).toBe(409);
    expect(c.body.type).toBe("https://frikortportalen.no/problems/conflict");
  });

  it("knows which tak a service counted towards before and after the 2021 merger", async () => {
    const fnr = freshFnr();
    expect((await call("POST", "/egenandeler", egenandel(fnr, { serviceDate: "2020-12-30", serviceType: "fysioterapi" }))).body.tak).toBe("tak2");
    expect((await call("POST", "/egenandeler", egenandel(fnr, { serviceDate: "2020-12-30", serviceType: "psykolog" }))).body.tak).toBe("tak1");
    expect((await call("POST", "/egenandeler", egenandel(fnr, { serviceDate: "2021-01-04", serviceType: "fysioterapi" }))).body.tak).toBe("felles");
  });

  it("the ceiling is crossed by the egenandel that reaches it: frikort from its date; corrections move it; cancellation removes it", async () => {
    const fnr = freshFnr();
    // 2024 ceiling 3 165 kr: 10 × 300 kr = 3 000 kr, then 165 kr on 2024-06-01 reaches it exactly.
    for (let m = 1; m <= 10; m++) {
      const r = await call("POST", "/egenandeler", egenandel(fnr, { serviceDate: `2024-0${Math.min(m, 5)}-${String(m).padStart(2, "0")}`, amountOre: 30_000 }));
      expect(r.status).toBe(201);
    }
    expect(await status(fnr, "2024-06-01")).toEqual({ status: "ikke-frikort" });
    const crossing = egenandel(fnr, { serviceDate: "2024-06-01", amountOre: 16_500 });
    expect((await call("POST", "/egenandeler", crossing)).status).toBe(201);
    expect(await status(fnr, "2024-06-01")).toEqual({ status: "frikort", validFrom: "2024-06-01", basis: "egenandelstak" });
    expect(await status(fnr, "2024-05-31")).toEqual({ status: "ikke-frikort" });
    // one øre less: the ceiling is no longer reached
    const corrected = await call("POST", `/egenandeler/${crossing.claimId}/korrigering`, { amountOre: 16_499, reason: "feil takst" });
    expect(corrected.status).toBe(200);
    expect(corrected.body.amountOre).toBe(16_499);
    expect(await status(fnr, "2024-12-31")).toEqual({ status: "ikke-frikort" });
    // the same correction again changes nothing
    expect((await call("POST", `/egenandeler/${crossing.claimId}/korrigering`, { amountOre: 16_499, reason: "feil takst" })).status).toBe(200);
    // back up, then a later egenandel — frikort from the crossing date again
    await call("POST", `/egenandeler/${crossing.claimId}/korrigering`, { amountOre: 20_000, reason: "riktig takst" });
    const later = egenandel(fnr, { serviceDate: "2024-07-01", amountOre: 20_000 });
    expect((await call("POST", "/egenandeler", later)).body.status).toBe("after-frikort");
    expect((await status(fnr, "2024-08-01")).validFrom).toBe("2024-06-01");
    // cancelling the crossing one moves the frikort to the later egenandel
    const cancelled = await call("POST", `/egenandeler/${crossing.claimId}/annullering`, { reason: "registrert på feil pasient" });
    expect(cancelled.body).toMatchObject({ cancelled: true, status: "cancelled" });
    expect(await status(fnr, "2024-08-01")).toEqual({ status: "frikort", validFrom: "2024-07-01", basis: "egenandelstak" });
    // a cancelled egenandel cannot be corrected; cancelling again is a no-op
    expect((await call("POST", `/egenandeler/${crossing.claimId}/korrigering`, { amountOre: 100, reason: "x" })).status).toBe(409);
    expect((await call("POST", `/egenandeler/${crossing.claimId}/annullering`, { reason: "igjen" })).status).toBe(200);
  });

  it("an unpaid egenandel counts only once it is marked paid", async () => {
    const fnr = freshFnr();
    await call("POST", "/egenandeler", egenandel(fnr, { serviceDate: "2023-02-01", amountOre: 300_000 }));
    const unpaid = egenandel(fnr, { serviceDate: "2023-03-01", amountOre: 10_000, paid: false });
    const r = await call("POST", "/egenandeler", unpaid);
    expect(r.body).toMatchObject({ paid: false, paidDate: null, status: "unpaid" });
    expect(await status(fnr, "2023-12-01")).toEqual({ status: "ikke-frikort" });
    const paid = await call("POST", `/egenandeler/${unpaid.claimId}/betaling`, { paidDate: "2023-04-10" });
    expect(paid.body).toMatchObject({ paid: true, paidDate: "2023-04-10", status: "counted" });
    expect(await status(fnr, "2023-12-01")).toEqual({ status: "frikort", validFrom: "2023-03-01", basis: "egenandelstak" });
    expect((await call("POST", `/egenandeler/${unpaid.claimId}/betaling`, { paidDate: "2023-02-01" })).status).toBe(422);
  });

  it("an organisation can only read and change its own egenandeler", async () => {
    const body = egenandel(freshFnr());
    await call("POST", "/egenandeler", body);
    expect((await call("GET", `/egenandeler/${body.claimId}`)).status).toBe(200);
    expect((await call("GET", `/egenandeler/${body.claimId}`, undefined, KEYS().otherOrg)).status).toBe(404);
    expect((await call("POST", `/egenandeler/${body.claimId}/annullering`, { reason: "x" }, KEYS().otherOrg)).status).toBe(404);
    // the same claimId from another organisation is a different egenandel
    expect((await call("POST", "/egenandeler", body, KEYS().otherOrg)).status).toBe(201);
  });
});

describe("provider API: frikort status", () => {
  it("answers for the tak the service belongs to on that date", async () => {
    const fnr = inject("residents").physio2019;
    expect(await status(fnr, "2019-03-07", "fysioterapi")).toEqual({ status: "frikort", validFrom: "2019-03-07", basis: "egenandelstak" });
    expect(await status(fnr, "2019-03-07", "lege")).toEqual({ status: "ikke-frikort" });
    expect(await status(fnr, "2019-03-06", "fysioterapi")).toEqual({ status: "ikke-frikort" });
  });

  it("says ukjent for a person who has reserved against storage, and frikort for a child", async () => {
    expect(await status(inject("residents").reserved, "2024-05-05")).toEqual({ status: "ukjent" });
    expect(await status(inject("residents").child, "2024-05-05")).toEqual({ status: "frikort", validFrom: "2024-01-01", basis: "under-16" });
  });

  it("answers up to 1000 in one batch, in order; rejects 1001 and points at an invalid item", async () => {
    const r = inject("residents");
    const ok = await call("POST", "/frikort/status/batch", {
      requests: [
        { fnr: r.physio2019, date: "2019-12-01", serviceType: "fysioterapi" },
        { fnr: r.other, date: "2024-12-01", serviceType: "lege" },
        { fnr: r.reserved, date: "2024-12-01", serviceType: "lege" },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toEqual([{ status: "frikort", validFrom: "2019-03-07", basis: "egenandelstak" }, { status: "ikke-frikort" }, { status: "ukjent" }]);
    const big = Array.from({ length: 1000 }, () => ({ fnr: r.other, date: "2024-01-01", serviceType: "lege" }));
    const many = await call("POST", "/frikort/status/batch", { requests: big });
    expect(many.status).toBe(200);
    expect(many.body.results).toHaveLength(1000);
    expect((await call("POST", "/frikort/status/batch", { requests: [...big, big[0]] })).status).toBe(422);
    const bad = await call("POST", "/frikort/status/batch", { requests: [big[0], { fnr: "1", date: "2024-01-01", serviceType: "lege" }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe("requests.1.fnr");
  });
});
