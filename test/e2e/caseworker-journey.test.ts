/**
 * Issue 19, "Done when": one case from submission to payout and appeal entirely in the browser, on
 * PGlite and on PostgreSQL. A resident sends a refund claim abroad with a fixture invoice; a
 * caseworker opens it (its page images were rendered at submission) and asks for more information;
 * the resident answers with an uploaded epikrise and the claim is back in the queue; the caseworker
 * approves in part, per line; above the four-eyes limit a second caseworker approves, and the
 * approved lines' egenandeler move the resident's total for the year; the payout run is started from the console;
 * the resident sees "paid", appeals, and the caseworker upholds the decision and sends it to the
 * appeal body; the resident reads the letters. After each step the case's trail shows a new row:
 * the status history (both sides), the decision with both idents, and the staff audit log of who
 * opened the case. Nothing here uses `npm run caseworker` or the database.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { pdfText } from "../support/pdf-read";
import { sendClaim } from "./abroad-steps";
import { fixturePdf, fnrFor } from "../support/e2e-data";
import { baseUrl, expectAccessible, launch, loginAs, loginAsStaff, newContext, screenshot } from "./browser";

const t = translator("nb");
/** The register's provider for egenandeler approved on claims abroad (services/abroad-application.server.ts). */
const ABROAD_PROVIDER_NAME = "Helfo (fysioterapi i utlandet)";
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The rows of a list on the page, as text (what the user reads). */
const rows = async (page: Page, testId: string) => (await page.getByTestId(testId).locator("li").allTextContents()).map((s) => s.replace(/\s+/g, " ").trim());

async function staffCookie(page: Page): Promise<string> {
  return (await page.context().cookies(`${baseUrl()}/saksbehandling`))
    .filter((c) => c.name === "fp_staff")
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
}

