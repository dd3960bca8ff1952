/**
 * The upload torture set of issue 16 ("Keep it from coming back"), built at test time and sent through the real upload (the
 * resident's form POST with a logged-in session, one file a request): renamed types, a PDF/ZIP polyglot, an empty file, an
 * oversized one, an encrypted, a truncated and a 200-page PDF, a PNG bomb, the in-PDF image bomb (30 000 × 30 000 greyscale,
 * Flate) in three placements, and a ZIP. Each gets its translated reason, or is accepted when it is really a valid file;
 * never a 5xx, and the server stays up.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptedPdf, imageBombPdf, pdfWithPages, pngHeader, zipWith } from "../support/hostile-files";
import { answerStartQuestions } from "./abroad-steps";
import { baseUrl, launch, loginAs, newContext } from "./browser";

const FIXTURES = new URL("../fixtures/documents/", import.meta.url).pathname;
const INVOICE = readFileSync(`${FIXTURES}inv02-sv-se-pdf.pdf`);
const SCAN_PNG = readFileSync(`${FIXTURES}inv03-nb-es-scan-png.png`);
/** A demo resident no other browser test starts an application for. */
const RESIDENT = "28027917889";

type Case = { name: string; mime: string; bytes: () => Promise<Buffer> | Buffer; expect: string | "accepted" };

const REASON = {
  empty: "Filen er tom.",
  type: "Filen er ikke PDF, JPG eller PNG.",
  large: "Filen er større enn 20 MB.",
  pages: "PDF-en har mer enn 30 sider. Del den opp i flere filer.",
  encrypted: "PDF-en er passordbeskyttet. Last opp en kopi uten passord.",
  corrupt: "Vi klarte ikke å åpne filen. Den kan være skadet.",
  image: "Bildet har for høy oppløsning. Ta et nytt bilde med lavere oppløsning.",
};

const CASES: Case[] = [
  // renamed types: the content decides, so a real PNG named .pdf and a real PDF named .jpg are fine
  { name: "faktura-egentlig-png.pdf", mime: "application/pdf", bytes: () => SCAN_PNG, expect: "accepted" },
  { name: "faktura-egentlig-pdf.jpg", mime: "image/jpeg", bytes: () => INVOICE, expect: "accepted" },
  { name: "nettside.pdf", mime: "application/pdf", bytes: () => Buffer.from("<!doctype html><html><body><script>alert(1)</script>Faktura</body></html>"), expect: REASON.type },
  // a PDF with a ZIP archive appended: still a valid PDF (stored as one, and served as application/pdf with nosniff)
  { name: "polyglott.pdf", mime: "application/pdf", bytes: () => Buffer.concat([INVOICE, zipWith("x.html", Buffer.from("<script>alert(1)</script>"))]), expect: "accepted" },
  // a ZIP archive with a PDF at its start is a ZIP
  { name: "polyglott-zip.pdf", mime: "application/pdf", bytes: () => zipWith("faktura.pdf", INVOICE), expect: REASON.type },
  { name: "tom.pdf", mime: "application/pdf", bytes: () => Buffer.alloc(0), expect: REASON.empty },
  { name: "for-stor.pdf", mime: "application/pdf", bytes: () => Buffer.concat([INVOICE, Buffer.alloc(21 * 1024 * 1024, 0x20)]), expect: REASON.large },
  { name: "kryptert.pdf", mime: "application/pdf", bytes: () => encryptedPdf(), expect: REASON.encrypted },
  { name: "avkuttet.pdf", mime: "application/pdf", bytes: () => INVOICE.subarray(0, 60), expect: REASON.corrupt },
  { name: "200-sider.pdf", mime: "application/pdf", bytes: () => pdfWithPages(200), expect: REASON.pages },
  { name: "bombe.png", mime: "image/png", bytes: () => pngHeader(100_000, 100_000), expect: REASON.image },
  { name: "bildebombe.pdf", mime: "application/pdf", bytes: () => imageBombPdf(30_000, "page"), expect: REASON.image },
  { name: "bildebombe-skjema.pdf", mime: "application/pdf", bytes: () => imageBombPdf(30_000, "form"), expect: REASON.image },
  { name: "bildebombe-innebygd.pdf", mime: "application/pdf", bytes: () => imageBombPdf(30_000, "inline"), expect: REASON.image },
  { name: "arkiv.zip", mime: "application/zip", bytes: () => zipWith("faktura.pdf", INVOICE), expect: REASON.type },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function documentsPage(): Promise<{ page: Page; url: string; csrf: string }> {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await loginAs(page, RESIDENT);
  await page.waitForURL(/\/mine/);
  await page.goto("/mine/utland");
  await page.getByRole("button", { name: /søknaden/ }).click();
  await page.waitForURL(/\/mine\/utland\/[0-9a-f-]{36}\//);
  if (page.url().endsWith("/land")) await answerStartQuestions(page);
  else await page.goto(page.url().replace(/\/[a-z]+$/, "/dokumenter"));
  const csrf = (await page.locator('input[name="csrf"]').first().getAttribute("value")) ?? "";
  return { page, url: page.url(), csrf };
}

describe("upload torture set", () => {
  it("every hostile file gets its translated reason (or is accepted when valid), never a server error, and the server stays up", async () => {
    const { page, url, csrf } = await documentsPage();
    const serverErrors: string[] = [];
    const wrong: string[] = [];
    let accepted = 0;
    for (const c of CASES) {
      const buffer = Buffer.from(await c.bytes());
      const r = await page.request.post(url, {
        multipart: { csrf, intent: "upload", invoice: { name: c.name, mimeType: c.mime, buffer } },
        maxRedirects: 0,
        timeout: 60_000,
      });
      if (r.status() >= 500) {
        serverErrors.push(`${c.name}: ${r.status()}`);
        continue;
      }
      const html = await r.text();
      if (c.expect === "accepted") {
        if (r.status() === 302 || r.status() === 303) accepted++;
        else wrong.push(`${c.name}: expected accepted, got ${r.status()}`);
      } else if (r.status() !== 400 || !html.includes(`${c.name}: ${c.expect}`)) {
        wrong.push(`${c.name}: expected 400 with "${c.expect}", got ${r.status()}`);
      }
      const health = await fetch(`${baseUrl()}/healthz`);
      if (!health.ok) serverErrors.push(`server unhealthy after ${c.name}`);
    }
    console.log(`${CASES.length} files tried, ${serverErrors.length} server errors, ${accepted} accepted, ${wrong.length} wrong answers`);
    expect(serverErrors).toEqual([]);
    expect(wrong).toEqual([]);

    // the page lists each rejected file with its reason, in the resident's language
    await page.goto(url);
    const bomb = page.getByTestId("document").filter({ has: page.getByRole("cell", { name: "bildebombe.pdf", exact: true }) });
    expect(await bomb.getByTestId("reason").textContent()).toBe(REASON.image);

    // a stored file is served to its owner only, never cached (issue 16, item 10)
    const kept = page.getByTestId("document").filter({ has: page.getByRole("cell", { name: "faktura-egentlig-pdf.jpg", exact: true }) });
    const documentId = await kept.locator('input[name="documentId"]').first().getAttribute("value");
    const file = await page.request.get(url.replace(/dokumenter$/, `fil/${documentId}`));
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("application/pdf");
    expect(file.headers()["cache-control"]).toContain("no-store");
    expect(file.headers()["x-content-type-options"]).toContain("nosniff");
  }, 300_000);
});
