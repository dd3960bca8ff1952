/**
 * Issue 16, item 1: the server's memory while a resident uploads the in-PDF image bomb (875 KB, one 30 000 × 30 000 greyscale
 * image). Start the server first, then:
 *
 *   npx tsx bench/security/pdf-bomb-memory.ts http://localhost:PORT SERVER_PID [FNR]
 *
 * Logs in through the embedded test provider (demo data), uploads the bomb three times as an invoice (the review saw three
 * attempts), and prints the RSS of the server process (and of its render process, if one runs) before, every 250 ms during,
 * and 20 s after. With the demo data any fødselsnummer with a draft-free abroad application works (default 02117111981).
 */
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { imageBombPdf } from "../../test/support/hostile-files";

const [base = "http://localhost:3999", pidArg, fnr = "02117111981"] = process.argv.slice(2);
const pid = Number(pidArg);
const rssMb = (p: number): number => {
  try {
    return Math.round(
      Number(
        execFileSync("ps", ["-o", "rss=", "-p", String(p)])
          .toString()
          .trim(),
      ) / 1024,
    );
  } catch {
    return 0;
  }
};
const renderMb = (): number => {
  try {
    return Math.round(
      execFileSync("ps", ["-eo", "rss=,args="])
        .toString()
        .split("\n")
        .filter((l) => l.includes("isolated.boot"))
        .reduce((n, l) => n + Number(l.trim().split(/\s+/)[0]), 0) / 1024,
    );
  } catch {
    return 0;
  }
};

const bomb = await imageBombPdf(30_000, "page");
console.log(`bomb: ${bomb.length} bytes`);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
const page = await (await browser.newContext({ baseURL: base })).newPage();
await page.goto("/");
await page.getByRole("link", { name: "Logg inn" }).click();
await page.getByLabel("Fødselsnummer").fill(fnr);
await page.getByRole("button", { name: "Logg inn" }).click();
await page.waitForURL(/\/mine/);
await page.goto("/mine/utland");
await page.getByRole("button", { name: /søknaden/ }).click();
await page.waitForURL(/\/mine\/utland\/[0-9a-f-]{36}\//);
if (page.url().endsWith("/land")) {
  await page.getByLabel("Land", { exact: true }).selectOption({ label: "Spania" });
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(/\/periode$/);
  await page.getByLabel("Første behandling").fill("01.10.2026");
  await page.getByLabel("Siste behandling").fill("20.11.2026");
  await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  await page.waitForURL(/\/(fritak|dokumenter)$/);
  if (page.url().endsWith("/fritak")) {
    await page.getByLabel(/^Nei, jeg betaler vanlig egenandel/).check();
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
  }
}
await page.goto(page.url().replace(/\/[a-z]+$/, "/dokumenter"));

let peak = 0,
  peakRender = 0;
const before = rssMb(pid);
console.log(`before: server ${before} MB`);
const timer = setInterval(() => {
  peak = Math.max(peak, rssMb(pid));
  peakRender = Math.max(peakRender, renderMb());
}, 250);
for (let i = 1; i <= 3; i++) {
  await page.getByLabel("Fakturaer", { exact: true }).setInputFiles({ name: `bombe-${i}.pdf`, mimeType: "application/pdf", buffer: bomb });
  await page.getByRole("button", { name: "Last opp" }).click();
  const summary = page.getByTestId("error-summary");
  await summary.getByText(`bombe-${i}.pdf`).waitFor({ timeout: 120_000 });
  console.log(`upload ${i}: ${(await summary.getByRole("link").allTextContents()).join(" | ")}; server now ${rssMb(pid)} MB`);
}
// documents that were accepted are read by the job runner: wait for that too
await page.waitForTimeout(20_000);
clearInterval(timer);
console.log(`during: peak server ${peak} MB, peak render process ${peakRender} MB`);
console.log(`after 20 s: server ${rssMb(pid)} MB, render process ${renderMb()} MB`);
await browser.close();
