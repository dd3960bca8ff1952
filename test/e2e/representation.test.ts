/**
 * Acting for others and notices (issue 22 items 11 and 12), in the browser: a parent chooses their child and every page
 * says whose it is (nb, nn, en; with and without JavaScript); a resident gives a fullmakt, the holder acts, the giver sees
 * what was done in their name and withdraws it; the notice settings page. axe on every page state.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAccessible, launch, loginAs, newContext, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function loggedIn(fnr: string, javaScriptEnabled = true): Promise<Page> {
  const ctx = await newContext(browser, { javaScriptEnabled });
  const page = await ctx.newPage();
  await loginAs(page, fnr);
  await page.waitForURL(/\/mine/);
  return page;
}

async function setLanguage(page: Page, name: "Bokmål" | "Nynorsk" | "English") {
  await page.getByRole("button", { name, exact: true }).click();
  await page.waitForLoadState("networkidle");
}

describe("a parent acts for a child under 16", () => {
  for (const js of [true, false]) {
    it(`chooses the child, sees whose page it is on every page, and goes back to themself (${js ? "with" : "without"} JavaScript)`, async () => {
      const page = await loggedIn(inject("residents").repParent, js);
      await page.getByRole("link", { name: "Bruke portalen for andre" }).click();
      await page.waitForURL(/\/mine\/representasjon$/);
      await expect.poll(() => page.getByTestId("acting-choices").textContent()).toContain("Barn Testesen – barn under 16 år, du har foreldreansvar");
      // the choice is made by an opaque id: no fødselsnummer on the page or in a URL
      expect(await page.content()).not.toContain(inject("residents").child);
      if (js) await expectAccessible(page); // (axe needs JavaScript in the page)
      if (js) await screenshot(page, "representation-choose-nb");
      await page.getByRole("button", { name: "Bruk portalen for Barn Testesen" }).click();
      await page.waitForURL(/\/mine$/);
      const banner = page.getByTestId("acting-banner");
      await expect.poll(() => banner.textContent()).toContain("Du bruker portalen for Barn Testesen");
      expect(page.url()).not.toContain(inject("residents").child);
      // the child's own data: an exempt GP visit in 2024, not the parent's empty overview
      await page.goto("/mine?ar=2024");
      await expect.poll(() => page.locator("main").textContent()).toContain("Fritatt (under 16 år)");
      if (js) await expectAccessible(page); // (axe needs JavaScript in the page)
      if (js) await screenshot(page, "representation-banner-nb");
      for (const path of ["/mine/saker", "/mine/meldinger", "/mine/kontonummer"]) {
        await page.goto(path);
        expect(await banner.textContent(), path).toContain("Du bruker portalen for Barn Testesen");
      }
      await setLanguage(page, "English");
      expect(await banner.textContent()).toContain("You are using the portal for Barn Testesen");
      if (js) await expectAccessible(page); // (axe needs JavaScript in the page)
      if (js) await screenshot(page, "representation-banner-en");
      await setLanguage(page, "Nynorsk");
      expect(await banner.textContent()).toContain("Du brukar portalen for Barn Testesen");
      await setLanguage(page, "Bokmål");
      // the notice and fullmakt pages are only for oneself
      await page.goto("/mine/varsler");
      await expect.poll(() => page.locator("main").textContent()).toContain("Du bruker portalen for Barn Testesen nå. Varslene dine endrer du");
      await page.getByRole("button", { name: "Tilbake til meg selv" }).click();
      await page.waitForURL(/\/mine$/);
      expect(await banner.count()).toBe(0);
      await page.goto("/mine/representasjon");
      await expect.poll(() => page.getByTestId("acting-choices").textContent()).toContain("Meg selv (Forelder Testesen) (nå)");
      await page.context().close();
    });
  }
});

describe("fullmakt", () => {
  it("is given, used (the giver sees what was done in their name) and withdrawn", async () => {
    const residents = inject("residents");
    const giver = await loggedIn(residents.repGiver);
    await giver.goto("/mine/fullmakt");
    await expectAccessible(giver);
    // errors next to the fields, in a summary above the button
    await giver.getByRole("button", { name: "Gi fullmakt" }).click();
    await expect.poll(() => giver.getByTestId("error-summary").textContent()).toContain("Skriv fødselsnummeret.");
    expect(await giver.getByTestId("error-summary").textContent()).toContain("Bekreft at du vil gi fullmakt.");
    expect(await giver.getByTestId("error-summary").textContent()).toContain("Velg minst én tjeneste fullmakten skal gjelde.");
    expect(await giver.getByTestId("error-summary").textContent()).toContain("Skriv siste dag fullmakten skal gjelde.");
    await expectAccessible(giver);
    await screenshot(giver, "fullmakt-errors-nb");
    // which services, and until when (a day that has passed is refused)
    await giver.getByLabel("Se egenandeler, frikort, frikortbevis, saker og meldinger, og svare på saker").check();
    await giver.getByLabel("Kontonummer for utbetalinger").check();
    await giver.getByLabel("Siste dag fullmakten gjelder").fill("01.01.2020");
    await giver.getByLabel(/Jeg gir denne personen fullmakt/).check();
    await giver.getByRole("button", { name: "Gi fullmakt" }).click();
    await expect.poll(() => giver.getByTestId("error-summary").textContent()).toContain("Datoen har passert.");
    expect(await giver.getByLabel("Kontonummer for utbetalinger").isChecked()).toBe(true);
    await giver.getByLabel("Siste dag fullmakten gjelder").fill("31.12.2030");
    await giver.getByLabel("Fødselsnummeret til den som skal få fullmakt").fill(residents.repHolder);
    await giver.getByLabel("Etternavnet til den som skal få fullmakt").fill("Feilnavn");
    await giver.getByLabel(/Jeg gir denne personen fullmakt/).check();
    await giver.getByRole("button", { name: "Gi fullmakt" }).click();
    await expect.poll(() => giver.locator("main").textContent()).toContain("Vi fant ingen som har logget inn i Frikortportalen med dette fødselsnummeret og etternavnet.");
    await giver.getByLabel("Etternavnet til den som skal få fullmakt").fill("Fullmektigsen");
    await giver.getByLabel(/Jeg gir denne personen fullmakt/).check();
    await giver.getByRole("button", { name: "Gi fullmakt" }).click();
    await giver.waitForURL(/gitt=1/);
    await expect.poll(() => giver.locator("main").textContent()).toContain("Fullmakten er gitt til Holder Fullmektigsen.");
    expect(await giver.getByLabel("Fødselsnummeret til den som skal få fullmakt").inputValue()).toBe("");
    expect(giver.url()).not.toContain(residents.repHolder);
    const givenText = await giver.getByTestId("fullmakt-given").textContent();
    expect(givenText).toContain("til og med 31. desember 2030");
    expect(givenText).toContain("Gjelder: Se egenandeler, frikort, frikortbevis, saker og meldinger, og svare på saker; Kontonummer for utbetalinger");
    await expectAccessible(giver);
    await screenshot(giver, "fullmakt-given-nb");
    await setLanguage(giver, "English");
    expect(await giver.getByTestId("fullmakt-given").textContent()).toContain("until 31 December 2030 inclusive");
    await expectAccessible(giver);
    await screenshot(giver, "fullmakt-given-en");
    await setLanguage(giver, "Bokmål");

    // the holder acts for the giver and changes the payout account
    const holder = await loggedIn(residents.repHolder);
    await holder.goto("/mine/representasjon");
    await holder.getByRole("button", { name: "Bruk portalen for Giver Fullmaktsen" }).click();
    await holder.waitForURL(/\/mine$/);
    await expect.poll(() => holder.getByTestId("acting-banner").textContent()).toContain("Du har fullmakt.");
    // a service the fullmakt does not cover: the page says so, and shows no one's data
    await holder.goto("/mine/utland");
    await holder.waitForURL(/\/mine\/representasjon\?utenfor=utland/);
    await holder.getByTestId("out-of-scope").waitFor();
    expect(await holder.getByTestId("fullmakt-terms").textContent()).toContain("til og med 31. desember 2030");
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-out-of-scope-nb");
    await holder.goto("/mine/kontonummer");
    await holder.getByLabel("Kontonummer", { exact: true }).fill("1234.56.78903");
    await holder.getByRole("button", { name: "Lagre kontonummer" }).click();
    await expect.poll(() => holder.locator("main").textContent()).toContain("er lagret");

    // the giver sees who did what in their name
    await giver.goto("/mine/representasjon");
    const done = giver.getByTestId("done-in-name");
    await expect.poll(() => done.textContent()).toContain("Holder Fullmektigsen (fullmakt)");
    expect(await done.textContent()).toContain("Sendte et skjema: Kontonummer for utbetalinger");
    expect(await done.textContent()).toContain("Begynte å bruke portalen for deg");
    await expectAccessible(giver);
    await screenshot(giver, "representation-done-nb");
    await setLanguage(giver, "English");
    expect(await done.textContent()).toContain("Holder Fullmektigsen (power of attorney)");
    expect(await done.textContent()).toContain("Sent a form:");
    await setLanguage(giver, "Bokmål");

    // withdrawn: the holder's next page is their own
    await giver.goto("/mine/fullmakt");
    await giver.getByRole("button", { name: "Trekk tilbake fullmakten til Holder Fullmektigsen" }).click();
    await giver.waitForURL(/trukket=1/);
    await expect.poll(() => giver.getByTestId("fullmakt-given").textContent()).toContain("trukket tilbake");
    await holder.goto("/mine");
    expect(await holder.getByTestId("acting-banner").count()).toBe(0);
    expect(await holder.locator("main").textContent()).not.toContain("Giver Fullmaktsen");
    await holder.goto("/mine/representasjon");
    await expect.poll(() => holder.locator("main").textContent()).toContain("Det er ingen andre du kan bruke portalen for nå.");
    await giver.context().close();
    await holder.context().close();
  }, 150_000);
});

describe("fullmakt without JavaScript", () => {
  it("is given and withdrawn with plain form posts", async () => {
    const residents = inject("residents");
    const giver = await loggedIn(residents.repGiver, false);
    await giver.goto("/mine/fullmakt");
    await giver.getByLabel("Fødselsnummeret til den som skal få fullmakt").fill(residents.reserved);
    await giver.getByLabel("Etternavnet til den som skal få fullmakt").fill("Testesen");
    await giver.getByRole("button", { name: "Gi fullmakt" }).click();
    // the confirmation is required without JavaScript too, and what was typed is kept
    await expect.poll(() => giver.getByTestId("error-summary").textContent()).toContain("Bekreft at du vil gi fullmakt.");
    expect(await giver.getByLabel("Etternavnet til den som skal få fullmakt").inputValue()).toBe("Testesen");
    await giver.getByLabel(/Jeg gir denne personen fullmakt/).check();
    await giver.getByLabel("Refusjon for fysioterapi i et annet EØS-land").check();
    await giver.getByLabel("Siste dag fullmakten gjelder").fill("30.06.2031");
    await giver.getByRole("button", { name: "Gi fullmakt" }).click();
    await giver.waitForURL(/gitt=1/);
    expect(await giver.getByTestId("fullmakt-given").textContent()).toContain("Reservert Testesen");
    expect(await giver.getByTestId("fullmakt-given").textContent()).toContain("Gjelder: Refusjon for fysioterapi i et annet EØS-land");
    await giver.getByRole("button", { name: "Trekk tilbake fullmakten til Reservert Testesen" }).click();
    await giver.waitForURL(/trukket=1/);
    expect(await giver.locator("main").textContent()).toContain("Fullmakten er trukket tilbake.");
    await giver.context().close();
  });
});

describe("notices", () => {
  for (const js of [true, false]) {
    it(`are chosen on a settings page: e-mail and/or SMS, with errors next to the fields (${js ? "with" : "without"} JavaScript)`, async () => {
      const page = await loggedIn(inject("residents").other, js);
      await page.getByRole("link", { name: "Varsler om nye meldinger" }).click();
      await page.waitForURL(/\/mine\/varsler$/);
      await expect.poll(() => page.getByTestId("notice-example").textContent()).toContain("Du har en ny melding i Frikortportalen.");
      if (js) await expectAccessible(page);
      await page.getByLabel("Varsle meg på SMS").check();
      await page.getByLabel("Mobilnummer").fill("123");
      await page.getByRole("button", { name: "Lagre valgene" }).click();
      await expect.poll(() => page.getByTestId("error-summary").textContent()).toContain("Skriv et gyldig mobilnummer");
      if (js) await expectAccessible(page);
      await page.getByLabel("Mobilnummer").fill("912 34 567");
      await page.getByLabel("Varsle meg på e-post").check();
      await page.getByLabel("E-postadresse").fill("annen@example.test");
      await page.getByRole("button", { name: "Lagre valgene" }).click();
      await page.waitForURL(/lagret=1/);
      await expect.poll(() => page.locator("main").textContent()).toContain("Valgene dine er lagret.");
      expect(await page.getByLabel("Mobilnummer").inputValue()).toBe("+4791234567");
      expect(await page.getByLabel("Varsle meg på e-post").isChecked()).toBe(true);
      if (js) await screenshot(page, "notices-nb");
      await setLanguage(page, "English");
      expect(await page.getByTestId("notice-example").textContent()).toContain("You have a new message in Frikortportalen.");
      if (js) await expectAccessible(page);
      if (js) await screenshot(page, "notices-en");
      await setLanguage(page, "Bokmål");
      // turned off again
      await page.getByLabel("Varsle meg på SMS").uncheck();
      await page.getByLabel("Varsle meg på e-post").uncheck();
      await page.getByRole("button", { name: "Lagre valgene" }).click();
      await expect.poll(() => page.locator("main").textContent()).toContain("Du får ingen varsler nå.");
      await page.context().close();
    });
  }
});
