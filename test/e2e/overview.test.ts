import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateFnr } from "~/kernel/fnr";
import { baseUrl, expectAccessible, launch, loginAs, newContext, screenshot } from "./browser";
import { pdfText } from "../support/pdf-read";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const NBSP = "\u00a0";
const kr = (s: string) => s.replace(/ /g, NBSP);

describe("Mine egenandeler og frikort", () => {
  it("logs in through the test ID-porten and shows 2019's two ceilings with the right numbers", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/");
    await expectAccessible(page);
    await screenshot(page, "home-nb");
    await page.getByRole("link", { name: "Logg inn" }).click();
    await page.getByRole("heading", { name: /Logg inn til Frikortportalen/ }).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, "idp-login");
    await page.getByLabel("Fødselsnummer").fill(inject("residents").physio2019);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL(/\/mine$/);
    expect(await page.title()).toContain("Mine egenandeler og frikort");
    await page.getByText("Innlogget som Test Fysiosen").waitFor({ timeout: 15_000 });

    await page.getByLabel("År").selectOption("2019");
    await page.getByRole("button", { name: "Vis år" }).click();
    await page.waitForURL(/ar=2019/);
    const tak2 = page.getByTestId("tak-tak2");
    expect(await tak2.getByTestId("registered").textContent()).toBe(kr("2 420,00 kr"));
    expect(await tak2.getByTestId("ceiling").textContent()).toBe(kr("2 085,00 kr"));
    expect(await tak2.getByTestId("remaining").textContent()).toBe(kr("0,00 kr"));
    expect(await tak2.getByTestId("over").textContent()).toBe(kr("335,00 kr"));
    await page.getByText("Du har frikort fra 7. mars 2019.").waitFor({ timeout: 15_000 });
    const tak1 = page.getByTestId("tak-tak1");
    expect(await tak1.getByTestId("registered").textContent()).toBe(kr("480,00 kr"));
    expect(await tak1.getByTestId("remaining").textContent()).toBe(kr("1 889,00 kr"));
    expect(
      await page
        .getByRole("table", { name: /Registrerte egenandeler i 2019/ })
        .locator("tbody tr")
        .count(),
    ).toBe(13);
    await expectAccessible(page);
    await screenshot(page, "overview-2019-nb");
    await ctx.close();
  });

  it("switches language to English and nynorsk and keeps the year", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").physio2019);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine?ar=2019");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForURL(/ar=2019/);
    await page.getByRole("heading", { level: 1, name: "My user fees and exemption card" }).waitFor({ timeout: 15_000 });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByText("You have an exemption card from 7 March 2019.").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("tak-tak2").getByTestId("registered").textContent()).toBe(kr("NOK 2,420.00"));
    await expectAccessible(page);
    await screenshot(page, "overview-2019-en");
    await page.getByRole("button", { name: "Nynorsk" }).click();
    await page.waitForURL(/ar=2019/);
    await page.getByRole("heading", { level: 1, name: "Mine eigendelar og frikort" }).waitFor({ timeout: 15_000 });
    expect(await page.locator("html").getAttribute("lang")).toBe("nn");
    await expectAccessible(page);
    await ctx.close();
  });

  it("downloads the year as a PDF with the same numbers", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").physio2019);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine?ar=2019");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /som PDF/ }).click()]);
    const file = await download.path();
    const bytes = readFileSync(file!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("Egenandeler og frikort 2019");
    expect(text).toContain("Test Fysiosen");
    expect(text).toContain("2 420,00 kr");
    expect(text).toContain("Betalt over taket   335,00 kr");
    expect(text).toContain("Du har frikort fra 7. mars 2019.");
    expect(text).toContain("Fysio Test Sentrum");
    await ctx.close();
  });

  it("shows a child under 16 that they are exempt, not a ceiling to reach", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").child);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine?ar=2024");
    await page.getByText(/Du var under 16 år hele 2024/).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("tak-felles").count()).toBe(0);
    expect(await page.getByRole("cell", { name: "Fritatt (under 16 år)" }).count()).toBe(2);
    expect(await page.getByTestId("total-paid").textContent()).toBe(kr("0,00 kr"));
    await expectAccessible(page);
    await screenshot(page, "overview-child");
    await ctx.close();
  });

  it("says clearly when a year is outside the rule tables", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").other);
    await page.waitForURL(/\/mine/);
    const res = await page.goto("/mine?ar=2016");
    expect(res?.status()).toBe(400);
    await page.getByText("Vi har ikke regler for egenandelstak for 2016. Velg et år fra 2017 til 2026.").waitFor({ timeout: 15_000 });
    await page.goto("/mine?ar=tjue");
    await page.getByText(/Året må være et årstall/).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await ctx.close();
  });

  it("each resident only ever sees their own data", async () => {
    const a = await newContext(browser);
    const b = await newContext(browser);
    const pa = await a.newPage();
    const pb = await b.newPage();
    await loginAs(pa, inject("residents").physio2019);
    await loginAs(pb, inject("residents").other);
    await pa.waitForURL(/\/mine/);
    await pb.waitForURL(/\/mine/);
    await pa.goto("/mine?ar=2024");
    await pb.goto("/mine?ar=2024");
    expect(await pa.getByRole("cell", { name: "Legevakt Test", exact: true }).count()).toBe(0);
    expect(await pb.getByRole("cell", { name: "Legevakt Test", exact: true }).count()).toBe(1);
    await pb.goto("/mine?ar=2019");
    expect(await pb.getByRole("cell", { name: "Fysio Test Sentrum", exact: true }).count()).toBe(0);
    await a.close();
    await b.close();
  });

  it("never writes a fødselsnummer to the server log", () => {
    const log = readFileSync(inject("serverLog"), "utf8");
    for (const fnr of Object.values(inject("residents"))) expect(log).not.toContain(fnr);
    expect(log).toContain("citizen logged in");
  });
});

