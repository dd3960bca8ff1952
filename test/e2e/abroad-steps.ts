import type { Page } from "playwright-core";
import { expect } from "vitest";
import { fixturePdf } from "../support/e2e-data";
import { baseUrl } from "./browser";

/**
 * Answers the start questions of a refund application abroad (country, period, exemption) on
 * whichever of them the page is at, and waits for the upload page. For tests about later steps.
 */
export async function answerStartQuestions(page: Page, opts: { country?: string; from?: string; to?: string; exemption?: RegExp } = {}) {
  await page.waitForURL(/\/mine\/utland\/[0-9a-f-]{36}\/land$/);
  await page.getByLabel("Land", { exact: true }).selectOption({ label: opts.country ?? "Sverige" });
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(/\/periode$/);
  await page.getByLabel("Første behandling").fill(opts.from ?? "01.10.2026");
  await page.getByLabel("Siste behandling").fill(opts.to ?? "20.11.2026");
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(/\/(fritak|dokumenter)$/);
  if (page.url().endsWith("/fritak")) {
    await page.getByLabel(opts.exemption ?? /^Nei, jeg betaler vanlig egenandel/).check();
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  }
  await page.waitForURL(/\/dokumenter$/);
}

/**
 * A resident answers the start questions of a refund claim abroad (Spain, the given treatment period,
 * paid within the deadline, no exemption) and arrives at the documents step; returns the
 * application's path. Works with and without JavaScript.
 */
export async function startClaimToDocuments(page: Page, period: { first: string; last: string }): Promise<string> {
  await page.goto("/mine/utland");
  await page.getByRole("button", { name: /søknaden/ }).click();
  await page.waitForURL(/\/mine\/utland\/[0-9a-f-]{36}\/land$/);
  const base = new URL(page.url()).pathname.replace(/\/land$/, "");
  await page.getByLabel("Land", { exact: true }).selectOption({ label: "Spania" });
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(`${baseUrl()}${base}/periode`);
  await page.getByLabel("Første behandling").fill(period.first);
  await page.getByLabel("Siste behandling").fill(period.last);
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page
    .getByRole("group", { name: /Betalte du for behandlingen/ })
    .getByLabel("Nei")
    .check();
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(`${baseUrl()}${base}/fritak`);
  await page.getByLabel(/^Nei, jeg betaler vanlig egenandel/).check();
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(`${baseUrl()}${base}/dokumenter`);
  return base;
}

/**
 * A resident sends a claim with one born-digital invoice; returns the application's status page path and reference.
 * With `durationMinutes`, the resident fills in on the check page how long each treatment lasted (the invoice does not say).
 */
export async function sendClaim(page: Page, opts: { durationMinutes?: number } = {}): Promise<{ base: string; reference: string }> {
  const base = await startClaimToDocuments(page, { first: "03.09.2024", last: "17.09.2024" });
  await page.getByLabel("Fakturaer", { exact: true }).setInputFiles(fixturePdf("inv10-es-es-pdf.pdf", "faktura.pdf"));
  await page.getByRole("button", { name: "Last opp" }).click();
  await expect
    .poll(async () => (await page.getByTestId("document").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")))).join(","), { timeout: 45_000 })
    .toBe("done");
  await page.getByRole("link", { name: "Fortsett: sjekk det vi leste" }).click();
  await page.waitForURL(`${baseUrl()}${base}/kontroll`);
  await page.getByLabel("Betalingsdato").fill("23.12.2024");
  if (opts.durationMinutes) for (const cell of await page.locator('input[name$="durationMinutes"]').all()) await cell.fill(String(opts.durationMinutes));
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(`${baseUrl()}${base}/vurdering`);
  return { base, reference: await sendFromAssessment(page, base) };
}

/** From the assessment step: a Spanish IBAN for the payout, then the summary is sent; returns the reference. */
export async function sendFromAssessment(page: Page, base: string): Promise<string> {
  await page.getByTestId("continue").click();
  await page.waitForURL(`${baseUrl()}${base}/konto`);
  await page.getByLabel("Konto i utlandet").check();
  await page.getByLabel("IBAN").fill("ES91 2100 0418 4502 0005 1332");
  await page.getByLabel("BIC (SWIFT)").fill("caixesbb");
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(`${baseUrl()}${base}/oppsummering`);
  await page.getByRole("button", { name: "Send søknaden" }).click();
  await page.waitForURL(`${baseUrl()}${base}?sendt=1`);
  return (await page.getByTestId("reference").textContent()) ?? "";
}
