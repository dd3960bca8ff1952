import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function newContext(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl(), javaScriptEnabled: opts.javaScriptEnabled ?? true, acceptDownloads: true, viewport: { width: 1100, height: 900 } });
}

/** Logs in through the embedded ID-porten-like provider, as a person would. */
export async function loginAs(page: Page, fnr: string, opts: { acr?: "high" | "substantial" } = {}) {
  await page.goto("/");
  await page.getByRole("link", { name: "Logg inn" }).click();
  await page.getByLabel("Fødselsnummer").fill(fnr);
  if (opts.acr === "substantial") await page.getByLabel(/Betydelig/).check();
  await page.getByRole("button", { name: "Logg inn" }).click();
}

/** Zero WCAG 2.1 AA violations (axe), with the failing rules listed when there are any. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  const dir = path.resolve("screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Logs a staff member in to the caseworker console through the embedded provider's staff client. */
export async function loginAsStaff(page: Page, ident: string) {
  await page.goto("/saksbehandling/logg-inn");
  await page.getByRole("button", { name: "Logg inn med ansattkonto" }).click();
  await page.getByLabel("Ansattident").fill(ident);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.waitForURL(/\/saksbehandling\/ko(\?|$)/);
}
