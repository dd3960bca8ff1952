import type { Page } from "playwright-core";

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
