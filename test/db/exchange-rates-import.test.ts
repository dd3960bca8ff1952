/**
 * The exchange-rate importer (issue 18 item 2) against a local HTTP server that replays Norges Bank's
 * EXR CSV (test/fixtures/norges-bank: BOM, CRLF, semicolons, labels, per-100 units, missing days), on
 * PGlite, or on PostgreSQL when DATABASE_URL is set. The rates then reach the estimate through the
 * table every process reads from the database.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/db/client.server";
import { exchangeRateImports, exchangeRates } from "~/db/schema";
import { estimateRefund } from "~/domain/refund-estimate";
import { RATES_QUEUE } from "~/jobs/rates.server";
import { rateFor, RateImportError } from "~/domain/exchange-rates";
import { exchangeRateTable, importNorgesBankRates, RateFetchError, ratesCoveredThrough } from "~/services/exchange-rates.server";
import { openTestDatabase } from "../support/db";
import { startTestRunner } from "../support/job-runner";
import type { IsoDate } from "~/kernel/types";

const FIXTURE = readFileSync(new URL("../fixtures/norges-bank/exr-2025-01.csv", import.meta.url), "utf8");
const [HEADER, ...ROWS] = FIXTURE.replace(/^\uFEFF/, "")
  .trimEnd()
  .split("\r\n");

/** The fixture's value for a currency and day, read by plain splitting (not by the parser under test). */
function fixtureValue(currency: string, date: IsoDate): string | undefined {
  return ROWS.map((r) => r.split(";")).find((c) => c[2] === currency && c[14] === date)?.[15];
}

let database: Database;
let cleanup: () => Promise<void>;
let dbUrl: string | null;
let server: Server;
let baseUrl: string;
const asked: URL[] = [];
/** How the next requests fail: a status code per request, taken from the front. */
const failures: number[] = [];
/** Replaces the answer's rows (a malformed answer). */
let override: string | null = null;

beforeAll(async () => {
  ({ database, url: dbUrl, cleanup } = await openTestDatabase());
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    asked.push(url);
    const fail = failures.shift();
    if (fail !== undefined) {
      res.writeHead(fail, { "Content-Type": "text/plain" });
      res.end("Service Unavailable");
      return;
    }
    const m = /^\/api\/data\/EXR\/B\.([A-Z+]+)\.NOK\.SP$/.exec(url.pathname);
    if (!m || url.searchParams.get("format") !== "csv") {
      res.writeHead(400).end("bad request");
      return;
    }
    const codes = new Set(m[1]!.split("+"));
    const from = url.searchParams.get("startPeriod") ?? "0000";
    const to = url.searchParams.get("endPeriod") ?? "9999";
    const rows = (override ?? ROWS.join("\r\n")).split("\r\n").filter((r) => {
      const c = r.split(";");
      return codes.has(c[2]!) && c[14]! >= from && c[14]! <= to;
    });
    if (!rows.length) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("No Results Found");
      return;
    }
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8" });
    res.end(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await cleanup?.();
});

async function rowCount(): Promise<number> {
  const [r] = await database.db.select({ n: sql<number>`count(*)::int` }).from(exchangeRates);
  return r!.n;
}

function eurLine(paymentDate: IsoDate) {
  return {
    currency: "EUR",
    paymentDate,
    birthDate: "1980-01-01" as IsoDate,
    yrkesskade: false,
    lines: [{ date: paymentDate, treatmentForm: "ovelsesbehandling", durationMinutes: 30, amount: "60.00" }],
  };
}

