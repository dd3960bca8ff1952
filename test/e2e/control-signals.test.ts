/**
 * The controller's risk signals in the browser (issue 20, part 4): a controller finds the demo's
 * planted providers at the top of the ranked list with the parts of their score, opens a signal
 * and sees the rows behind it and the charts (SVG with a text alternative, no JavaScript needed),
 * in nb, nn and en with axe clean; downloads the list as CSV; a caseworker cannot open it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_POPULATION } from "~/db/demo-data";
import { generateSyntheticPopulation } from "~/domain/synthetic-claims";
import { RISK_SIGNAL_IDS } from "~/rules/parameters/risk-signals";
import { baseUrl, expectAccessible, launch, loginAsStaff, newContext } from "./browser";
import { E2E_TODAY } from "./global-setup";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const pop = generateSyntheticPopulation({ ...DEMO_POPULATION, today: E2E_TODAY });
const planted = new Map(pop.providers.filter((p) => p.planted).map((p) => [p.planted!, p]));

async function cookieOf(page: Page, name: string): Promise<string> {
  const c = (await page.context().cookies(`${baseUrl()}/saksbehandling`)).find((x) => x.name === name);
  return c ? `${name}=${c.value}` : "";
}

describe("risk signals", () => {
  it("ranks the planted providers first, shows a signal's rows and charts, in three languages, axe clean", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await loginAsStaff(page, "Z990002");
    await page.getByRole("link", { name: "Kontroll", exact: true }).click();
    await page.waitForURL(/\/saksbehandling\/kontroll$/);
    await page.getByRole("heading", { name: "Risikosignaler" }).waitFor();
    await expectAccessible(page);
    // The 14 planted providers are the 14 first rows, each flagged by its own signal.
    const rows = page.getByTestId("risk-row");
    const top = await rows.evaluateAll((trs, n) => trs.slice(0, n).map((tr) => tr.querySelector("th")?.textContent ?? ""), RISK_SIGNAL_IDS.length);
    for (const signal of RISK_SIGNAL_IDS) {
      const p = planted.get(signal)!;
      expect(
        top.some((s) => s.includes(p.orgnr)),
        signal,
      ).toBe(true);
      const row = rows.filter({ hasText: p.orgnr });
      expect(await row.locator(`[data-signal="${signal}"]`).count(), signal).toBe(1);
    }
    expect(await rows.nth(RISK_SIGNAL_IDS.length).getByTestId("risk-part").count()).toBe(0);

    // The patient with 614 of 615 working days.
    const p = planted.get("long-series-patient")!;
    await rows
      .filter({ hasText: p.orgnr })
      .getByRole("link", { name: /Langt forløp for én pasient/ })
      .click();
    await page.waitForURL(new RegExp(`/saksbehandling/kontroll/signal/${p.orgnr}/long-series-patient$`));
    await page.getByRole("heading", { name: "Langt forløp for én pasient" }).waitFor();
    expect(await page.getByTestId("signal-summary").textContent()).toContain("614");
    expect(await page.getByTestId("signal-row").first().locator("td").nth(2).textContent()).toBe("614");
    expect(await page.locator('svg[role="img"]').count()).toBe(2);
    const form = page.locator(`form[action="/saksbehandling/kontroll/saker"]`).first();
    expect(await form.locator('input[name="providerId"]').getAttribute("value")).toBe(p.orgnr);
    expect(await form.locator('input[name="signal"]').getAttribute("value")).toBe("long-series-patient");
    await expectAccessible(page);

    // The frikort chart on the frikort signal; nynorsk and English.
    const f = planted.get("frikort-increase")!;
    await page.goto(`/saksbehandling/kontroll/signal/${f.orgnr}/frikort-increase`);
    await page.getByRole("img", { name: /Før og etter frikort/ }).waitFor();
    await expectAccessible(page);
    for (const [lang, heading] of [
      ["nn", "Risikosignal"],
      ["en", "Risk signals"],
    ] as const) {
      await page.request.post(`${baseUrl()}/sprak`, { form: { lang, returnTo: "/" }, maxRedirects: 0 });
      await page.goto("/saksbehandling/kontroll?niva=behandler");
      await page.getByRole("heading", { name: heading }).waitFor();
      await expectAccessible(page);
      await page.getByTestId("risk-part").first().getByRole("link").click();
      await page.waitForURL(/\/saksbehandling\/kontroll\/signal\//);
      await expectAccessible(page);
    }
    await page.request.post(`${baseUrl()}/sprak`, { form: { lang: "nb", returnTo: "/" }, maxRedirects: 0 });

    // The list as CSV.
    const res = await fetch(`${baseUrl()}/saksbehandling/kontroll/signaler.csv`, { headers: { Cookie: await cookieOf(page, "fp_staff") } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^rank,orgnr,provider,hpr,therapist,score,/);
    const firstOrgnrs = lines.slice(1, 1 + RISK_SIGNAL_IDS.length).map((l) => l.split(",")[1]);
    expect(new Set(firstOrgnrs)).toEqual(new Set([...planted.values()].map((x) => x.orgnr)));
    await ctx.close();
  });

  it("works without JavaScript, and a caseworker may not open it", async () => {
    const ctx = await newContext(browser, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await loginAsStaff(page, "Z990002");
    await page.goto("/saksbehandling/kontroll");
    await page.getByLabel("Vis").selectOption("behandler");
    await page.getByRole("button", { name: "Vis listen" }).click();
    await page.waitForURL(/niva=behandler/);
    expect(await page.getByTestId("risk-part").count()).toBeGreaterThanOrEqual(RISK_SIGNAL_IDS.length);
    await ctx.close();

    const cw = await newContext(browser);
    const cpage = await cw.newPage();
    await loginAsStaff(cpage, "Z990001");
    expect(await cpage.getByRole("link", { name: "Kontroll", exact: true }).count()).toBe(0);
    const r = await cpage.goto("/saksbehandling/kontroll");
    expect(r?.status()).toBe(403);
    const csv = await fetch(`${baseUrl()}/saksbehandling/kontroll/signaler.csv`, { headers: { Cookie: await cookieOf(cpage, "fp_staff") }, redirect: "manual" });
    expect(csv.status).toBe(403);
    await cw.close();
  });
});
