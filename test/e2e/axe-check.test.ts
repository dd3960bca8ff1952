/**
 * The accessibility check every browser test relies on (expectAccessible) must find violations: on
 * a page's first check, on a later check of the same document after it changed (axe is injected
 * once per document), and inside a frame (which goes through AxeBuilder).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, launch, newContext } from "./browser";

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** The rules axe found failing, from the assertion expectAccessible made. */
async function failingRules(p: Page): Promise<string[]> {
  const error = await expectAccessible(p).then(
    () => undefined,
    (e: { actual?: string[] }) => e,
  );
  expect(error, "expectAccessible passed").toBeDefined();
  return (error?.actual ?? []).map((line) => line.slice(0, line.indexOf(":")));
}

const DOC = (body: string) => `<!doctype html><html lang="en"><head><title>axe</title></head><body><main>${body}</main></body></html>`;

it("finds an image without text and grey text on white", async () => {
  await page.setContent(DOC(`<h1>Test</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb;background:#fff">faint</p>`));
  expect((await failingRules(page)).sort()).toEqual(["color-contrast", "image-alt"]);
});

it("passes our start page, then finds what was added to the same document since", async () => {
  await page.goto("/");
  await expectAccessible(page);
  await page.evaluate(() => {
    const button = document.createElement("button");
    document.querySelector("main")?.append(button);
  });
  expect(await failingRules(page)).toEqual(["button-name"]);
});

it("finds a violation inside a frame", async () => {
  await page.setContent(DOC(`<h1>Frame</h1><iframe title="inner" srcdoc='${DOC(`<h1>Inner</h1><input type="text">`)}'></iframe>`));
  await page.frames()[1]?.waitForLoadState();
  expect(await failingRules(page)).toContain("label");
});
