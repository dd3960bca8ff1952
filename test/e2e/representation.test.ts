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

/** The links of the header's main menu, as a resident reads them. */
async function menuLinks(page: Page): Promise<string[]> {
  return (
    await page
      .getByRole("navigation", { name: /^(Hovedmeny|Main menu)$/ })
      .getByRole("link")
      .allTextContents()
  ).map((x) => x.trim());
}

/** The services the start page (and the overview's foot) offers. */
async function serviceLinks(page: Page): Promise<string[]> {
  return (await page.getByTestId("services").getByRole("listitem").getByRole("link").allTextContents()).map((x) => x.trim());
}

const FULL_MENU = ["Start", "Mine egenandeler og frikort", "Frikortbevis", "Kontonummer", "Mine saker", "Meldinger"];

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
      // a parent acts in every service: the menus are as for oneself
      expect(await menuLinks(page)).toEqual(FULL_MENU);
      expect(await serviceLinks(page)).toHaveLength(10);
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
      // (client-side, the URL can change a moment before the page is drawn again)
      await expect.poll(() => banner.count()).toBe(0);
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
    // insight and the account: every menu link, but no way to report, reserve or apply abroad on the giver's pages
    expect(await menuLinks(holder)).toEqual(FULL_MENU);
    await holder.goto("/mine?ar=2024");
    await expect.poll(() => holder.locator("main").textContent()).toContain("Testklinikken AS");
    expect(await holder.getByRole("link", { name: /Kjenner ikke igjen/ }).count()).toBe(0);
    expect(await holder.getByRole("link", { name: "Mangler en egenandel? Meld fra" }).count()).toBe(0);
    expect(await serviceLinks(holder)).toEqual(["Mine egenandeler og frikort", "Frikortbevis", "Kontonummer for utbetalinger", "Mine saker", "Meldinger"]);
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-narrow-overview-nb");
    await holder.goto("/mine/saker");
    await holder.getByRole("heading", { name: "Mine saker", level: 1 }).waitFor();
    expect(await holder.getByTestId("case-starts").count()).toBe(0);
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-narrow-cases-nb");
    await setLanguage(holder, "English");
    await screenshot(holder, "fullmakt-narrow-cases-en");
    await holder.goto("/mine?ar=2024");
    expect(await holder.getByRole("link", { name: /Don't recognise/ }).count()).toBe(0);
    await screenshot(holder, "fullmakt-narrow-overview-en");
    await setLanguage(holder, "Bokmål");
    // a service the fullmakt does not cover: refused with a page that says whose it is, and shows no one's data
    const refused = await holder.goto("/mine/utland");
    expect(refused?.status()).toBe(403);
    expect(await holder.getByTestId("out-of-scope").textContent()).toContain(
      "Dette er en side for Giver Fullmaktsen. Fullmakten Giver Fullmaktsen har gitt deg, gjelder ikke «Refusjon for fysioterapi i et annet EØS-land».",
    );
    await expectAccessible(holder);
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

describe("a narrow fullmakt (refund abroad and the payout account only)", () => {
  it("offers only those services in the menu and on the start page, and refuses any other page without showing anyone's data", async () => {
    const residents = inject("residents");
    const giver = await loggedIn(residents.repGiver);
    await giver.goto("/mine/fullmakt");
    await giver.getByLabel("Fødselsnummeret til den som skal få fullmakt").fill(residents.repHolder);
    await giver.getByLabel("Etternavnet til den som skal få fullmakt").fill("Fullmektigsen");
    await giver.getByLabel("Refusjon for fysioterapi i et annet EØS-land").check();
    await giver.getByLabel("Kontonummer for utbetalinger").check();
    await giver.getByLabel("Siste dag fullmakten gjelder").fill("31.12.2030");
    await giver.getByLabel(/Jeg gir denne personen fullmakt/).check();
    await giver.getByRole("button", { name: "Gi fullmakt" }).click();
    await giver.waitForURL(/gitt=1/);

    const holder = await loggedIn(residents.repHolder);
    // for oneself: every service
    expect(await menuLinks(holder)).toEqual(FULL_MENU);
    await holder.goto("/mine/representasjon");
    await holder.getByRole("button", { name: "Bruk portalen for Giver Fullmaktsen" }).click();
    // the overview is not covered: the start page, which lists what is
    await holder.waitForURL((u) => u.pathname === "/");
    expect(await menuLinks(holder)).toEqual(["Start", "Kontonummer"]);
    expect(await serviceLinks(holder)).toEqual(["Refusjon for fysioterapi i et annet EØS-land", "Kontonummer for utbetalinger"]);
    expect(await holder.getByTestId("services-lead").textContent()).toContain("Du bruker portalen for Giver Fullmaktsen. Her er tjenestene fullmakten gjelder.");
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-narrow-start-nb");
    await setLanguage(holder, "English");
    expect(await menuLinks(holder)).toEqual(["Start", "Account number"]);
    expect(await serviceLinks(holder)).toEqual(["Refund of physiotherapy in another EEA country", "Account for payouts"]);
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-narrow-start-en");
    await setLanguage(holder, "Bokmål");

    // the covered services open, with the banner and the short menu
    await holder.getByRole("link", { name: "Kontonummer for utbetalinger" }).click();
    await holder.waitForURL(/\/mine\/kontonummer$/);
    await expect.poll(() => holder.getByTestId("acting-banner").textContent()).toContain("Du bruker portalen for Giver Fullmaktsen");
    expect(await menuLinks(holder)).toEqual(["Start", "Kontonummer"]);
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-narrow-account-nb");

    // a page it does not cover, typed in: refused (403) with whose page it is and the way back, and nothing of the giver's
    // egenandel (Testklinikken AS, 2024) nor of the holder's own
    for (const path of ["/mine?ar=2024", "/mine/saker", "/mine/meldinger", "/mine/frikortbevis?ar=2024", "/mine/manglende"]) {
      const res = await holder.goto(path);
      expect(res?.status(), path).toBe(403);
      const main = (await holder.locator("main").textContent()) ?? "";
      expect(main, path).toContain("Fullmakten gjelder ikke denne tjenesten");
      expect(main, path).toContain("Dette er en side for Giver Fullmaktsen.");
      expect(main, path).toContain("Fullmakten gjelder: Refusjon for fysioterapi i et annet EØS-land; Kontonummer for utbetalinger.");
      for (const leak of ["Testklinikken", "160,00", "2024", "Holder Fullmektigsen"]) expect(main, `${path} shows ${leak}`).not.toContain(leak);
    }
    await holder.goto("/mine?ar=2024");
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-out-of-scope-nb");
    await setLanguage(holder, "English");
    expect(await holder.getByTestId("out-of-scope").textContent()).toContain(
      "This is a page for Giver Fullmaktsen. The power of attorney Giver Fullmaktsen gave you does not cover “See co-payments",
    );
    await expectAccessible(holder);
    await screenshot(holder, "fullmakt-out-of-scope-en");
    await setLanguage(holder, "Nynorsk");
    expect(await holder.getByTestId("out-of-scope").textContent()).toContain("Dette er ei side for Giver Fullmaktsen.");
    await setLanguage(holder, "Bokmål");
    // the way back: the start page with the services it covers
    await holder.getByRole("link", { name: "Til tjenestene du kan bruke for Giver Fullmaktsen" }).click();
    await holder.waitForURL((u) => u.pathname === "/");
    expect(await serviceLinks(holder)).toHaveLength(2);
    await holder.context().close();

    // without JavaScript: the same refusal, and back to oneself from it with a plain form post
    const plain = await loggedIn(residents.repHolder, false);
    await plain.goto("/mine/representasjon");
    await plain.getByRole("button", { name: "Bruk portalen for Giver Fullmaktsen" }).click();
    await plain.waitForURL((u) => u.pathname === "/");
    expect(await menuLinks(plain)).toEqual(["Start", "Kontonummer"]);
    const res = await plain.goto("/mine/saker");
    expect(res?.status()).toBe(403);
    expect(await plain.getByTestId("out-of-scope").textContent()).toContain("Dette er en side for Giver Fullmaktsen.");
    await plain.getByRole("button", { name: "Tilbake til meg selv" }).click();
    await plain.waitForURL(/\/mine$/);
    expect(await plain.getByTestId("acting-banner").count()).toBe(0);
    expect(await menuLinks(plain)).toEqual(FULL_MENU);
    await plain.context().close();

    await giver.goto("/mine/fullmakt");
    await giver.getByRole("button", { name: "Trekk tilbake fullmakten til Holder Fullmektigsen" }).click();
    await giver.waitForURL(/trukket=1/);
    await giver.context().close();
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
