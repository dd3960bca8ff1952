/**
 * What the patient sees and reports about a physiotherapist's claim (issue 20, part 3): in "Mine
 * egenandeler" each egenandel from a claim shows what was billed; the patient confirms it or
 * reports what does not match, and a report becomes a case — with and without JavaScript, axe-clean.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateFnr } from "~/kernel/fnr";
import { baseUrl, expectAccessible, launch, loginAs, newContext } from "./browser";
import { isoDate } from "~/kernel/dates";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

let seq = 0;
function freshFnr(): string {
  for (;;) {
    seq++;
    const fnr = generateFnr(isoDate(`1962-07-${String((seq % 28) + 1).padStart(2, "0")}`), 260 + seq);
    if (fnr) return fnr;
  }
}

async function sendClaim(fnr: string, startTime: string) {
  const res = await fetch(`${baseUrl()}/api/v1/regninger`, {
    method: "POST",
    headers: { Authorization: `Bearer ${inject("keys").full}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      claimId: `e2e-report-${Date.now()}-${startTime}`,
      fnr,
      therapist: { hprNumber: String(7_000_000 + (Date.now() % 999_999)), name: "Siri Fysiosen" },
      lines: [{ takst: "A2c", date: "2026-11-02", startTime, minutes: 40 }],
    }),
  });
  expect(res.status).toBe(201);
}

async function loggedIn(fnr: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await newContext(browser, opts)).newPage();
  page.setDefaultTimeout(10_000);
  await loginAs(page, fnr);
  await page.waitForURL(/\/mine/);
  return page;
}

describe("a physiotherapy egenandel from a claim", () => {
  it("shows what was billed; a report needs a reason, then becomes a case the overview points to", async () => {
    const fnr = freshFnr();
    await sendClaim(fnr, "07:30");
    const page = await loggedIn(fnr);
    await page.goto("/mine?ar=2026");
    expect(await page.getByTestId("billed").first().textContent()).toContain("Fakturert: Behandling (A2c), kl. 07:30, 40 min, Siri Fysiosen");
    await expectAccessible(page);

    await page.getByRole("link", { name: /Stemmer dette\?/ }).click();
    await page.waitForURL(/\/mine\/regning\//);
    expect(await page.getByTestId("billed").textContent()).toContain("2. november 2026");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send til Helfo" }).click();
    await page.getByText("Kryss av for minst én ting som ikke stemmer.").first().waitFor();
    await expectAccessible(page);

    await page.getByLabel("Jeg var ikke der den dagen").check();
    await page.getByLabel("Behandlingen var kortere enn det som er fakturert").check();
    await page.getByLabel("Kommentar (valgfritt)").fill("Jeg var på jobb.");
    await page.getByRole("button", { name: "Send til Helfo" }).click();
    await page.waitForURL(/\/mine\/saker\/.+\?sendt=1/);
    expect(await page.locator("h1").textContent()).toContain("Meldingen er sendt");
    await expectAccessible(page);

    await page.goto("/mine?ar=2026");
    expect(await page.getByTestId("billed").first().textContent()).toMatch(/Du har meldt at noe ikke stemmer \(sak FP-2026-[0-9A-Z]{6}\)/);
  });

  it("without JavaScript, the patient confirms it", async () => {
    const fnr = freshFnr();
    await sendClaim(fnr, "09:00");
    const page = await loggedIn(fnr, { javaScriptEnabled: false });
    await page.goto("/mine?ar=2026");
    await page.getByRole("link", { name: /Stemmer dette\?/ }).click();
    await page.getByRole("button", { name: "Ja, dette stemmer" }).click();
    await page.getByText("Takk! Du har bekreftet at regningen stemmer.").waitFor();
    await page.goto("/mine?ar=2026");
    expect(await page.getByTestId("billed").first().textContent()).toContain("Du har bekreftet at dette stemmer.");
  });
});
