import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateDemoResidents } from "~/db/demo-data";
import { generateFnr } from "~/kernel/fnr";
import { baseUrl, expectAccessible, launch, loginAs, newContext, screenshot } from "./browser";
import { pdfText } from "../support/pdf-read";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The date global-setup pins the server to. */
const E2E_TODAY = "2026-11-23";
const NBSP = "\u00a0";
const kr = (s: string) => s.replace(/ /g, NBSP);
const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{2}$/;

async function api(path: string, body: unknown, key: string | null = inject("keys").full) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  const r = await fetch(`${baseUrl()}/api/v1${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const type = r.headers.get("Content-Type") ?? "";
  return { status: r.status, type, body: (await r.json()) as Record<string, unknown> };
}

/** A new resident over the 2025 ceiling (3 278 kr): 10 × 300 kr, then 400 kr on 1 June → frikort from 1 June, 122 kr owed back. */
async function residentOver2025Ceiling(fnr: string, prefix: string) {
  for (let i = 0; i < 10; i++) {
    const r = await api("/egenandeler", {
      claimId: `${prefix}-${i}`,
      fnr,
      serviceDate: `2025-0${1 + (i % 5)}-1${i}`,
      serviceType: "psykolog",
      amountOre: 30_000,
      providerName: "Psykologene i Test",
    });
    expect(r.status).toBe(201);
  }
  const last = await api("/egenandeler", {
    claimId: `${prefix}-x`,
    fnr,
    serviceDate: "2025-06-01",
    serviceType: "poliklinikk",
    amountOre: 40_000,
    providerName: "Testsykehuset poliklinikk",
  });
  expect(last.status).toBe(201);
  return { crossingClaim: `${prefix}-x` };
}

async function csrfOf(page: Page): Promise<string> {
  return page.locator('input[name="csrf"]').first().inputValue();
}

describe("payout account (/mine/kontonummer)", () => {
  const fnr = generateFnr("1969-04-17", 233)!;

  it("shows errors the GOV.UK way, keeps what was typed, then saves and releases the withheld refund", async () => {
    await residentOver2025Ceiling(fnr, "account-e2e");
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/kontonummer");
    expect(await page.title()).toContain("Kontonummer for utbetalinger");
    expect(await page.getByTestId("current-account").textContent()).toBe("Du har ikke registrert kontonummer hos oss.");
    await page.getByText(`Du har ${kr("122,00 kr")} til gode som holdes tilbake`).waitFor({ timeout: 15_000 });
    await page.getByRole("heading", { name: "Registrer kontonummer" }).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, "account-empty-nb");

    // 1. a wrong control digit
    const field = page.getByLabel("Kontonummer", { exact: true });
    await field.fill("1234.56.78904");
    await page.getByRole("button", { name: "Lagre kontonummer" }).click();
    const summary = page.getByTestId("error-summary");
    await summary.waitFor();
    const message = "Dette er ikke et gyldig kontonummer. Sjekk at du har skrevet alle sifrene riktig.";
    await summary.getByRole("heading", { name: "Du må rette opp dette før du kan lagre:" }).waitFor({ timeout: 15_000 });
    const link = summary.getByRole("link", { name: message });
    expect(await link.getAttribute("href")).toBe("#kontonummer");
    expect(await page.getByTestId("field-error").textContent()).toBe(`Feil: ${message}`);
    expect(await field.inputValue()).toBe("1234.56.78904");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.getAttribute("aria-describedby")).toBe("kontonummer-hint kontonummer-error");
    // the summary sits above the submit button and has focus; its link takes you to the field
    const [summaryBox, buttonBox] = await Promise.all([summary.boundingBox(), page.getByRole("button", { name: "Lagre kontonummer" }).boundingBox()]);
    expect(summaryBox!.y + summaryBox!.height).toBeLessThanOrEqual(buttonBox!.y);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.title()).toMatch(/^Feil: Kontonummer for utbetalinger/);
    await expectAccessible(page);
    await screenshot(page, "account-error-nb");
    await link.click();
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);

    // 2. too few digits
    await field.fill("1234 56 7890");
    await page.getByRole("button", { name: "Lagre kontonummer" }).click();
    await expect.poll(() => page.getByTestId("field-error").textContent()).toBe("Feil: Kontonummeret må ha 11 siffer.");

    // 3. a valid number, with spaces
    await field.fill("1234 56 78903");
    await page.getByRole("button", { name: "Lagre kontonummer" }).click();
    await page.waitForURL(/lagret=1/);
    // (a client-side navigation: the URL may change a moment before the new page renders)
    await page.getByText("Kontonummeret 1234.56.78903 er lagret.").waitFor();
    await page.getByText(`${kr("122,00 kr")} blir utbetalt til denne kontoen.`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("current-account").textContent()).toBe("1234.56.78903");
    expect(await page.getByTestId("error-summary").count()).toBe(0);
    expect(await page.getByText(/holdes tilbake/).count()).toBe(0);
    await page.getByRole("heading", { name: "Endre kontonummer" }).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, "account-saved-nb");

    // 4. the same number again is fine
    await page.getByLabel("Kontonummer", { exact: true }).fill("12345678903");
    const [again] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/mine/kontonummer")),
      page.getByRole("button", { name: "Lagre kontonummer" }).click(),
    ]);
    expect(again.status()).toBeLessThan(400);
    await page.waitForURL(/lagret=1/);
    await page.getByText("Kontonummeret 1234.56.78903 er lagret.").waitFor();

    // the refund that waited for the account is now on its way to it
    await page.goto("/mine?ar=2025");
    const payouts = await page.getByTestId("payouts").textContent();
    expect(payouts).toContain("Blir utbetalt til konto 1234.56.78903");
    expect(payouts).not.toContain("Holdes tilbake");
    await ctx.close();
  });

  it("works without JavaScript: server validation, the same messages, and a CSRF check", async () => {
    const ctx = await newContext(browser, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/kontonummer");
    await page.getByLabel("Kontonummer", { exact: true }).fill("1234-56-78903");
    await page.getByRole("button", { name: "Lagre kontonummer" }).click();
    await page.getByTestId("error-summary").waitFor();
    expect(await page.getByTestId("field-error").textContent()).toBe("Feil: Kontonummeret kan bare inneholde tall, punktum og mellomrom.");
    expect(await page.getByLabel("Kontonummer", { exact: true }).inputValue()).toBe("1234-56-78903");
    // (axe needs JavaScript in the page; the same markup is checked with JavaScript on above)
    await page.getByLabel("Kontonummer", { exact: true }).fill("");
    await page.getByRole("button", { name: "Lagre kontonummer" }).click();
    await page.getByText("Skriv inn kontonummeret ditt.").first().waitFor();

    const forged = await page.request.post("/mine/kontonummer", { form: { csrf: "not-the-token", kontonummer: "15034000018" }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await page.goto("/mine/kontonummer");
    expect(await page.getByTestId("current-account").textContent()).toBe("1234.56.78903");
    await ctx.close();
  });

  it("explains to a 16-year-old why they cannot register an account here, and the server refuses too", async () => {
    const jonas = generateDemoResidents({ today: E2E_TODAY }).find((r) => r.personas.includes("turned-16-recently"))!;
    expect(jonas.name).toBe("Jonas Berg");
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, jonas.fnr);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/kontonummer");
    await page.getByRole("heading", { name: "Du kan ikke registrere kontonummer her" }).waitFor({ timeout: 15_000 });
    await page.getByText(/Du er 16 år\. Personer mellom 16 og 18 år kan vanligvis ikke registrere kontonummer elektronisk/).waitFor({ timeout: 15_000 });
    await page.getByText("Fra 26. juni 2028 kan du registrere kontonummeret ditt her selv.").waitFor({ timeout: 15_000 });
    expect(await page.getByRole("textbox").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Lagre kontonummer" }).count()).toBe(0);
    const before = await page.getByTestId("current-account").textContent();
    await expectAccessible(page);
    await screenshot(page, "account-minor-nb");

    const posted = await page.request.post("/mine/kontonummer", { form: { csrf: await csrfOf(page), kontonummer: "1234.56.78903", intent: "norwegian" }, maxRedirects: 0 });
    expect(posted.status()).toBe(302);
    expect(posted.headers().location).toBe("/mine/kontonummer");
    await page.reload();
    expect(await page.getByTestId("current-account").textContent()).toBe(before);
    await ctx.close();
  });
});

describe("digital frikort proof (/mine/frikortbevis)", () => {
  let code = "";

  it("shows physio2019's tak 2 frikort with a stable code, how far tak 1 is, and a PDF with the same code", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").physio2019);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/frikortbevis?ar=2019");
    expect(await page.title()).toContain("Frikortbevis");
    const card = page.getByTestId("proof-tak2");
    await card.getByRole("heading", { name: "Frikort 2019" }).waitFor({ timeout: 15_000 });
    expect(await card.getByTestId("proof-name").textContent()).toBe("Test Fysiosen");
    expect(await card.getByTestId("proof-valid").textContent()).toBe("fra 7. mars 2019 til 31. desember 2019");
    code = (await card.getByTestId("proof-code").textContent())!;
    expect(code).toMatch(CODE);
    expect(await page.getByTestId("proof-tak1").count()).toBe(0);
    expect(await page.getByTestId("no-frikort-tak1").textContent()).toBe(
      `Du har ikke frikort for egenandelstak 1 i 2019. Du har ${kr("1 889,00 kr")} igjen til taket på ${kr("2 369,00 kr")}.`,
    );
    await page.getByText("Dette frikortet gjaldt ut 2019.", { exact: false }).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, "proof-2019-nb");

    // made once: the same code on every visit
    await page.reload();
    expect(await page.getByTestId("proof-tak2").getByTestId("proof-code").textContent()).toBe(code);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /som PDF/ }).click()]);
    expect(download.suggestedFilename()).toBe("frikortbevis-2019.pdf");
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("Frikortbevis 2019");
    expect(text).toContain("Test Fysiosen");
    expect(text).toContain("fra 7. mars 2019 til 31. desember 2019");
    expect(text).toContain(code);
    await ctx.close();
  });

  it("lets a provider check the code: valid with the facts, logged for the resident; made-up codes say nothing", async () => {
    expect(code).toMatch(CODE);
    const expected = { valid: true, year: 2019, tak: "tak2", validFrom: "2019-03-07", validTo: "2019-12-31", holderName: "Test Fysiosen" };
    const ok = await api("/frikort/bevis", { code });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expected);
    // without dashes, lower case, with spaces: the same
    expect((await api("/frikort/bevis", { code: code.replace(/-/g, "").toLowerCase() })).body).toEqual(expected);
    expect((await api("/frikort/bevis", { code: code.replace(/-/g, " ") }, inject("keys").readOnly)).body).toEqual(expected);

    const madeUp = code.startsWith("2") ? "3333-3333-33" : "2222-2222-22";
    const unknown = await api("/frikort/bevis", { code: madeUp });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ valid: false });

    const invalid = await api("/frikort/bevis", { code: "OOOO-IIII-11" });
    expect(invalid.status).toBe(422);
    expect(invalid.type).toContain("application/problem+json");
    expect((invalid.body.errors as Array<{ field: string }>)[0]!.field).toBe("code");
    expect((await api("/frikort/bevis", { kode: code })).status).toBe(422);
    expect((await api("/frikort/bevis", { code }, null)).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/v1/frikort/bevis`)).status).toBe(405);

    // the resident sees who checked the proof (this year's lookup log)
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").physio2019);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine");
    const lookups = await page.getByTestId("lookups").textContent();
    expect(lookups).toContain("Sjekk av frikortbevis");
    expect(lookups).toContain("Demo legesenter AS (123456785)");
    expect(lookups).toContain("Testklinikken AS (974760673)");
    await ctx.close();
  });

  it("answers valid:false once a correction has taken the frikort away", async () => {
    const fnr = generateFnr("1972-10-05", 433)!;
    const { crossingClaim } = await residentOver2025Ceiling(fnr, "proof-e2e");
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/frikortbevis?ar=2025");
    const proof = (await page.getByTestId("proof-felles").getByTestId("proof-code").textContent())!;
    expect((await api("/frikort/bevis", { code: proof })).body).toMatchObject({ valid: true, year: 2025, tak: "felles", validFrom: "2025-06-01", validTo: "2025-12-31" });
    expect((await api(`/egenandeler/${crossingClaim}/annullering`, { reason: "registrert på feil pasient" })).status).toBe(200);
    expect((await api("/frikort/bevis", { code: proof })).body).toEqual({ valid: false });
    await page.reload();
    expect(await page.getByTestId("proof-felles").count()).toBe(0);
    await page.getByText("Du har ikke frikort for 2025, så det finnes ikke noe frikortbevis.").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("no-frikort-felles").textContent()).toContain(`Du har ${kr("278,00 kr")} igjen til taket på ${kr("3 278,00 kr")}`);
    const pdf = await page.request.get("/mine/frikortbevis.pdf?ar=2025");
    expect(pdf.status()).toBe(404);
    await expectAccessible(page);
    await ctx.close();
  });

  it("tells a child under 16 that no proof is needed", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").child);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/frikortbevis");
    await page.getByText(/Du er under 16 år\. Barn under 16 år betaler ikke egenandel, så du trenger ikke frikortbevis/).waitFor({ timeout: 15_000 });
    expect(await page.getByRole("link", { name: /som PDF/ }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "proof-child-nb");
    await ctx.close();
  });

  it("in English", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").physio2019);
    await page.waitForURL(/\/mine/);
    await page.goto("/mine/frikortbevis?ar=2019");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForURL(/frikortbevis\?ar=2019/);
    await page.getByRole("heading", { level: 1, name: "Exemption card proof" }).waitFor({ timeout: 15_000 });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const card = page.getByTestId("proof-tak2");
    await card.getByRole("heading", { name: "Exemption card 2019" }).waitFor({ timeout: 15_000 });
    expect(await card.getByTestId("proof-valid").textContent()).toBe("from 7 March 2019 to 31 December 2019");
    expect(await card.getByTestId("proof-code").textContent()).toBe(code);
    expect(await page.getByTestId("no-frikort-tak1").textContent()).toContain("You do not have an exemption card for user fee ceiling 1 in 2019.");
    await expectAccessible(page);
    await screenshot(page, "proof-2019-en");

    await page.goto("/mine/kontonummer");
    await page.getByRole("heading", { level: 1, name: "Account number for refunds" }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Save account number" }).click();
    await page.getByTestId("error-summary").waitFor();
    expect(await page.getByTestId("field-error").textContent()).toBe("Error: Enter your account number.");
    await expectAccessible(page);
    await screenshot(page, "account-error-en");
    await ctx.close();
  });
});
