/**
 * The caseworker's review of a refund claim abroad in the browser (issue 19 items 1–3): a resident sends a claim; a
 * caseworker (without JavaScript) opens it, sees every page as an image with a larger one behind it, corrects an amount
 * with a reason (the refund is recomputed and the correction is in the history) and asks for more information; the
 * resident sees the question on the application and in the inbox, answers with text and a document, and the claim is
 * back in the caseworker's queue with the answer. axe on every page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendClaim } from "./abroad-steps";
import { fixturePdf, fnrFor } from "../support/e2e-data";
import { baseUrl, expectAccessible, launch, loginAs, loginAsStaff, newContext, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("caseworker review of a refund claim abroad", () => {
  it("page images, a correction with a reason, a request for more information answered with a document, and back in the queue", async () => {
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(15_000);
    await loginAs(resident, fnrFor("1958-02-16", 471));
    await resident.waitForURL(/\/mine/);
    const { base, reference } = await sendClaim(resident);
    const applicationId = base.split("/").pop()!;

    // the caseworker, without JavaScript
    const sctx = await newContext(browser, { javaScriptEnabled: false });
    const staff = await sctx.newPage();
    staff.setDefaultTimeout(20_000);
    await loginAsStaff(staff, "Z990001");
    const caseUrl = `/saksbehandling/sak/${applicationId}`;
    // axe needs JavaScript in the page: a second caseworker's browser with it checks what the first one sees
    const actx = await newContext(browser);
    const axePage = await actx.newPage();
    axePage.setDefaultTimeout(20_000);
    await loginAsStaff(axePage, "Z990004");
    const axeCase = async () => {
      await axePage.goto(caseUrl);
      await expectAccessible(axePage);
    };
    await staff.goto(caseUrl);
    await staff.getByTestId("review-pages").waitFor();
    const images = staff.getByTestId("page-image");
    expect(await images.count()).toBeGreaterThanOrEqual(1);
    const src = (await images.first().getAttribute("src"))!;
    const zoom = (await staff.getByTestId("page-image-link").first().getAttribute("href"))!;
    expect(zoom).toBe(`${src}?storrelse=stor`);
    const cookie = (await sctx.cookies(`${baseUrl()}/saksbehandling/ko`)).find((c) => c.name === "fp_staff")!;
    const small = await fetch(`${baseUrl()}${src}`, { headers: { Cookie: `fp_staff=${cookie.value}` } });
    expect(small.status).toBe(200);
    expect(small.headers.get("content-type")).toBe("image/png");
    const smallBytes = Buffer.from(await small.arrayBuffer());
    expect(smallBytes.subarray(1, 4).toString()).toBe("PNG");
    const large = Buffer.from(await (await fetch(`${baseUrl()}${zoom}`, { headers: { Cookie: `fp_staff=${cookie.value}` } })).arrayBuffer());
    expect(large.readUInt32BE(16)).toBeGreaterThan(smallBytes.readUInt32BE(16)); // PNG width: the zoomed page is larger
    // a resident gets nothing of it
    const residentCookie = (await rctx.cookies())
      .filter((c) => c.name === "fp_session")
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    expect((await fetch(`${baseUrl()}${src}`, { headers: { Cookie: residentCookie }, redirect: "manual" })).status).toBe(404);
    await staff.reload();
    expect(await staff.getByTestId("audit-trail").textContent()).toContain("case.document");
    await axeCase();
    await screenshot(staff, "staff-abroad-review");

    // correct line 1's amount: without a reason it is refused next to the field; with one the refund is recomputed
    const totalBefore = (await staff.getByTestId("abroad-total").textContent()) ?? "";
    const form = staff.getByTestId("correct-form").first();
    await form.getByLabel("Felt").selectOption("line.0.amount");
    await form.getByLabel("Riktig verdi").fill("5,00");
    await form.getByRole("button", { name: "Lagre rettingen" }).click();
    await staff.getByText("Skriv en begrunnelse.").waitFor();
    // the same error state, checked by axe
    await axeCase();
    await axePage.getByTestId("correct-form").first().getByRole("button", { name: "Lagre rettingen" }).click();
    await axePage.getByText("Skriv en begrunnelse.").waitFor();
    await expectAccessible(axePage);
    const again = staff.getByTestId("correct-form").first();
    await again.getByLabel("Felt").selectOption("line.0.amount");
    await again.getByLabel("Riktig verdi").fill("5,00");
    await again.getByLabel("Begrunnelse").fill("Fakturaen viser 5 EUR på linje 1.");
    await again.getByRole("button", { name: "Lagre rettingen" }).click();
    await staff.waitForURL(/sendt=rettet/);
    const history = (await staff.getByTestId("correction-history").textContent()) ?? "";
    expect(history).toContain("Linje 1: beløp: 59.00 → 5.00");
    expect(history).toContain("Fakturaen viser 5 EUR på linje 1.");
    expect(history).toContain("Z990001");
    expect(await staff.getByTestId("abroad-total").textContent()).not.toBe(totalBefore);

    // ask for more information
    await staff.getByRole("button", { name: "Send spørsmålet" }).click();
    await staff.getByText("Skriv hva du trenger.").waitFor();
    await staff.getByLabel("Hva trenger du?").fill("Send epikrisen fra fysioterapeuten.");
    await staff.getByRole("button", { name: "Send spørsmålet" }).click();
    await staff.waitForURL(/sendt=spurt/);
    expect(await staff.getByTestId("open-question").textContent()).toContain("Send epikrisen fra fysioterapeuten.");
    await axeCase();

    // the resident: the inbox points to the application, which shows the question and takes the answer
    await resident.goto("/mine/meldinger");
    await resident.getByText(`Helfo trenger flere opplysninger i søknaden din ${reference}.`).waitFor();
    await resident.getByTestId("inbox-abroad-answer").click();
    await resident.waitForURL(`${baseUrl()}${base}`);
    expect(await resident.getByTestId("question").textContent()).toBe("Send epikrisen fra fysioterapeuten.");
    await expectAccessible(resident);
    await resident.getByRole("button", { name: "Send svaret" }).click();
    await resident.getByText("Skriv et svar eller last opp et dokument.").waitFor();
    await expectAccessible(resident);
    await resident.getByLabel("Svaret ditt").fill("Her er epikrisen.");
    await resident.getByLabel("Dokumenter (valgfritt)").setInputFiles(fixturePdf("epi04-en-gb-pdf.pdf", "epikrise.pdf"));
    await resident.getByRole("button", { name: "Send svaret" }).click();
    await resident.waitForURL(/svart=1/);
    expect(await resident.getByTestId("status").textContent()).toBe("Under behandling");
    expect(await resident.getByTestId("more-info-request").count()).toBe(0);
    expect(await resident.getByTestId("timeline").textContent()).toContain("Her er epikrisen.");
    await expectAccessible(resident);
    await screenshot(resident, "abroad-answer-sent");

    // back in the queue, with the answer and the new document among the pages
    await staff.goto("/saksbehandling/ko?type=abroad-refund&status=under-review");
    expect(await staff.getByTestId("queue-row").filter({ hasText: reference }).count()).toBe(1);
    await staff.goto(caseUrl);
    expect(await staff.getByTestId("resident-answer").textContent()).toContain("Her er epikrisen.");
    expect(await staff.getByTestId("review-pages").textContent()).toContain("epikrise.pdf");
    await axeCase();

    // the same page in nynorsk and English (the language cookie, as the language form sets it)
    for (const [lang, heading] of [
      ["nn", "Dokumenta side for side"],
      ["en", "The documents page by page"],
    ] as const) {
      const r = await actx.request.post(`${baseUrl()}/sprak`, { form: { lang, returnTo: caseUrl }, headers: { Origin: baseUrl() }, maxRedirects: 0 });
      expect(r.status()).toBe(302);
      await axePage.goto(caseUrl);
      await axePage.getByRole("heading", { name: heading }).waitFor();
      await expectAccessible(axePage);
    }
    await actx.close();
    await sctx.close();
    await rctx.close();
  }, 240_000);
});
