/**
 * Refund of physiotherapy abroad: uploading documents, which are then read by the durable
 * background job (born-digital PDFs only, so no OCR runs here).
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { answerStartQuestions } from "./abroad-steps";
import { expectAccessible, launch, loginAs, newContext, screenshot } from "./browser";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const INVOICE = readFileSync(`${FIXTURES}inv02-sv-se-pdf.pdf`);
const EPIKRISE = readFileSync(`${FIXTURES}epi04-en-gb-pdf.pdf`);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function loggedIn(fnr: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const ctx = await newContext(browser, opts);
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await loginAs(page, fnr);
  await page.waitForURL(/\/mine/);
  return page;
}

const row = (page: Page, name: string) => page.getByTestId("document").filter({ has: page.getByRole("cell", { name, exact: true }) });

describe("upload documents for refund of physiotherapy abroad", () => {
  it("starts an application, reads an invoice in the background and explains a rejected file", async () => {
    const page = await loggedIn(inject("residents").other);
    await page.goto("/mine/utland");
    await page.getByRole("heading", { name: "Refusjon for fysioterapi i utlandet" }).waitFor();
    const rules = (await page.getByTestId("file-rules").textContent()) ?? "";
    expect(rules).toContain("PDF, JPG eller PNG");
    expect(rules).toContain("20 MB");
    expect(rules).toContain("10 filer av hver type");
    await expectAccessible(page);
    await screenshot(page, "abroad-start");

    await page.getByRole("button", { name: "Start søknaden" }).click();
    await answerStartQuestions(page);
    await page.getByText("Du har ikke lastet opp noen dokumenter ennå.").waitFor();
    await expectAccessible(page);
    const docsUrl = page.url();

    await page.getByLabel("Fakturaer", { exact: true }).setInputFiles({ name: "faktura-stockholm.pdf", mimeType: "application/pdf", buffer: INVOICE });
    await page.getByLabel("Epikrise eller henvisning", { exact: true }).setInputFiles({ name: "tom.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
    await page.getByRole("button", { name: "Last opp" }).click();

    // The empty file: its reason in the error summary (above the button), next to the field and next to the file.
    const summary = page.getByTestId("error-summary");
    await summary.waitFor();
    expect(await summary.getByRole("link").allTextContents()).toEqual(["tom.pdf: Filen er tom."]);
    expect(await page.getByTestId("epikrise-error").textContent()).toBe("tom.pdf: Filen er tom.");
    await row(page, "tom.pdf").getByTestId("reason").waitFor();
    expect(await row(page, "tom.pdf").getByTestId("reason").textContent()).toBe("Filen er tom.");
    expect(await row(page, "tom.pdf").getByTestId("status").textContent()).toBe("Kunne ikke brukes");

    // The invoice is kept and read in the background; the page polls while it waits.
    await expect.poll(() => row(page, "faktura-stockholm.pdf").getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    expect(await row(page, "faktura-stockholm.pdf").getByTestId("status").textContent()).toBe("Ferdig lest");
    expect(await page.getByTestId("progress").textContent()).toBe("1 av 2 dokumenter er ferdig lest.");
    // polling does not drop the error summary of the upload, and the chosen files were cleared
    await summary.waitFor({ timeout: 15_000 });
    expect(await page.getByLabel("Fakturaer", { exact: true }).inputValue()).toBe("");
    await expectAccessible(page);
    await screenshot(page, "abroad-documents");

    // Replace the failed file with a good one; the application keeps the invoice.
    await page.getByLabel("Ny fil i stedet for tom.pdf").setInputFiles({ name: "epikrise.pdf", mimeType: "application/pdf", buffer: EPIKRISE });
    await page.getByRole("button", { name: "Erstatt tom.pdf" }).click();
    await page.getByText("Filene er lastet opp. Vi leser dem nå.").waitFor();
    await expect.poll(() => row(page, "epikrise.pdf").getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    expect(await row(page, "tom.pdf").count()).toBe(0);
    expect(await page.getByTestId("document").count()).toBe(2);

    // Coming back to the start page continues the same draft, at the first step not done: every
    // file is read, so checking what we read.
    await page.goto("/mine/utland");
    await page.getByText("(2 dokumenter)").waitFor();
    await page.getByRole("button", { name: "Fortsett søknaden" }).click();
    await page.waitForURL(docsUrl.replace(/\/dokumenter$/, "/kontroll"));
  });

  it("works without JavaScript: upload, refresh until read, remove", async () => {
    const page = await loggedIn(inject("residents").physio2019, { javaScriptEnabled: false });
    await page.goto("/mine/utland");
    await page.getByRole("button", { name: /søknaden/ }).click();
    await answerStartQuestions(page);
    await page.getByLabel("Fakturaer", { exact: true }).setInputFiles({ name: "faktura.pdf", mimeType: "application/pdf", buffer: INVOICE });
    await page
      .getByLabel("Dokumentasjon på autorisasjon", { exact: true })
      .setInputFiles({ name: "autorisasjon.txt.pdf", mimeType: "application/pdf", buffer: Buffer.from("bare tekst, ingen PDF") });
    await page.getByRole("button", { name: "Last opp" }).click();
    await page.getByTestId("error-summary").waitFor();
    expect(await page.getByTestId("error-summary").getByRole("link").allTextContents()).toEqual(["autorisasjon.txt.pdf: Filen er ikke PDF, JPG eller PNG."]);

    const started = Date.now();
    while ((await row(page, "faktura.pdf").getAttribute("data-status")) !== "done") {
      expect(Date.now() - started, "the invoice was not read within 30 s").toBeLessThan(30_000);
      await page.waitForTimeout(1000);
      await page.getByRole("link", { name: "Oppdater status" }).click();
      await page.waitForLoadState();
    }
    expect(await page.getByRole("link", { name: "Oppdater status" }).count()).toBe(0);
    // (axe needs JavaScript in the page; the same pages are checked with it in the test above)
    await screenshot(page, "abroad-documents-nojs");

    await page.getByRole("button", { name: "Fjern autorisasjon.txt.pdf" }).click();
    await page.getByText("Filen er fjernet.").waitFor();
    expect(await page.getByTestId("document").count()).toBe(1);
  });

  it("another resident cannot see or change the application", async () => {
    const owner = await loggedIn(inject("residents").child);
    await owner.goto("/mine/utland");
    await owner.getByRole("button", { name: /søknaden/ }).click();
    await answerStartQuestions(owner);
    const url = owner.url();
    const other = await loggedIn(inject("residents").reserved);
    const r = await other.goto(url);
    expect(r?.status()).toBe(404);
  });
});
