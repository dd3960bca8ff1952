/**
 * Proof of payment in a refund claim abroad (issue 18 item 8, seed 004: "Dokumentasjon på at utgiftene er betalt"), in the
 * browser: the resident uploads an invoice and a card slip in the proof-of-payment field and the check page shows the invoice
 * as paid; a bank statement put among the invoices is read as proof, not as a second invoice; without the proofs the check
 * page says the payment is not documented and what to upload, the claim can still be sent, and the caseworker sees it.
 * axe on every changed page, screenshots in bokmål and English.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendFromAssessment, startClaimToDocuments } from "./abroad-steps";
import { fixturePdf, fnrFor } from "../support/e2e-data";
import { baseUrl, expectAccessible, launch, loginAs, loginAsStaff, newContext, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A PDF of text rows (x, text), as a card terminal's e-receipt or a bank's statement comes. */
async function textPdf(rows: Array<Array<[number, string]>>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([420, 600]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  rows.forEach((cells, i) => {
    for (const [x, text] of cells) page.drawText(text, { x, y: 560 - i * 22, size: 10, font });
  });
  return Buffer.from(await doc.save());
}

/** The card payment of invoice 2025/000182 (607,00 EUR, 4.2.2025; it does not say itself that it was paid) at the clinic. */
const cardSlip = () =>
  textPdf([
    [[40, "CENTRO DE FISIOTERAPIA"]],
    [[40, "VENTA"]],
    [[40, "04/02/2025 12:04"]],
    [[40, "MASTERCARD **** **** **** 5521"]],
    [
      [40, "IMPORTE"],
      [200, "607,00 EUR"],
    ],
    [[40, "AUTORIZADO  COD. 771204"]],
  ]);

/** A bank statement with the same payment, as the bank shows a card payment abroad. */
const bankStatement = () =>
  textPdf([
    [[40, "Kontoutskrift brukskonto 1234.56.78903"]],
    [
      [40, "05.02.2025"],
      [110, "Overføring Centro de Fisioterapia EUR 607,00"],
      [330, "-7 102,45"],
    ],
    [
      [40, "Saldo"],
      [330, "10 000,00"],
    ],
  ]);

const statuses = async (page: Page) => (await page.getByTestId("document").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")))).join(",");

describe("proof of payment in a refund claim abroad", () => {
  it("an invoice with a card slip is paid; a bank statement among the invoices is proof, not an invoice; without proof the payment is flagged, and the caseworker sees it", async () => {
    const fnr = fnrFor("1962-03-11", 360);
    const nojsCtx = await newContext(browser, { javaScriptEnabled: false });
    const nojs = await nojsCtx.newPage();
    nojs.setDefaultTimeout(20_000);
    await loginAs(nojs, fnr);
    await nojs.waitForURL(/\/mine/);
    // Start questions, without JavaScript like the upload below (Spain, January 2025: paid more than six months ago, so the
    // deadline question is answered too).
    const base = await startClaimToDocuments(nojs, { first: "13.01.2025", last: "29.01.2025" });

    // 1. The upload page has a field of its own for receipts and proof of payment; it works without JavaScript.
    await nojs.getByText("Kortkvittering, linje fra kontoutskriften eller kvittering som viser at du har betalt hver faktura.", { exact: false }).waitFor();
    await nojs.getByLabel("Fakturaer", { exact: true }).setInputFiles(fixturePdf("doc-022-es-es-pdf.pdf", "faktura.pdf"));
    await nojs.getByLabel("Kvitteringer og betalingsbevis", { exact: true }).setInputFiles({ name: "kortkvittering.pdf", mimeType: "application/pdf", buffer: await cardSlip() });
    await nojs.getByRole("button", { name: "Last opp" }).click();
    await nojs.getByText("Filene er lastet opp. Vi leser dem nå.").waitFor();
    const started = Date.now();
    while ((await statuses(nojs)) !== "done,done") {
      expect(Date.now() - started, "the files were not read within 45 s").toBeLessThan(45_000);
      await nojs.waitForTimeout(1000);
      await nojs.getByRole("link", { name: "Oppdater status" }).click();
      await nojs.waitForLoadState();
    }
    await nojsCtx.close();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    await page.goto(`${base}/dokumenter`);
    const kinds = async () => (await page.getByTestId("document").locator("td:nth-child(2)").allTextContents()).map((s) => s.trim());
    expect(await kinds()).toEqual(["Faktura", "Betalingsbevis"]);
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-documents");

    // 2. The check page: the invoice is paid, by the card slip.
    await page.goto(`${base}/kontroll`);
    const payment = page.getByTestId("payment-status");
    expect(await payment.count()).toBe(1);
    expect(await payment.getAttribute("data-status")).toBe("ok");
    expect(await payment.textContent()).toContain("Betalingen er dokumentert: kortkvittering.pdf viser 607,00 EUR.");
    expect(await page.getByTestId("read-payment").textContent()).toContain("607,00");
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-check-paid");

    // 3. A bank statement put among the invoices is read as proof of payment: still one invoice, so the refund does not double.
    await page.goto(`${base}/dokumenter`);
    await page.getByLabel("Fakturaer", { exact: true }).setInputFiles({ name: "kontoutskrift.pdf", mimeType: "application/pdf", buffer: await bankStatement() });
    await page.getByRole("button", { name: "Last opp" }).click();
    await page.getByText("Filene er lastet opp. Vi leser dem nå.").waitFor();
    await expect.poll(() => statuses(page), { timeout: 45_000 }).toBe("done,done,done");
    expect(await page.getByTestId("read-as-payment").textContent()).toContain("Vi leste dette som et betalingsbevis");
    expect((await kinds())[2]).toMatch(/^Betalingsbevis/);
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-documents-read-as-proof");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByTestId("read-as-payment").getByText("We read this as proof of payment").waitFor();
    expect(await page.getByLabel("Receipts and proof of payment", { exact: true }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-documents-en");
    await page.goto(`${base}/kontroll`);
    expect(await page.getByTestId("invoice").count()).toBe(1);
    expect(await page.getByTestId("payment-status").textContent()).toContain("Payment documented: kortkvittering.pdf shows 607.00 EUR.");
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-check-paid-en");
    await page.getByRole("button", { name: "Bokmål" }).click();
    await page.getByRole("heading", { name: "Sjekk det vi leste" }).waitFor();

    // 4. Without the proofs: "Betaling ikke dokumentert", and what to upload.
    await page.goto(`${base}/dokumenter`);
    for (const [name, left] of [
      ["kortkvittering.pdf", 2],
      ["kontoutskrift.pdf", 1],
    ] as const) {
      await page.getByRole("button", { name: `Fjern ${name}` }).click();
      await expect.poll(() => page.getByTestId("document").count()).toBe(left);
    }
    expect(await kinds()).toEqual(["Faktura"]);
    await page.goto(`${base}/kontroll`);
    expect(await payment.getAttribute("data-status")).toBe("missing");
    const flag = (await payment.textContent()) ?? "";
    expect(flag).toContain("Betaling ikke dokumentert.");
    expect(flag).toContain("Last opp en kortkvittering, en linje fra kontoutskriften eller en kvittering som viser at fakturaen er betalt");
    expect(flag).toContain("Beviset må vise beløpet og datoen. Last det opp under «Kvitteringer og betalingsbevis».");
    expect(flag).toContain("Du kan sende søknaden uten");
    expect(await payment.getByRole("link", { name: "Gå til dokumentene" }).getAttribute("href")).toBe(`${base}/dokumenter`);
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-check-missing");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByTestId("payment-status").getByText("Payment not documented.", { exact: false }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-check-missing-en");
    await page.getByRole("button", { name: "Bokmål" }).click();
    await page.getByRole("heading", { name: "Sjekk det vi leste" }).waitFor();

    // 5. It does not stop the claim: the assessment lists it, and the claim is sent.
    await page.getByLabel("Betalingsdato").fill("04.02.2025");
    await page.getByRole("button", { name: "Lagre og fortsett" }).click();
    await page.waitForURL(`${baseUrl()}${base}/vurdering`);
    const check = page.locator('[data-testid="check"][data-code="payment.proof.missing"]');
    expect(await check.getAttribute("data-status")).toBe("missing");
    expect(await check.textContent()).toContain("Betaling ikke dokumentert.");
    await expectAccessible(page);
    await check.scrollIntoViewIfNeeded();
    await screenshot(page, "abroad-payment-assessment", { fullPage: false });
    await page.getByRole("button", { name: "English" }).click();
    await check.getByText("Payment not documented.", { exact: false }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "abroad-payment-assessment-en", { fullPage: false });
    await page.getByRole("button", { name: "Bokmål" }).click();
    await check.getByText("Betaling ikke dokumentert.", { exact: false }).waitFor();
    const reference = (await sendFromAssessment(page, base)).trim();
    expect(reference).toMatch(/^FP-/);

    // 6. The caseworker sees it on the invoice, in plain words.
    const sctx = await newContext(browser);
    const staff = await sctx.newPage();
    staff.setDefaultTimeout(20_000);
    await loginAsStaff(staff, "Z990001");
    await staff.goto("/saksbehandling/ko?status=all");
    await staff.getByRole("link", { name: reference }).click();
    await staff.getByTestId("abroad-view").waitFor();
    const seen = staff.getByTestId("staff-payment");
    expect(await seen.getAttribute("data-status")).toBe("missing");
    expect(await seen.textContent()).toContain("Betaling ikke dokumentert.");
    expect(await staff.getByTestId("abroad-checks").textContent()).toContain("(payment.proof.missing)");
    await expectAccessible(staff);
    await seen.scrollIntoViewIfNeeded();
    await screenshot(staff, "abroad-payment-staff", { fullPage: false });
    // the same in English (the language cookie, as the language form sets it)
    const caseUrl = staff.url();
    const r = await sctx.request.post(`${baseUrl()}/sprak`, { form: { lang: "en", returnTo: new URL(caseUrl).pathname }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
    expect(r.status()).toBe(302);
    await staff.goto(caseUrl);
    await seen.getByText("Payment not documented.", { exact: false }).waitFor();
    await expectAccessible(staff);
    await seen.scrollIntoViewIfNeeded();
    await screenshot(staff, "abroad-payment-staff-en", { fullPage: false });
    await sctx.close();
    await ctx.close();
  }, 240_000);
});