describe("a case from submission to payout and appeal, in the browser", () => {
  it("submission → review and decision → second pair of eyes → payout run → paid → appeal → upheld and sent on → letters, each step in the trail", async () => {
    // --- the resident sends the claim ---
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(20_000);
    await loginAs(resident, fnrFor("1957-06-07", 470));
    await resident.waitForURL(/\/mine/);
    const { base, reference } = await sendClaim(resident, { durationMinutes: 45 });
    const id = base.split("/").pop()!;
    expect(reference).toMatch(/^FP-/);
    expect(await resident.getByTestId("status").textContent()).toBe(t("case.status.received"));

    // --- a caseworker opens it: the pages are there (rendered at submission), the opening is logged ---
    const c1 = await newContext(browser);
    const first = await c1.newPage();
    first.setDefaultTimeout(20_000);
    await loginAsStaff(first, "Z990001");
    await first.goto(`/saksbehandling/ko?status=all`);
    await first.getByRole("link", { name: reference }).click();
    await first.waitForURL(new RegExp(`/saksbehandling/sak/${id}$`));
    const src = (await first.getByTestId("page-image").first().getAttribute("src"))!;
    const img = await fetch(`${baseUrl()}${src}`, { headers: { Cookie: await staffCookie(first) } });
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(await rows(first, "staff-history")).toEqual([expect.stringContaining(t("staff.status.received"))]);
    expect((await rows(first, "audit-trail")).filter((r) => r.includes("Z990001") && r.includes("case.view")).length).toBeGreaterThan(0);
    // the decide form has no "more information" beside the review's own request for it (one way to ask)
    expect(await first.getByLabel(t("staff.decide.more-info")).count()).toBe(0);
    expect(await first.getByTestId("open-question").count()).toBe(0);

    // --- more information: the caseworker asks, the resident answers with a document, the case is back ---
    await first.getByLabel("Hva trenger du?").fill("Send epikrisen fra fysioterapeuten.");
    await first.getByRole("button", { name: "Send spørsmålet" }).click();
    await first.waitForURL(/sendt=spurt/);
    expect(await first.getByTestId("open-question").textContent()).toContain("Send epikrisen fra fysioterapeuten.");
    await resident.goto("/mine/meldinger");
    await resident.getByText(`Helfo trenger flere opplysninger i søknaden din ${reference}.`).waitFor();
    await resident.getByTestId("inbox-abroad-answer").click();
    await resident.waitForURL(`${baseUrl()}${base}`);
    expect(await resident.getByTestId("question").textContent()).toBe("Send epikrisen fra fysioterapeuten.");
    await resident.getByLabel("Svaret ditt").fill("Her er epikrisen.");
    await resident.getByLabel("Dokumenter (valgfritt)").setInputFiles(fixturePdf("epi04-en-gb-pdf.pdf", "epikrise.pdf"));
    await resident.getByRole("button", { name: "Send svaret" }).click();
    await resident.waitForURL(/svart=1/);
    await first.goto("/saksbehandling/ko?type=abroad-refund&status=under-review");
    expect(await first.getByTestId("queue-row").filter({ hasText: reference }).count()).toBe(1);
    await first.goto(`/saksbehandling/sak/${id}`);
    expect(await first.getByTestId("resident-answer").textContent()).toContain("Her er epikrisen.");
    expect(await first.getByTestId("review-pages").textContent()).toContain("epikrise.pdf");

    // before the decision, nothing from the claim counts towards the resident's ceiling for 2024
    await resident.goto("/mine?ar=2024");
    expect(await resident.locator("main").textContent()).not.toContain(ABROAD_PROVIDER_NAME);

    // --- the caseworker approves in part, per line; above the four-eyes limit it is a proposal ---
    const lines = await first.getByTestId("decision-line").count();
    expect(lines).toBeGreaterThan(1);
    // the monthly gym fee on line 3 is not treatment: rejected with its reason; every other line approved
    for (let i = 0; i < lines; i++) await first.locator(i === 2 ? `#o-0-${i}-reject` : `#o-0-${i}-approve`).check();
    await first.locator("#r-0-2-not-covered-treatment").check();
    await first.getByLabel("Begrunnelse (fritekst, vises i brevet)").fill("Treningsavgiften er ikke behandling og dekkes ikke.");
    await first.getByRole("button", { name: "Fatt vedtak" }).click();
    await first.waitForURL(/sendt=forslag/);

    // --- the second pair of eyes, when the refund is above the limit (FOUR_EYES_ABOVE_NOK) ---
    const c2 = await newContext(browser);
    const second = await c2.newPage();
    second.setDefaultTimeout(20_000);
    await loginAsStaff(second, "Z990004");
    await first.getByTestId("proposal").filter({ hasText: "Z990001" }).waitFor();
    expect(await first.getByRole("button", { name: "Godkjenn avgjørelsen" }).count()).toBe(0);
    // the resident sees no decision yet
    await resident.goto(base);
    expect(await resident.getByTestId("status").textContent()).not.toBe(t("case.status.decided"));
    await second.goto(`/saksbehandling/sak/${id}`);
    expect(await second.getByTestId("abroad-proposal").textContent()).toContain(t("abroadDecision.outcome.partly-approved"));
    await second.getByRole("button", { name: "Godkjenn avgjørelsen" }).click();
    await second.waitForURL(/sendt=vedtak/);
    const decided = second.getByTestId("abroad-decision").first();
    await decided.filter({ hasText: "Z990001" }).waitFor();
    expect(await decided.textContent()).toContain("Z990004");
    expect(await decided.textContent()).toContain(t("abroadDecision.outcome.partly-approved"));
    expect(await second.getByTestId("abroad-payouts").textContent()).toContain(t("abroadPayout.status.pending"));
    expect((await rows(second, "staff-history")).at(-1)).toContain(t("staff.status.decided"));
    expect((await rows(second, "audit-trail")).some((r) => r.includes("Z990004") && r.includes("case.view"))).toBe(true);

    // the egenandeler deducted on the approved lines now count towards the resident's ceiling
    await resident.goto("/mine?ar=2024");
    expect(await resident.locator("main").textContent()).toContain(ABROAD_PROVIDER_NAME);
    expect(await resident.getByTestId("total-paid").textContent()).toMatch(/[1-9]/);

    // --- the payout run, from the console ---
    await second.getByRole("link", { name: t("staff.payouts.title") }).click();
    await second.waitForURL(/\/saksbehandling\/utbetalinger$/);
    expect(await second.getByTestId("payouts-pending").textContent()).toMatch(/Neste utbetaling: [1-9]\d* refusjoner/);
    await expectAccessible(second);
    await screenshot(second, "staff-payouts");
    const force = second.getByLabel(t("staff.payouts.force"));
    if (await force.count()) await force.check();
    await second.getByRole("button", { name: t("staff.payouts.run") }).click();
    await second.waitForURL(/betalt=/);
    await second
      .getByTestId("payout-run-result")
      .filter({ hasText: /Utbetalt [1-9]\d* betalinger \(refusjoner og tilbakebetalinger\)/ })
      .waitFor();
    expect(await second.getByTestId("payout-run-result").textContent()).toMatch(/pain001-[A-Z0-9]+\.xml/);
    await second.goto(`/saksbehandling/sak/${id}`);
    expect((await rows(second, "staff-history")).at(-1)).toContain(t("staff.status.paid"));

    // --- the resident sees it paid, and appeals ---
    await resident.goto(base);
    expect(await resident.getByTestId("status").textContent()).toBe(t("case.status.paid"));
    expect(await resident.getByTestId("abroad-paid").textContent()).toMatch(/^Utbetalt [\d\s]+,\d\d\skr den \d+\. \w+ 20\d\d$/);
    expect(await resident.getByTestId("case-openings").textContent()).toContain("Helfo saksbehandling");
    await expectAccessible(resident);
    await resident.getByLabel(t("case.appeal.text")).fill("Jeg mener jeg skulle fått mer tilbake.");
    await resident.getByRole("button", { name: t("case.appeal.send") }).click();
    await resident.waitForURL(/klage=1/);
    await resident
      .getByTestId("status")
      .filter({ hasText: t("case.status.appealed") })
      .waitFor();

    // --- the caseworker upholds the decision and sends the appeal on ---
    await first.goto(`/saksbehandling/sak/${id}`);
    expect((await rows(first, "staff-history")).at(-1)).toContain(t("staff.status.appealed"));
    await first.getByLabel(t("staff.decide.appeal-forward")).check();
    await first.getByLabel(t("staff.decide.reason"), { exact: true }).fill("Refusjonen er regnet ut etter norske satser; vedtaket er riktig.");
    await first.getByRole("button", { name: t("staff.decide.submit") }).click();
    await first.waitForURL(/sendt=vedtak/);
    await first
      .locator("dl")
      .first()
      .filter({ hasText: t("case.status.appeal-forwarded") })
      .waitFor();
    const history = await rows(first, "staff-history");
    for (const s of ["received", "decided", "paid", "appealed", "appeal-forwarded"] as const) expect(history.join("\n")).toContain(t(`staff.status.${s}`));
    await expectAccessible(first);

    // --- the resident reads both letters ---
    await resident.goto(base);
    expect(await resident.getByTestId("status").textContent()).toBe(t("case.status.appeal-forwarded"));
    const [vedtak] = await Promise.all([resident.waitForEvent("download"), resident.getByTestId("abroad-vedtak").first().click()]);
    const letter = await pdfText(readFileSync((await vedtak.path())!));
    expect(letter).toContain(`Vedtak i sak ${reference}`);
    expect(letter).toContain("refusjon for fysioterapi i utlandet");
    const [answer] = await Promise.all([resident.waitForEvent("download"), resident.getByTestId("abroad-appeal-letter").click()]);
    const appealLetter = await pdfText(readFileSync((await answer.path())!));
    expect(appealLetter).toContain(reference);
    expect(appealLetter).toContain("Refusjonen er regnet ut etter norske satser; vedtaket er riktig.");
    // the timeline the resident follows has a dated row for every step
    const timeline = await resident.getByTestId("timeline-step").evaluateAll((els) => els.filter((e) => e.getAttribute("data-reached") === "yes").length);
    expect(timeline).toBeGreaterThanOrEqual(3);
    // ...in the order it happened: the question before the answer, then the decision, the payout and the appeal
    const steps = (await resident.getByTestId("timeline-step").allTextContents()).map((x) => x.replace(/\s+/g, " "));
    let from = -1;
    for (const status of ["received", "more-info", "under-review", "decided", "paid", "appealed", "appeal-forwarded"] as const) {
      const at = steps.findIndex((x, i) => i > from && x.startsWith(t(`case.status.${status}`)));
      expect(at, status).toBeGreaterThan(from);
      from = at;
    }
    expect(steps.findIndex((x) => x.includes("Her er epikrisen."))).toBeGreaterThan(steps.findIndex((x) => x.includes("Send epikrisen fra fysioterapeuten.")));
    expect(steps.at(-1)).toContain(t("case.status.appeal-forwarded"));
    // every opening is in the audit log; the resident reads one line per unit and day, with how many times
    const openings = await rows(resident, "case-openings");
    expect(openings.length).toBeLessThanOrEqual(2);
    expect(openings.join(" ")).toMatch(/Saken ble åpnet \d+ ganger av Helfo saksbehandling, sist/);
    await screenshot(resident, "journey-resident-forwarded");

    await c1.close();
    await c2.close();
    await rctx.close();
  }, 300_000);
});