describe("register → portal", () => {
  it("egenandeler registered through the provider API appear on the resident's page with frikort, refund, lookup log and inbox", async () => {
    const fnr = generateFnr("1966-09-09", 311)!;
    const keys = inject("keys");
    const post = (path: string, body: unknown, key = keys.full) =>
      fetch(`${baseUrl()}/api/v1${path}`, { method: "POST", headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    // 2025 ceiling 3 278 kr: ten visits of 300 kr, then 400 kr on 1 June 2025 → 3 400 kr, 122 kr above.
    for (let i = 0; i < 10; i++) {
      const r = await post("/egenandeler", {
        claimId: `portal-${i}`,
        fnr,
        serviceDate: `2025-0${1 + (i % 5)}-1${i}`,
        serviceType: "psykolog",
        amountOre: 30_000,
        providerName: "Psykologene i Test",
      });
      expect(r.status).toBe(201);
    }
    expect(
      (
        await post("/egenandeler", {
          claimId: "portal-x",
          fnr,
          serviceDate: "2025-06-01",
          serviceType: "poliklinikk",
          amountOre: 40_000,
          providerName: "Testsykehuset poliklinikk",
        })
      ).status,
    ).toBe(201);
    expect(await (await post("/frikort/status", { fnr, date: "2025-07-01", serviceType: "lege" }, keys.otherOrg)).json()).toEqual({
      status: "frikort",
      validFrom: "2025-06-01",
      basis: "egenandelstak",
    });

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine?ar=2025");
    const tak = page.getByTestId("tak-felles");
    expect(await tak.getByTestId("registered").textContent()).toBe(kr("3 400,00 kr"));
    expect(await tak.getByTestId("over").textContent()).toBe(kr("122,00 kr"));
    await page.getByText("Du har frikort fra 1. juni 2025.").waitFor({ timeout: 15_000 });
    expect(
      await page
        .getByRole("table", { name: /Registrerte egenandeler i 2025/ })
        .locator("tbody tr")
        .count(),
    ).toBe(11);
    const payouts = page.getByTestId("payouts");
    expect(await payouts.textContent()).toContain(kr("122,00 kr"));
    expect(await payouts.textContent()).toContain("Holdes tilbake");
    expect(await payouts.textContent()).toContain("Vi har ikke kontonummeret ditt");
    const lookups = page.getByTestId("lookups");
    expect(await lookups.textContent()).toContain("Annen klinikk AS (923609016)");
    expect(await lookups.textContent()).toContain("Har frikort");
    await expectAccessible(page);
    await screenshot(page, "overview-api-2025");

    await page.getByTestId("inbox-link").click();
    await page.waitForURL(/\/mine\/meldinger/);
    await page.getByText("Du har fått frikort for egenandelstak i 2025. Det gjelder fra 1. juni 2025.").waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, "inbox");
    await page.getByRole("button", { name: "Merk alle som lest" }).click();
    await page
      .getByTestId("inbox-link")
      .filter({ hasText: /^Meldinger$/ })
      .waitFor({ timeout: 15_000 });
    expect(await page.getByText("Ny", { exact: true }).count()).toBe(0);
    await ctx.close();
  });
});
