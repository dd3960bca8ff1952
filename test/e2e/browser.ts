import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

/** E2E_TIMING=1 appends how long each axe run, screenshot and login took (test-results/e2e-timing.jsonl). */
async function timed<T>(what: string, f: () => Promise<T>): Promise<T> {
  if (!process.env.E2E_TIMING) return f();
  const t0 = performance.now();
  try {
    return await f();
  } finally {
    mkdirSync("test-results", { recursive: true });
    appendFileSync("test-results/e2e-timing.jsonl", JSON.stringify({ what, ms: Math.round(performance.now() - t0) }) + "\n");
  }
}

/**
 * Chromium for the browser tests. Chromium takes about 60 % of the browser tests' CPU in CI (a full two-half run on a two-core
 * machine, 2026-12-07: renderers 578 s in 447 processes, browser processes 286 s, GPU processes 79 s, of 1,647 CPU s; our
 * servers 259 s, vitest 225 s). Flags tried on portal + account-proof (CPU of the whole run, 177 and 182 s without): site
 * isolation off (`--disable-site-isolation-trials`: 42 renderer processes → 28) 176 s; with `--in-process-gpu` or
 * `--disable-gpu-compositing` 168–172 s, within the noise of two runs. None kept. E2E_CHROMIUM_ARGS adds flags, to measure others.
 */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(process.env.E2E_CHROMIUM_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
  });
}

export async function newContext(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
  });
  context.on("page", waitForDrawnPageAfterUrl);
  return context;
}

/**
 * With JavaScript, Remix changes the address before React has drawn the new page, so a test that
 * reads the page right after `waitForURL` could read the old one. The layout's main region is
 * aria-busy while a navigation is under way: after the address matches, wait for it to be done
 * (pages without our layout, such as the login provider's, have no main region to wait for).
 */
function waitForDrawnPageAfterUrl(page: Page) {
  const waitForUrl = page.waitForURL.bind(page);
  page.waitForURL = (async (url: Parameters<Page["waitForURL"]>[0], options?: Parameters<Page["waitForURL"]>[1]) => {
    await waitForUrl(url, options);
    await page.locator('main[aria-busy="false"], body:not(:has(main#main))').first().waitFor({ timeout: options?.timeout });
  }) as Page["waitForURL"];
}

/** Logs in through the embedded ID-porten-like provider, as a person would. */
export async function loginAs(page: Page, fnr: string, opts: { acr?: "high" | "substantial" } = {}) {
  await timed("login", () => loginSteps(page, fnr, opts));
}

async function loginSteps(page: Page, fnr: string, opts: { acr?: "high" | "substantial" }) {
  await page.goto("/");
  await page.getByRole("link", { name: "Logg inn" }).click();
  await page.getByLabel("Fødselsnummer").fill(fnr);
  if (opts.acr === "substantial") await page.getByLabel(/Betydelig/).check();
  await page.getByRole("button", { name: "Logg inn" }).click();
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
let axeSource: string | undefined;

/** Zero WCAG 2.1 AA violations (axe), with the failing rules listed when there are any. */
export async function expectAccessible(page: Page) {
  // The PostgreSQL run of CI draws the same pages from the same build as the PGlite run, which has
  // already checked them: it sets E2E_AXE=off to spend its minutes on what the database changes.
  if (process.env.E2E_AXE === "off") return;
  const violations = await timed("axe", () => axeViolations(page));
  const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * axe.run in the page itself. AxeBuilder's default mode runs axe.runPartial in every frame and then
 * axe.finishRun in a new blank page, and injects axe's 550 kB every time: 1.1–2 s a check here, 40 %
 * of the browser tests' time. Our pages have no frames, so the one run in the page is the whole check
 * (same rules, same tags); axe is injected once per document and survives client-side navigations
 * (measured: 0.1–0.15 s a check after a 0.16 s injection). A page with frames still goes through
 * AxeBuilder, which checks each frame.
 */
async function axeViolations(page: Page): Promise<Result[]> {
  if (page.frames().length > 1) {
    return (
      await new AxeBuilder({ page })
        .withTags(AXE_TAGS)
        .options({ resultTypes: ["violations"] })
        .analyze()
    ).violations;
  }
  if (!(await page.evaluate(() => typeof (window as { axe?: unknown }).axe === "object"))) {
    axeSource ??= (await import("axe-core")).default.source;
    await page.evaluate(axeSource);
  }
  return page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Result[] }> } }).axe
        .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((r) => r.violations),
    AXE_TAGS,
  );
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  // Screenshots are for people to look at; runs nobody looks at (CI) set E2E_SCREENSHOTS=off.
  if (process.env.E2E_SCREENSHOTS === "off") return;
  await timed("screenshot", () => takeScreenshot(page, name, opts.fullPage ?? true));
}

async function takeScreenshot(page: Page, name: string, fullPage: boolean) {
  const dir = path.resolve("screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}

/** Logs a staff member in to the caseworker console through the embedded provider's staff client. */
export async function loginAsStaff(page: Page, ident: string) {
  await timed("staff-login", () => staffLoginSteps(page, ident));
}

async function staffLoginSteps(page: Page, ident: string) {
  await page.goto("/saksbehandling/logg-inn");
  await page.getByRole("button", { name: "Logg inn med ansattkonto" }).click();
  await page.getByLabel("Ansattident").fill(ident);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.waitForURL(/\/saksbehandling\/ko(\?|$)/);
}
