/**
 * Audit of reads, as the resident sees it: a provider reading one of their egenandeler shows on the
 * overview (who, when, which, why), in their language. A document download is audited too (checked
 * in the database on PostgreSQL; on PGlite the server process owns the database).
 */
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateFnr } from "~/kernel/fnr";
import { answerStartQuestions } from "./abroad-steps";
import { baseUrl, expectAccessible, launch, loginAs, newContext } from "./browser";
import { isoDate } from "~/kernel/dates";
import type { IsoDate } from "~/kernel/types";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function freshFnr(birth: IsoDate): string {
  for (let individ = 500; ; individ++) {
    const f = generateFnr(isoDate(birth), individ);
    if (f) return f;
  }
}

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("audit of reads", () => {
  it("shows the resident which provider read which of their egenandeler, when and why", async () => {
    const fnr = freshFnr("1977-07-07");
    const key = inject("keys").full;
    const claimId = `audit-e2e-${Date.now()}`;
    const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
    const reg = await fetch(`${baseUrl()}/api/v1/egenandeler`, {
      method: "POST",
      headers,
      body: JSON.stringify({ claimId, fnr, serviceDate: "2026-09-15", serviceType: "fysioterapi", amountOre: 24200, providerName: "Demo legesenter" }),
    });
    expect(reg.status).toBe(201);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    await page.getByText("Ingen behandler har lest egenandelene dine fra 2026.").waitFor();

    const read = await fetch(`${baseUrl()}/api/v1/egenandeler/${claimId}`, { headers });
    expect(read.status).toBe(200);
    await page.goto("/mine?ar=2026");
    const table = page.getByTestId("provider-reads");
    await table.waitFor();
    const row = (await table.locator("tbody tr").first().textContent()) ?? "";
    expect(row).toContain("Demo legesenter AS (123456785)");
    expect(row).toContain("15. september 2026, fysioterapi");
    expect(row).toContain("Kontroll av egenandel de registrerte");
    await expectAccessible(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Who read your user fees from 2026" }).waitFor();
    expect(await page.getByTestId("provider-reads").textContent()).toContain("Checking a user fee they registered");
    await ctx.close();
  });

  it("audits a resident's download of their own document", async () => {
    const fnr = freshFnr("1979-09-09");
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/utland");
    await page.getByRole("button", { name: /Start/ }).first().click();
    await answerStartQuestions(page);
    await page.getByLabel("Fakturaer", { exact: true }).setInputFiles({ name: "faktura.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Last opp" }).click();
    const documentId = await page.locator('input[name="documentId"]').first().inputValue();
    const applicationId = /\/mine\/utland\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
    const file = await page.request.get(`/mine/utland/${applicationId}/fil/${documentId}`);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(PNG)).toBe(true);
    await ctx.close();

    const url = inject("databaseUrl");
    if (!url) return; // PGlite: one process owns the database; test/db/read-audit.test.ts covers the table there
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("select actor_kind, actor_person_id = person_id as own, action, purpose from read_audit where object_id = $1", [documentId]);
      expect(rows).toEqual([{ actor_kind: "resident", own: true, action: "document.download", purpose: "own-document" }]);
    } finally {
      await client.end();
    }
  });
});