describe("Norges Bank rates import", () => {
  it("a range after a gap is stored but not used: the days in the gap are 'not yet published', not 'no rate'", async () => {
    const r = await importNorgesBankRates(database.db, { baseUrl, from: "2025-01-20", to: "2025-01-31", trigger: "cli" });
    expect(r.observations).toBe(12 * 10);
    expect(await ratesCoveredThrough(database.db)).toBe("2025-01-03");
    const table = await exchangeRateTable(database.db, ["EUR"]);
    expect(rateFor("EUR", "2025-01-22", table)).toMatchObject({ ok: false, reason: "not-yet-published", publishedThrough: "2025-01-03" });
  });

  it("imports the replayed answer: the request, per-100 units, missing days, and the estimate in kroner", async () => {
    asked.length = 0;
    const r = await importNorgesBankRates(database.db, { baseUrl, from: "2025-01-02", to: "2025-01-19", trigger: "cli" });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.pathname).toBe("/api/data/EXR/B.BGN+CHF+CZK+DKK+EUR+GBP+HUF+ISK+PLN+RON+SEK+USD.NOK.SP");
    expect(Object.fromEntries(asked[0]!.searchParams)).toEqual({ format: "csv", startPeriod: "2025-01-02", endPeriod: "2025-01-19", locale: "en" });
    // 12 business days (1 January and the weekends have no row), 12 currencies, ISK listed twice without a value
    expect(r).toMatchObject({ observations: 12 * 12 - 2, missing: 2, coveredThrough: "2025-01-17", differsFromEmbedded: [] });
    expect(await rowCount()).toBe(12 * 10 + 12 * 12 - 2);
    // the gap is closed: the earlier run from 20 January now counts (18–19 January is a weekend)
    expect(await ratesCoveredThrough(database.db)).toBe("2025-01-31");

    const table = await exchangeRateTable(database.db);
    const sek = rateFor("SEK", "2025-01-20", table);
    expect(sek.ok).toBe(true);
    if (sek.ok) {
      // 'Hundreds': the published value is NOK per 100 SEK
      expect(sek.published).toEqual({ value: fixtureValue("SEK", "2025-01-20"), unitMultiplier: 2 });
      expect(Number(sek.nokPerUnit.num) / Number(sek.nokPerUnit.den)).toBeCloseTo(Number(fixtureValue("SEK", "2025-01-20")) / 100, 12);
      expect(sek.confidence).toBe("C");
    }
    // a Saturday uses Friday's rate; ISK's two listed days without a value fall back to the 14th
    expect(rateFor("EUR", "2025-01-11", table)).toMatchObject({ ok: true, rateDate: "2025-01-10" });
    expect(rateFor("ISK", "2025-01-16", table)).toMatchObject({
      ok: true,
      rateDate: "2025-01-14",
      skipped: [{ date: "2025-01-16" as IsoDate }, { date: "2025-01-15" as IsoDate }],
    });
    // after the last date fetched: open until the next import, never a guess
    expect(rateFor("EUR", "2025-02-01", table)).toMatchObject({ ok: true, rateDate: "2025-01-31" });
    expect(rateFor("EUR", "2025-02-03", table)).toMatchObject({ ok: false, reason: "not-yet-published", publishedThrough: "2025-01-31" });

    // the estimate converts with the stored rate: not open, and 60 EUR × the fixture's rate
    const paid = Math.round(6000 * Number(fixtureValue("EUR", "2025-01-20")));
    const withDb = estimateRefund({ ...eurLine("2025-01-20"), settings: { rates: await exchangeRateTable(database.db, ["EUR"]) } });
    expect(withDb.totals.refundOpen).toBe(false);
    expect(withDb.lines[0]).toMatchObject({ status: "covered", paidOre: paid, rate: { rateDate: "2025-01-20" } });
    expect(withDb.totals.refundOre).toBeGreaterThan(0);
    // without the database (the embedded file alone) the same claim is open
    expect(estimateRefund(eurLine("2025-01-20")).totals.refundOpen).toBe(true);
  });

  it("the same answer imported again changes nothing", async () => {
    const before = await rowCount();
    const r = await importNorgesBankRates(database.db, { baseUrl, from: "2025-01-02", to: "2025-01-31", trigger: "cli" });
    expect(r.changed).toBe(0);
    expect(await rowCount()).toBe(before);
  });

  it("a failed fetch writes nothing, deletes nothing, and is recorded as failed", async () => {
    const before = await rowCount();
    failures.push(503);
    await expect(importNorgesBankRates(database.db, { baseUrl, from: "2025-01-02", to: "2025-01-31", trigger: "cli" })).rejects.toBeInstanceOf(RateFetchError);
    expect(await rowCount()).toBe(before);
    const [last] = await database.db
      .select()
      .from(exchangeRateImports)
      .orderBy(sql`${exchangeRateImports.id} desc`)
      .limit(1);
    expect(last).toMatchObject({ status: "failed", error: "Norges Bank answered HTTP 503" });
    expect(await ratesCoveredThrough(database.db)).toBe("2025-01-31");
  });

  it("an answer with a value in the wrong unit is refused whole (no row of it is written)", async () => {
    const before = await rowCount();
    // 20 January's EUR published per 1 but labelled per 100 (UNIT_MULT 2): a hundredth of the rate
    override = ROWS.map((r) => (r.includes(";EUR;") && r.includes(";2025-01-20;") ? r.replace(";0;Units;", ";2;Hundreds;") : r)).join("\r\n");
    try {
      await expect(importNorgesBankRates(database.db, { baseUrl, from: "2025-01-02", to: "2025-01-31", trigger: "cli" })).rejects.toThrow(/EUR 2025-01-20.*wrong unit/);
    } finally {
      override = null;
    }
    expect(await rowCount()).toBe(before);
    const [eur] = await database.db
      .select()
      .from(exchangeRates)
      .where(sql`${exchangeRates.currency} = 'EUR' and ${exchangeRates.rateDate} = '2025-01-20'`);
    expect(eur).toMatchObject({ unitMult: 0, value: fixtureValue("EUR", "2025-01-20") });
  });

  it("rejects a decimal separator that contradicts DECIMALS", async () => {
    override = ROWS.map((r) => (r.includes(";PLN;") && r.includes(";2025-01-21;") ? r.replace(/;([0-9]+)\.([0-9]+)$/, ";$1,$2") : r)).join("\r\n");
    try {
      await expect(importNorgesBankRates(database.db, { baseUrl, from: "2025-01-21", to: "2025-01-21", trigger: "cli" })).rejects.toBeInstanceOf(RateImportError);
    } finally {
      override = null;
    }
  });

  it("the pg-boss job imports on its schedule's queue, and a failed fetch is retried", async () => {
    const runner = await startTestRunner(database, dbUrl, {
      ratesImport: { cron: "15 17 * * *", baseUrl, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5 },
    });
    try {
      const [schedule] = await database.query<{ cron: string; timezone: string }>("select cron, timezone from pgboss.schedule where name = $1", [RATES_QUEUE]);
      expect(schedule).toEqual({ cron: "15 17 * * *", timezone: "Europe/Oslo" });
      const runsBefore = (await database.db.select().from(exchangeRateImports).where(eq(exchangeRateImports.trigger, "schedule"))).length;
      expect(runsBefore).toBe(0);
      failures.push(503);
      await runner.runNow(RATES_QUEUE);
      const started = Date.now();
      for (;;) {
        const runs = await database.db.select().from(exchangeRateImports).where(eq(exchangeRateImports.trigger, "schedule"));
        if (runs.some((r) => r.status === "ok")) {
          expect(runs.map((r) => r.status).sort()).toEqual(["failed", "ok"]);
          break;
        }
        if (Date.now() - started > 20_000) throw new Error(`no successful scheduled run: ${JSON.stringify(runs)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await ratesCoveredThrough(database.db)).toBe("2025-01-31");
    } finally {
      await runner.stop({ graceful: false });
    }
  });
});
