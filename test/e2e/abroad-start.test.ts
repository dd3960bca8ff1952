/**
 * The start questions of a refund application abroad (country, period, exemption) without
 * JavaScript: real POSTs, errors next to the field and in the summary above the button, nothing
 * typed lost; a country outside the scheme gets a clear answer; English and nynorsk; axe with
 * JavaScript on the same pages; a draft left mid-way resumes at its first unanswered question.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoResidents } from "~/db/demo-data";
import { E2E_TODAY } from "./global-setup";
import { expectAccessible, launch, loginAs, newContext, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const residents = generateDemoResidents({ today: E2E_TODAY });
/** Demo residents no other browser test uses. */
const yrkesskade = residents.find((r) => r.personas.includes("yrkesskade"))!;
const dNummer = residents.find((r) => r.personas.includes("d-nummer"))!;

async function loggedIn(fnr: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const ctx = await newContext(browser, opts);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await loginAs(page, fnr);
  await page.waitForURL(/\/mine/);
  return page;
}

const errorLinks = (page: Page) => page.getByTestId("error-summary").getByRole("link").allTextContents();
const save = (page: Page) => page.getByRole("button", { name: "Lagre og fortsett" }).click();

describe("start questions of a refund application abroad", () => {
  it("works without JavaScript: errors, a country outside the scheme, then country, period and exemption", async () => {
    const page = await loggedIn(yrkesskade.fnr, { javaScriptEnabled: false });
    await page.goto("/mine/utland");
    await page.getByRole("button", { name: "Start søknaden" }).click();
    await page.waitForURL(/\/mine\/utland\/[0-9a-f-]{36}\/land$/);
    const base = page.url().replace(/\/land$/, "");

    // No country chosen.
    await save(page);
    await page.getByTestId("error-summary").waitFor();
    expect(await errorLinks(page)).toEqual(["Velg landet du fikk behandling i"]);
    expect(await page.locator("#country-error").textContent()).toBe("Velg landet du fikk behandling i");
    // Switzerland: a clear answer that this scheme does not cover it, and nothing saved.
    await page.getByLabel("Land", { exact: true }).selectOption({ label: "Sveits" });
    await save(page);
    await page.getByTestId("not-covered-country").waitFor();
    expect(await page.getByTestId("not-covered-country").textContent()).toContain("Denne ordningen dekker ikke behandling i Sveits");
    expect(await page.getByTestId("not-covered-country").textContent()).toContain("883/2004");
    expect(await page.getByLabel("Land", { exact: true }).inputValue()).toBe("CH");
    await screenshot(page, "abroad-start-country-ch-nojs");
    expect((await page.goto(`${base}/periode`))?.url()).toBe(`${base}/land`); // not answered yet
    await page.getByLabel("Land", { exact: true }).selectOption({ label: "Tyskland" });
    await save(page);

    // Period: the last treatment before the first, and a date in the future; typed values kept.
    await page.waitForURL(`${base}/periode`);
    await page.getByLabel("Første behandling").fill("10.11.2026");
    await page.getByLabel("Siste behandling").fill("01.11.2026");
    await save(page);
    await page.getByTestId("error-summary").waitFor();
    expect(await errorLinks(page)).toEqual(["Siste behandling kan ikke være før første behandling"]);
    expect(await page.getByLabel("Første behandling").inputValue()).toBe("10.11.2026");
    expect(await page.getByLabel("Siste behandling").inputValue()).toBe("01.11.2026");
    await page.getByLabel("Siste behandling").fill("24.11.2026");
    await save(page);
    await page.getByTestId("error-summary").waitFor();
    expect(await errorLinks(page)).toEqual(["Datoen kan ikke være fram i tid"]);
    await page.getByLabel("Første behandling").fill("01.01.2010");
    await page.getByLabel("Siste behandling").fill("20.11.2026");
    await save(page);
    await page.getByTestId("error-summary").waitFor();
    expect(await errorLinks(page)).toEqual(["Ordningen gjelder behandling fra 1. januar 2011. Skriv en dato fra og med 1. januar 2011"]);
    await screenshot(page, "abroad-start-period-error-nojs");
    await page.getByLabel("Første behandling").fill("02.11.2026");
    await save(page);

    // Exemption: nothing chosen, then "another reason" without saying which.
    await page.waitForURL(`${base}/fritak`);
    await save(page);
    await page.getByTestId("error-summary").waitFor();
    expect(await errorLinks(page)).toEqual(["Velg om du slipper egenandel"]);
    await page.getByLabel("Ja, jeg har fritak av en annen grunn").check();
    await save(page);
    await page.getByTestId("error-summary").waitFor();
    expect(await errorLinks(page)).toEqual(["Skriv hvilket fritak du har"]);
    expect(await page.getByLabel("Ja, jeg har fritak av en annen grunn").isChecked()).toBe(true);
    await screenshot(page, "abroad-start-exemption-error-nojs");
    await page.getByLabel("Ja, behandlingen gjelder en godkjent yrkesskade").check();
    await save(page);
    await page.getByRole("heading", { name: "Last opp dokumenter" }).waitFor();
    expect(page.url()).toBe(`${base}/dokumenter`);

    // Coming back: the answers are kept, and "continue" lands on the upload step.
    await page.goto(`${base}/periode`);
    expect(await page.getByLabel("Første behandling").inputValue()).toBe("02.11.2026");
    await page.goto("/mine/utland");
    await page.getByRole("button", { name: "Fortsett søknaden" }).click();
    await page.waitForURL(`${base}/dokumenter`);
  });

  it("passes axe on each new page, in English and nynorsk too, and resumes at the first unanswered question", async () => {
    const page = await loggedIn(dNummer.fnr);
    await page.goto("/mine/utland");
    await page.getByRole("button", { name: "Start søknaden" }).click();
    await page.waitForURL(/\/land$/);
    const base = page.url().replace(/\/land$/, "");
    await page.getByLabel("Land", { exact: true }).selectOption({ label: "Et annet land" });
    await save(page);
    await page.getByTestId("not-covered-country").waitFor();
    await expectAccessible(page);
    await page.getByLabel("Land", { exact: true }).selectOption({ label: "Sverige" });
    await save(page);
    await page.waitForURL(`${base}/periode`);
    await page.getByLabel("Første behandling").fill("01.09.2026");
    await save(page);
    await page.getByTestId("error-summary").waitFor();
    expect(await errorLinks(page)).toEqual(["Skriv datoen for siste behandling"]);
    await expectAccessible(page);

    // Left here: coming back resumes at the period question.
    await page.goto("/mine/utland");
    await page.getByRole("button", { name: "Fortsett søknaden" }).click();
    await page.waitForURL(`${base}/periode`);
    // Pages further on send the resident back to it.
    await page.goto(`${base}/dokumenter`);
    await page.waitForURL(`${base}/periode`);

    for (const [lang, langButton, heading, button] of [
      ["en", "English", "When were you treated?", "Save and continue"],
      ["nn", "Nynorsk", "Når fekk du behandling?", "Lagre og hald fram"],
    ] as const) {
      await page.goto(`${base}/periode`);
      await page.getByRole("button", { name: langButton }).click();
      await page.getByRole("heading", { name: heading }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      await page.getByRole("button", { name: button }).click();
      await page.getByTestId("error-summary").waitFor();
      await expectAccessible(page);
      await screenshot(page, `abroad-start-period-${lang}`);
      await page.goto(`${base}/land`);
      await expectAccessible(page);
      await screenshot(page, `abroad-start-country-${lang}`);
      await page.goto(`${base}/fritak`); // the period is not answered: back to it
      await page.waitForURL(`${base}/periode`);
    }
  });
});
