/**
 * The caseworker console in the browser (ADR 0015): a resident reports a missing egenandel; a
 * caseworker logs in with a staff ident, finds it in the queue, takes it, sends the § 11 a
 * provisional answer and registers it with the keyboard; the resident sees the provisional answer,
 * the new status and that "Helfo saksbehandling" opened the case. Residents get 404 on staff pages,
 * a read-only staff member cannot decide, and a staff session ends on logout. axe on every page.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { mkdtempSync, readFileSync as readText } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pdfText } from "../support/pdf-read";
import { pain001Errors } from "../support/pain001-xsd";
import { fnrFor } from "../support/e2e-data";
import { baseUrl, expectAccessible, launch, loginAs, loginAsStaff, newContext, screenshot } from "./browser";
import type { IsoDate } from "~/kernel/types";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The first valid fødselsnummer for the birth date from this individual number on. */
const RESIDENT = fnrFor("1990-03-03", 455);
// A real 1×1 PNG (content-checked by the server).
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const get = (url: string, cookie: string) => fetch(`${baseUrl()}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });

/**
 * Waits until the case page shows `text` in its status list. With JavaScript on, Remix changes the URL after an action's
 * redirect before React has rendered the new page (the render runs in a transition), so `waitForURL` alone can read the
 * page as it was before — the old status. This waits for what the caseworker sees (and fails if it never comes).
 */
async function statusShows(page: Page, text: string): Promise<void> {
  await page.locator("dl").first().filter({ hasText: text }).waitFor();
}

async function cookieOf(page: Page, name: string): Promise<string> {
  const c = (await page.context().cookies(`${baseUrl()}/saksbehandling`)).find((x) => x.name === name);
  return c ? `${name}=${c.value}` : "";
}

async function reportMissing(page: Page, kroner = "275"): Promise<{ reference: string; caseUrl: string }> {
  await page.goto("/mine/manglende");
  await page.getByLabel("Behandler eller tjenesteyter").fill("Konsollgata legesenter");
  await page.getByLabel("Dato for behandlingen").fill("02.11.2026");
  await page.getByLabel("Hva betalte du for?").selectOption("lege");
  await page.getByLabel("Beløp i kroner").fill(kroner);
  await page.getByRole("button", { name: "Fortsett" }).click();
  await page.waitForURL(/\/kontroller$/);
  await page.getByRole("button", { name: "Send til Helfo" }).click();
  await page.waitForURL(/sendt=1/);
  const reference = (await page.getByTestId("reference").textContent()) ?? "";
  return { reference, caseUrl: new URL(page.url()).pathname };
}

describe("caseworker console", () => {
  it("takes a resident's report from the queue to a registered egenandel, with a provisional answer and an audit trail the resident sees", async () => {
    // --- the resident reports ---
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(15_000);
    await loginAs(resident, RESIDENT);
    await resident.waitForURL(/\/mine/);
    const { reference, caseUrl } = await reportMissing(resident);
    expect(reference).toMatch(/^FP-2026-/);
    const caseId = caseUrl.split("/").pop()!;
    // nothing of the console for a resident: every staff path answers 404, login and callback too
    const residentCookie = (await rctx.cookies())
      .filter((c) => c.name === "fp_session")
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    for (const path of [
      "/saksbehandling",
      "/saksbehandling.data",
      "/saksbehandling/ko",
      "/saksbehandling/ko.data",
      `/saksbehandling/sak/${caseId}`,
      `/saksbehandling/sak/${caseId}.data`,
      "/saksbehandling/logg-inn",
      "/saksbehandling/auth/start",
      "/saksbehandling/auth/callback?code=x&state=y",
    ]) {
      const res = await get(path, residentCookie);
      expect(res.status, `${path} for a resident`).toBe(404);
      expect(await res.text()).not.toContain(reference);
    }
    expect((await resident.goto("/saksbehandling"))!.status()).toBe(404);

    // --- a caseworker logs in and finds it ---
    const sctx = await newContext(browser);
    const staff = await sctx.newPage();
    staff.setDefaultTimeout(15_000);
    await loginAsStaff(staff, "Z990001");
    expect(await staff.getByTestId("staff-who").textContent()).toContain("Z990001");
    expect(await staff.getByTestId("staff-who").textContent()).toContain("saksbehandler");
    await expectAccessible(staff);
    await staff.getByLabel("Sakstype").selectOption("missing-egenandel");
    await staff.getByRole("button", { name: "Vis saker" }).click();
    await staff.waitForURL(/type=missing-egenandel/);
    const row = staff.getByTestId("queue-row").filter({ hasText: reference });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Skal sendes innen \d\d\.\d\d\.20\d\d/); // a month after receipt
    await screenshot(staff, "staff-queue");
    await row.getByRole("button", { name: `Ta saken ${reference}` }).click();
    await staff.getByTestId("queue-row").filter({ hasText: reference }).getByText("Deg", { exact: true }).waitFor();
    await staff.getByRole("link", { name: reference }).click();
    await staff.waitForURL(new RegExp(`/saksbehandling/sak/${caseId}$`));
    await staff.getByText("Konsollgata legesenter").waitFor();
    await expectAccessible(staff);

    // the provisional answer: a date in the past is refused next to the field, then it is sent
    await staff.getByLabel("Forventet dato for vedtak").fill("2026-11-01");
    await staff.getByRole("button", { name: "Send foreløpig svar" }).click();
    await staff.getByText("Datoen må være etter i dag.").waitFor();
    await expectAccessible(staff);
    await staff.getByLabel("Forventet dato for vedtak").fill("2027-01-15");
    await staff.getByRole("button", { name: "Send foreløpig svar" }).click();
    await staff.getByTestId("provisional-sent").waitFor();

    // decide with the keyboard only; rejecting without reasons is refused first
    await staff.getByLabel("Avslå").focus();
    await staff.keyboard.press("Space");
    await staff.keyboard.press("Tab");
    await staff.keyboard.press("Tab");
    await staff.keyboard.press("Enter");
    await staff.getByText("Skriv en begrunnelse.").waitFor();
    await expectAccessible(staff);
    await staff.getByLabel("Registrer egenandelen").focus();
    await staff.keyboard.press("Space");
    expect(await staff.getByLabel("Registrer egenandelen").isChecked()).toBe(true);
    await staff.getByRole("button", { name: "Lagre avgjørelsen" }).focus();
    await staff.keyboard.press("Enter");
    await staff.waitForURL(/sendt=vedtak/);
    await statusShows(staff, "Registrert");
    expect(await staff.getByTestId("audit-trail").textContent()).toContain("Z990001");
    await screenshot(staff, "staff-case");

    // --- the resident sees it all ---
    await resident.goto(caseUrl);
    expect(await resident.getByTestId("case-status").textContent()).toBe("Registrert");
    expect(await resident.getByTestId("provisional-answer").textContent()).toContain("15. januar 2027");
    const openings = (await resident.getByTestId("case-openings").textContent()) ?? "";
    expect(openings).toContain("Helfo saksbehandling");
    expect(openings).not.toContain("Z990001");
    expect(openings).not.toContain("Sara");
    await expectAccessible(resident);
    // the decision letter, in the resident's language, with the amount, the legal basis and the appeal deadline
    const [download] = await Promise.all([resident.waitForEvent("download"), resident.getByTestId("vedtak-link").click()]);
    const letter = await pdfText(readFileSync((await download.path())!));
    expect(letter).toContain(`Vedtak i sak ${reference}`);
    expect(letter).toContain("Helfo har registrert egenandelen");
    expect(letter).toContain("Konsollgata legesenter");
    expect(letter).toContain("275,00 kr");
    expect(letter).toContain("folketrygdloven § 22-13");
    expect(letter).toMatch(/klage på vedtaket innen 6 uker fra du mottok det, det vil si senest \d+\. \w+ 20\d\d/);
    // the resident appeals within six weeks; an empty appeal is refused next to the field
    await resident.getByRole("button", { name: "Send klagen" }).click();
    await resident.getByText("Skriv klagen eller legg ved en fil.").waitFor();
    await expectAccessible(resident);
    await resident.getByLabel("Klagen din").fill("Beløpet er feil, jeg betalte 375 kroner.");
    await resident.getByRole("button", { name: "Send klagen" }).click();
    await resident.waitForURL(/klage=1/);
    expect(await resident.getByTestId("case-status").textContent()).toBe("Klage mottatt");
    expect(await resident.getByTestId("vedtak-link").count()).toBe(1); // the letter stays

    // the caseworker finds the appeal in the queue, with the history, and sends it on to the appeal body
    await staff.goto("/saksbehandling/ko?status=appealed");
    await staff.getByRole("link", { name: reference }).click();
    expect(await staff.getByTestId("staff-history").textContent()).toContain("Beløpet er feil");
    await staff.getByLabel("Oppretthold vedtaket og send saken til klageinstansen").check();
    await staff.getByLabel("Begrunnelse").fill("Kvitteringen viser 275 kroner.");
    await staff.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await staff.waitForURL(/sendt=vedtak/);
    await statusShows(staff, "Sendt til klageinstansen");
    await resident.goto(caseUrl);
    expect(await resident.getByTestId("case-status").textContent()).toBe("Sendt til klageinstansen");
    // with a letter about the appeal: upheld and sent to the appeal body
    const [appealLetter] = await Promise.all([resident.waitForEvent("download"), resident.getByTestId("appeal-letter-link").click()]);
    const appealText = await pdfText(readFileSync((await appealLetter.path())!));
    expect(appealText).toContain(`Svar på klagen din i sak ${reference}`);
    expect(appealText).toContain("Helseklage");
    expect(appealText).toContain("Kvitteringen viser 275 kroner.");

    await resident.goto("/mine/meldinger");
    await resident.getByText(`Foreløpig svar i sak ${reference}`).waitFor();
    // the decision's message links to the same letter
    const [fromInbox] = await Promise.all([resident.waitForEvent("download"), resident.getByTestId("inbox-vedtak").first().click()]);
    expect(await pdfText(readFileSync((await fromInbox.path())!))).toContain(`Vedtak i sak ${reference}`);
    await resident.goto("/mine?ar=2026");
    expect(await resident.locator("body").textContent()).toContain("Konsollgata legesenter");

    // --- the staff cookie gives nothing of a resident's pages ---
    const staffCookie = await cookieOf(staff, "fp_staff");
    expect(staffCookie).not.toBe("");
    for (const path of ["/mine", "/mine/saker", caseUrl, "/mine/meldinger"]) {
      const res = await get(path, staffCookie);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/logg-inn\?/);
    }
    // logout ends the row: the same cookie no longer opens the console
    await staff.goto("/saksbehandling");
    expect(staff.url()).toMatch(/\/saksbehandling\/ko$/);
    await staff.getByRole("button", { name: "Logg ut" }).click();
    await staff.waitForLoadState();
    const after = await get("/saksbehandling/ko", staffCookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/saksbehandling\/logg-inn/);
    await sctx.close();
    await rctx.close();
  }, 120_000);

  it("grants a reserved resident's frikort application: the resident sees the frikort and its proof, and a provider's lookup says frikort", async () => {
    const fnr = fnrFor("1985-08-08", 300);
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(15_000);
    await loginAs(resident, fnr);
    await resident.waitForURL(/\/mine/);
    await resident.goto("/mine/reservasjon");
    await resident.getByLabel("Jeg har lest hva en reservasjon betyr, og vil reservere meg").check();
    await resident.getByRole("button", { name: "Reserver meg" }).click();
    await resident.waitForURL(/sendt=1/);
    await resident.goto("/mine/frikort-soknad");
    for (const [provider, date, type, kroner] of [
      ["Storgata legesenter", "01.03.2026", "lege", "2000"],
      ["Psykolog Berg", "10.06.2026", "psykolog", "1500"],
    ] as const) {
      await resident.getByLabel("Behandler eller tjenesteyter").fill(provider);
      await resident.getByLabel("Dato for behandlingen").fill(date);
      await resident.getByLabel("Hva betalte du for?").selectOption(type);
      await resident.getByLabel("Beløp i kroner").fill(kroner);
      await resident.getByRole("button", { name: "Legg til kvittering" }).click();
      await resident.getByRole("cell", { name: provider, exact: true }).waitFor();
    }
    await resident.getByRole("button", { name: "Fortsett" }).click();
    await resident.waitForURL(/kontroller/);
    await resident.getByRole("button", { name: "Send til Helfo" }).click();
    await resident.waitForURL(/sendt=1/);
    const caseId = new URL(resident.url()).pathname.split("/").pop()!;
    const status = async () =>
      (
        await fetch(`${baseUrl()}/api/v1/frikort/status`, {
          method: "POST",
          headers: { Authorization: `Bearer ${inject("keys").full}`, "Content-Type": "application/json" },
          body: JSON.stringify({ fnr, date: "2026-06-11", serviceType: "lege" }),
        })
      ).json();
    expect(await status()).toEqual({ status: "ukjent" });

    // --- the caseworker sees what approving grants, and grants it ---
    const sctx = await newContext(browser);
    const staff = await sctx.newPage();
    staff.setDefaultTimeout(15_000);
    await loginAsStaff(staff, "Z990001");
    await staff.goto(`/saksbehandling/sak/${caseId}`);
    expect(await staff.getByTestId("application-would-grant").textContent()).toContain("Godkjenning gir frikort fra 10.06.2026");
    expect(await staff.getByTestId("application-deadline").textContent()).toBe("Søknaden kom innen fristen (10.12.2026).");
    await staff.getByText("Innbyggeren er reservert mot lagring.").waitFor();
    await expectAccessible(staff);
    await staff.getByLabel("Innvilg").check();
    await staff.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    // the receipts add up to more than the e2e server's four-eyes limit (FOUR_EYES_ABOVE_NOK=500): a second caseworker approves
    await staff.waitForURL(/sendt=forslag/);
    const second = await (await newContext(browser)).newPage();
    second.setDefaultTimeout(15_000);
    await loginAsStaff(second, "Z990004");
    await second.goto(`/saksbehandling/sak/${caseId}`);
    await second.getByRole("button", { name: "Godkjenn avgjørelsen" }).click();
    await second.waitForURL(/sendt=vedtak/);
    await staff.goto(`/saksbehandling/sak/${caseId}`);
    expect(await staff.getByTestId("application-granted").textContent()).toMatch(/Frikort innvilget fra 10\.06\.2026.*222,00/);
    await expectAccessible(staff);
    await screenshot(staff, "staff-frikort-application-granted");

    // --- the resident has a frikort, a proof with a code, and a PDF of it ---
    await resident.goto("/mine?ar=2026");
    await resident.getByText("Du har frikort fra 10. juni 2026.").waitFor();
    await resident.getByTestId("granted-by-application").waitFor();
    // the refund of what was paid above the ceiling (3 500 − 3 278 kr) stands as a payout
    expect(await resident.getByTestId("payouts").textContent()).toContain("222,00");
    await expectAccessible(resident);
    await resident.goto("/mine/frikortbevis?ar=2026");
    const code = (await resident.getByTestId("proof-felles").getByTestId("proof-code").textContent())!;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    const pdf = await resident.request.get("/mine/frikortbevis.pdf?ar=2026");
    expect(pdf.status()).toBe(200);
    expect(await pdfText(Buffer.from(await pdf.body()))).toContain(code);
    // --- and a provider's status lookup says frikort from that day ---
    expect(await status()).toEqual({ status: "frikort", validFrom: "2026-06-10", basis: "egenandelstak" });
    await sctx.close();
    await rctx.close();
  });

  it("a caseworker sets a date of death with a reason, and approves a claim line held for control; both are logged", async () => {
    const fnr = fnrFor("1950-05-05", 310);
    const regning = (claimId: string, lines: Array<{ takst: string; date: IsoDate }>) =>
      fetch(`${baseUrl()}/api/v1/regninger`, {
        method: "POST",
        headers: { Authorization: `Bearer ${inject("keys").full}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          claimId,
          fnr,
          therapist: { hprNumber: "7123456", name: "Kari Kontroll" },
          paid: true,
          lines: lines.map((l) => ({ ...l, startTime: "10:00", minutes: 30, groupSize: null })),
        }),
      });
    // four examinations, then a fifth: held for control
    expect(
      (
        await regning(
          `e2e-held-a-${fnr}`,
          (["2026-01-05", "2026-02-02", "2026-03-02", "2026-04-06"] as IsoDate[]).map((date) => ({ takst: "A1a", date })),
        )
      ).status,
    ).toBe(201);
    const held = await regning(`e2e-held-b-${fnr}`, [{ takst: "A1a", date: "2026-05-04" }]);
    expect(((await held.json()) as { outcome: string }).outcome).toBe("til-kontroll");

    const sctx = await newContext(browser);
    const staff = await sctx.newPage();
    staff.setDefaultTimeout(15_000);
    await loginAsStaff(staff, "Z990001");

    // --- the date of death: found by number (posted, never in the address), a reason is required ---
    await staff.getByRole("link", { name: "Personopplysninger" }).click();
    await staff.getByLabel("Fødselsnummer eller D-nummer (11 siffer)").fill("123");
    await staff.getByRole("button", { name: "Finn personen" }).click();
    await staff.getByText("Skriv et gyldig fødselsnummer eller D-nummer med 11 siffer.").waitFor();
    await expectAccessible(staff);
    await staff.getByLabel("Fødselsnummer eller D-nummer (11 siffer)").fill(fnr);
    await staff.getByRole("button", { name: "Finn personen" }).click();
    await staff.waitForURL(/\/saksbehandling\/person\/[0-9a-f-]{36}$/);
    expect(staff.url()).not.toContain(fnr);
    await staff.getByLabel("Dødsdato").fill("2026-06-01");
    await staff.getByRole("button", { name: "Lagre" }).click();
    await staff.getByText("Skriv en begrunnelse.").waitFor();
    await expectAccessible(staff);
    await staff.getByLabel("Begrunnelse (kilde for opplysningen)").fill("Melding fra Folkeregisteret");
    await staff.getByRole("button", { name: "Lagre" }).click();
    await staff.waitForURL(/lagret=1/);
    expect(await staff.getByTestId("died-on").textContent()).toBe("01.06.2026");
    expect(await staff.getByTestId("person-changes").textContent()).toContain("Melding fra Folkeregisteret");
    await expectAccessible(staff);
    await screenshot(staff, "staff-person");
    // a claim for a treatment after that date is rejected at receipt
    const after = await regning(`e2e-held-c-${fnr}`, [{ takst: "A2c", date: "2026-06-10" }]);
    expect(((await after.json()) as { outcome: string }).outcome).toBe("avvist");

    // --- the held line: approved with a reason ---
    await staff.getByRole("link", { name: "Regninger til kontroll" }).click();
    const card = staff.getByTestId("held-line").filter({ hasText: `Regning e2e-held-b-${fnr}, linje 1` });
    await card.waitFor();
    expect(await card.textContent()).toContain("Flere undersøkelser av pasienten i år enn regelen tillater.");
    await expectAccessible(staff);
    await card.getByLabel("Godkjenn linjen").check();
    await card.getByRole("button", { name: "Lagre vurderingen" }).click();
    await staff.getByText("Skriv en begrunnelse.").first().waitFor();
    const again = staff.getByTestId("held-line").filter({ hasText: `Regning e2e-held-b-${fnr}, linje 1` });
    await again.getByLabel("Godkjenn linjen").check();
    await again.getByLabel("Begrunnelse").fill("Journal viser ny skade");
    await again.getByRole("button", { name: "Lagre vurderingen" }).click();
    await staff.waitForURL(/vurdert=godkjent/);
    await staff.getByText("Linjen er godkjent. Egenandelen er registrert.").waitFor();
    expect(
      await staff
        .getByTestId("held-line")
        .filter({ hasText: `Regning e2e-held-b-${fnr}` })
        .count(),
    ).toBe(0);
    await expectAccessible(staff);
    // the provider's claim now answers as approved
    const retry = await regning(`e2e-held-b-${fnr}`, [{ takst: "A1a", date: "2026-05-04" }]);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { outcome: string }).outcome).toBe("godkjent");
    await sctx.close();
  });

  it("asks the resident for more information; the resident answers with text and a file on the case, and it is back in the queue", async () => {
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(15_000);
    await loginAs(resident, fnrFor("1991-04-04", 456));
    await resident.waitForURL(/\/mine/);
    const { reference, caseUrl } = await reportMissing(resident);
    const caseId = caseUrl.split("/").pop()!;

    const sctx = await newContext(browser, { javaScriptEnabled: false });
    const staff = await sctx.newPage();
    staff.setDefaultTimeout(15_000);
    await loginAsStaff(staff, "Z990004");
    await staff.goto(`/saksbehandling/sak/${caseId}`);
    await staff.getByLabel("Be om flere opplysninger").check();
    await staff.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await staff.getByText("Skriv en begrunnelse.").waitFor();
    await staff.getByLabel("Be om flere opplysninger").check();
    await staff.getByLabel("Begrunnelse").fill("Send oss kvitteringen for timen 2. november.");
    await staff.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await staff.waitForURL(/sendt=vedtak/);
    await statusShows(staff, "Venter på opplysninger");

    // the resident sees the question on the case; an empty answer is refused next to the field
    await resident.goto(caseUrl);
    expect(await resident.getByTestId("more-info-question").textContent()).toContain("Send oss kvitteringen");
    await expectAccessible(resident);
    await resident.getByRole("button", { name: "Send svaret" }).click();
    await resident.getByText("Skriv et svar eller legg ved en fil.").waitFor();
    await expectAccessible(resident);
    await resident.getByLabel("Svaret ditt").fill("Her er kvitteringen.");
    await resident.getByLabel("Vedlegg (valgfritt)").setInputFiles({ name: "kvittering.png", mimeType: "image/png", buffer: PNG });
    await resident.getByRole("button", { name: "Send svaret" }).click();
    await resident.waitForURL(/svar=1/);
    // with JavaScript the URL changes before the new page is drawn: wait for the status, then read it
    await resident.getByTestId("case-status").filter({ hasText: "Under behandling" }).waitFor();
    expect(await resident.getByTestId("case-status").textContent()).toBe("Under behandling");
    expect(await resident.getByTestId("more-info-question").count()).toBe(0);
    expect(await resident.getByTestId("history").textContent()).toContain("Her er kvitteringen.");
    await resident.goto("/mine/meldinger");
    await resident.getByText(`Saken din ${reference} har fått ny status: Trenger mer informasjon.`).waitFor();

    // back in the caseworker's queue, with the answer and the file
    await staff.goto("/saksbehandling/ko?status=under-review");
    expect(await staff.getByTestId("queue-row").filter({ hasText: reference }).count()).toBe(1);
    await staff.goto(`/saksbehandling/sak/${caseId}`);
    expect(await staff.getByTestId("staff-history").textContent()).toContain("Her er kvitteringen.");
    const href = (await staff.getByTestId("history-upload").getAttribute("href"))!;
    const file = await fetch(`${baseUrl()}${href}`, { headers: { Cookie: await cookieOf(staff, "fp_staff") } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    // a resident cannot fetch it through the console
    expect(
      (
        await get(
          href,
          (await rctx.cookies())
            .filter((c) => c.name === "fp_session")
            .map((c) => `${c.name}=${c.value}`)
            .join("; "),
        )
      ).status,
    ).toBe(404);
    await staff.reload();
    expect(await staff.getByTestId("audit-trail").textContent()).toContain("case.document");
    await sctx.close();
    await rctx.close();
  });

  it("needs a second caseworker for a registration above the four-eyes limit; the proposer cannot approve it", async () => {
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(15_000);
    await loginAs(resident, fnrFor("1992-05-05", 457));
    await resident.waitForURL(/\/mine/);
    const { reference, caseUrl } = await reportMissing(resident, "6000");
    const caseId = caseUrl.split("/").pop()!;
    const first = await (await newContext(browser)).newPage();
    first.setDefaultTimeout(15_000);
    await loginAsStaff(first, "Z990001");
    await first.goto(`/saksbehandling/sak/${caseId}`);
    await first.getByLabel("Registrer egenandelen").check();
    await first.getByRole("button", { name: "Lagre avgjørelsen" }).click();
    await first.waitForURL(/sendt=forslag/);
    expect(await first.getByTestId("proposal").textContent()).toContain("Z990001");
    expect(await first.getByRole("button", { name: "Godkjenn avgjørelsen" }).count()).toBe(0);
    await expectAccessible(first);
    // not even by a forged post
    const csrf = (await first.locator('input[name="csrf"]').first().getAttribute("value"))!;
    const forged = await fetch(first.url(), {
      method: "POST",
      headers: { Cookie: await cookieOf(first, "fp_staff"), Origin: baseUrl() },
      body: new URLSearchParams({ csrf, intent: "approve" }),
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    // the resident sees no decision yet
    await resident.goto(caseUrl);
    expect(await resident.getByTestId("case-status").textContent()).toBe("Mottatt");

    const second = await (await newContext(browser)).newPage();
    second.setDefaultTimeout(15_000);
    await loginAsStaff(second, "Z990004");
    await second.goto(`/saksbehandling/sak/${caseId}`);
    await second.getByRole("button", { name: "Godkjenn avgjørelsen" }).click();
    await second.waitForURL(/sendt=vedtak/);
    await statusShows(second, "Registrert");
    expect(await second.getByTestId("staff-history").textContent()).toContain("Z990001+Z990004");
    await resident.goto(caseUrl);
    expect(await resident.getByTestId("case-status").textContent()).toBe("Registrert");
    expect(reference).toMatch(/^FP-/);
    await first.context().close();
    await second.context().close();
    await rctx.close();
  });

  it("decides a refund claim abroad per line: a part approval, a second caseworker approves, the resident reads the decision and its letter, and the payout run pays it", async () => {
    const { fnr, applicationId, reference } = inject("abroadCase");
    const sctx = await newContext(browser);
    const first = await sctx.newPage();
    first.setDefaultTimeout(15_000);
    await loginAsStaff(first, "Z990001");
    await first.goto(`/saksbehandling/sak/${applicationId}`);
    const lines = await first.getByTestId("decision-line").count();
    expect(lines).toBe(8);
    // nothing chosen: told next to each line, nothing decided
    await first.getByRole("button", { name: "Fatt vedtak" }).click();
    await first.getByText("Velg et resultat for hver linje.").first().waitFor();
    await expectAccessible(first);
    await first.locator("#o-0-0-approve-part").check();
    await first.locator("#a-0-0").fill("5,00");
    await first.locator("#r-0-0-amount-not-paid").check();
    for (let i = 1; i < lines; i++) await first.locator(`#o-0-${i}-approve`).check();
    await first.getByLabel("Begrunnelse (fritekst, vises i brevet)").fill("Kvitteringen viser at du betalte 5 euro for den første behandlingen.");
    await first.getByRole("button", { name: "Fatt vedtak" }).focus();
    await first.keyboard.press("Enter");
    await first.waitForURL(/sendt=forslag/);
    expect(await first.getByTestId("proposal").textContent()).toContain("Z990001");
    expect(await first.getByRole("button", { name: "Godkjenn avgjørelsen" }).count()).toBe(0);
    await expectAccessible(first);

    // the second caseworker approves: the decision is made, with both idents
    const second = await (await newContext(browser)).newPage();
    second.setDefaultTimeout(15_000);
    await loginAsStaff(second, "Z990004");
    await second.goto(`/saksbehandling/sak/${applicationId}`);
    // what the second caseworker approves: the proposal recomputed, per line
    const proposal = (await second.getByTestId("abroad-proposal").textContent()) ?? "";
    expect(proposal).toContain("Delvis innvilget");
    expect(proposal).toContain("Delvis godkjent (5.00 EUR)");
    await second.getByRole("button", { name: "Godkjenn avgjørelsen" }).click();
    await second.waitForURL(/sendt=vedtak/);
    const decided = (await second.getByTestId("abroad-decision").first().textContent()) ?? "";
    expect(decided).toContain("Delvis innvilget");
    expect(decided).toContain("Z990001");
    expect(decided).toContain("Z990004");
    expect(await second.getByTestId("abroad-payouts").textContent()).toContain("venter på utbetaling");
    await expectAccessible(second);
    await screenshot(second, "staff-abroad-decided");

    // the resident sees the decision per line and reads the letter
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(15_000);
    await loginAs(resident, fnr);
    await resident.waitForURL(/\/mine/);
    await resident.goto(`/mine/utland/${applicationId}`);
    expect(await resident.getByTestId("status").textContent()).toBe("Vedtak fattet");
    const shown = (await resident.getByTestId("abroad-decision").textContent()) ?? "";
    expect(shown).toContain("Delvis innvilget");
    expect(shown).toContain("Delvis godkjent (5.00 EUR)");
    expect(shown).toContain("Du har ikke betalt hele beløpet selv.");
    // recomputed on 5 euro: less than the egenandel, so that line refunds nothing
    expect(await resident.getByTestId("abroad-decision-line").first().textContent()).toMatch(/0,00\s?kr$/);
    expect(await resident.getByTestId("abroad-payout-pending").count()).toBe(1);
    // when to expect it: the next payout run by the dated rhythm, and that the rhythm is uncertain (issue 18 item 5)
    expect(await resident.getByTestId("abroad-payout-pending").textContent()).toMatch(
      / blir utbetalt, trolig \d{1,2}\. \p{L}+ \d{4}\. Vi vet ikke sikkert fra hvilken dato Helfo betaler slik\.$/u,
    );
    await expectAccessible(resident);
    const [download] = await Promise.all([resident.waitForEvent("download"), resident.getByTestId("abroad-vedtak").first().click()]);
    const letter = await pdfText(readFileSync((await download.path())!));
    expect(letter).toContain(`Vedtak i sak ${reference}`);
    expect(letter).toContain("innvilget søknaden din om refusjon for fysioterapi i utlandet delvis");
    expect(letter).toContain("5.00 EUR");
    expect(letter).toContain("forskrift 22.11.2010 nr. 1466");
    expect(letter).toContain("§ 5-24 a");
    expect(letter).toMatch(/klage på vedtaket innen 6 uker fra du mottok det, det vil si senest \d+\. \w+ 20\d\d/);
    // the decision's inbox message links the letter
    await resident.goto("/mine/meldinger");
    expect(await resident.getByTestId("inbox-vedtak").count()).toBeGreaterThan(0);
    await resident.goto(`/mine/utland/${applicationId}`);

    // the payout run (the operations command; the test reaches the server's database on PostgreSQL, PGlite is owned by the server)
    const databaseUrl = inject("databaseUrl");
    if (databaseUrl) {
      const { openDatabase } = await import("~/db/client.server");
      const { runPayoutFile } = await import("~/services/payout-file.server");
      const database = await openDatabase({ kind: "postgres", url: databaseUrl });
      try {
        const dir = mkdtempSync(path.join(tmpdir(), "fp-e2e-pain-"));
        const run = await runPayoutFile(database.db, {
          paidOn: "2026-11-24",
          fileDir: dir,
          debtor: { name: "Helfo", orgnr: "983544622", iban: "NO9386011117947", bic: "DNBANOKKXXX" },
        });
        const xml = readText(run.file!, "utf8");
        expect(await pain001Errors(xml)).toEqual([]);
        expect(xml).toContain("<IBAN>ES9121000418450200051332</IBAN>");
      } finally {
        await database.close();
      }
      await resident.reload();
      expect(await resident.getByTestId("status").textContent()).toBe("Utbetalt");
      expect(await resident.getByTestId("abroad-paid").textContent()).toMatch(/^Utbetalt [\d\s]+,\d\d\skr den 24\. november 2026$/);
      await expectAccessible(resident);
    }
    await sctx.close();
    await rctx.close();
  }, 150_000);

  it("shows a read-only staff member the case without a decision form and refuses their decision, without JavaScript", async () => {
    const ctx = await newContext(browser, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    // (axe needs JavaScript: the same pages are checked with it in the first test)
    await loginAsStaff(page, "Z990003");
    await page.getByLabel("Status").selectOption("all");
    await page.getByRole("button", { name: "Vis saker" }).click();
    await page.waitForURL(/status=all/);
    expect(await page.getByRole("button", { name: /^Ta saken/ }).count()).toBe(0);
    await page.getByTestId("queue-row").first().getByRole("link").click();
    await page.waitForURL(/\/saksbehandling\/sak\//);
    expect(await page.getByRole("button", { name: "Lagre avgjørelsen" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Send foreløpig svar" }).count()).toBe(0);
    const csrf = (await page.locator('input[name="csrf"]').first().getAttribute("value"))!;
    const res = await fetch(page.url(), {
      method: "POST",
      headers: { Cookie: await cookieOf(page, "fp_staff"), Origin: baseUrl() },
      body: new URLSearchParams({ csrf, intent: "decide", status: "rejected", reason: "x" }),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    await ctx.close();
  });

  it("refuses an unknown staff ident at the provider and sends the login back with a clear message", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto("/saksbehandling");
    expect(page.url()).toContain("/saksbehandling/logg-inn?returnTo=%2Fsaksbehandling%2Fko");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Logg inn med ansattkonto" }).click();
    await page.getByLabel("Ansattident").fill("Z123456");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.getByText("Ukjent ansattident").waitFor();
    await ctx.close();
  });
});
