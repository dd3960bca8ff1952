import { readFileSync } from "node:fs";
import { createCookieSessionStorage } from "@remix-run/node";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, expectAccessible, launch, loginAs, newContext, screenshot } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("login, session and logout", () => {
  it("rejects a fødselsnummer with wrong control digits with a clear message next to the field", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/auth/start");
    await page.getByLabel("Fødselsnummer").fill("12345678901");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.getByText("Fødselsnummeret er ikke gyldig. Sjekk at du har skrevet det riktig.").waitFor({ timeout: 15_000 });
    expect(await page.getByLabel("Fødselsnummer").inputValue()).toBe("12345678901");
    expect(await page.getByLabel("Fødselsnummer").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await ctx.close();
  });

  it("sends a visitor who is not logged in to a login page, and back to where they were going", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/mine?ar=2019");
    await page.getByText("Du må være logget inn for å se denne siden.").waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await page.getByRole("button", { name: "Logg inn med ID-porten" }).click();
    await page.getByLabel("Fødselsnummer").fill(inject("residents").physio2019);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL(/\/mine\?ar=2019$/);
    await page.getByText("Du har frikort fra 7. mars 2019.").waitFor({ timeout: 15_000 });
    await ctx.close();
  });

  it("never sends a freshly logged-in resident to another host, whatever returnTo says", async () => {
    // A tab or newline is dropped by the browser's URL parser, so "/\t/host" is "//host": another host.
    // %0a used to reach the Location header and give a 500 after login.
    for (const returnTo of ["/%09/evil.example/phish", "/%0a/evil.example", "/%5cevil.example", "//evil.example", "https://evil.example/"]) {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      const asked: string[] = [];
      page.on("request", (r) => asked.push(new URL(r.url()).host));
      await page.goto(`/logg-inn?returnTo=${returnTo}`);
      await page.getByRole("button", { name: "Logg inn med ID-porten" }).click();
      await page.getByLabel("Fødselsnummer").fill(inject("residents").other);
      const [callback] = await Promise.all([page.waitForResponse((r) => r.url().includes("/auth/callback")), page.getByRole("button", { name: "Logg inn" }).click()]);
      expect(callback.status(), returnTo).toBe(302);
      expect(callback.headers()["location"], returnTo).toBe("/mine");
      await page.waitForURL((u) => u.pathname === "/mine", { timeout: 15_000 });
      expect(new URL(page.url()).origin).toBe(baseUrl());
      expect(
        asked.filter((h) => h.includes("evil.example")),
        returnTo,
      ).toEqual([]);
      await ctx.close();
    }
  });

  it("refuses a login below security level high", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").other, { acr: "substantial" });
    await page.getByRole("heading", { name: "Innloggingen kunne ikke fullføres" }).waitFor({ timeout: 15_000 });
    await page.getByText(/krever innlogging på sikkerhetsnivå høyt/).waitFor({ timeout: 15_000 });
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === "fp_session")).toBeUndefined();
    await expectAccessible(page);
    await screenshot(page, "login-failed-acr");
    await ctx.close();
  });

  it("does not accept a replayed authorization response", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    let callback = "";
    page.on("request", (r) => {
      if (r.url().includes("/auth/callback")) callback = r.url();
    });
    await loginAs(page, inject("residents").other);
    await page.waitForURL(/\/mine/);
    expect(callback).toContain("state=");
    const replay = await newContext(browser);
    const p2 = await replay.newPage();
    const res = await p2.goto(callback);
    expect(res?.status()).toBe(400);
    await p2.getByText(/Innloggingen var utløpt eller allerede brukt/).waitFor({ timeout: 15_000 });
    // the same browser replaying it is refused too (the one-time login cookie is gone)
    const res2 = await page.goto(callback);
    expect(res2?.status()).toBe(400);
    await replay.close();
    await ctx.close();
  });

  it("treats a tampered session cookie as logged out, with a clear message", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").other);
    await page.waitForURL(/\/mine/);
    const cookie = (await ctx.cookies()).find((c) => c.name === "fp_session")!;
    const flipped = cookie.value.slice(0, 10) + (cookie.value[10] === "A" ? "B" : "A") + cookie.value.slice(11);
    await ctx.addCookies([{ ...cookie, value: flipped }]);
    await page.goto("/mine");
    await page.waitForURL(/\/logg-inn\?grunn=invalid/);
    await page.getByText(/Vi kunne ikke bekrefte økten din/).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await ctx.close();
  });

  it("expires sessions", async () => {
    const secret = inject("sessionSecret");
    const storage = createCookieSessionStorage({ cookie: { name: "fp_session", secrets: [secret], path: "/", httpOnly: true, sameSite: "lax" } });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").other);
    await page.waitForURL(/\/mine/);
    const real = (await ctx.cookies()).find((c) => c.name === "fp_session")!;
    const session = await storage.getSession(`fp_session=${real.value}`);
    expect(session.get("personId")).toBeTruthy();
    session.set("expiresAt", Date.now() - 1000);
    const header = await storage.commitSession(session);
    const value = header.split(";")[0]!.split("=").slice(1).join("=");
    await ctx.addCookies([{ ...real, value }]);
    await page.goto("/mine");
    await page.waitForURL(/grunn=expired/);
    await page.getByText("Økten din er utløpt. Logg inn på nytt for å fortsette.").waitFor({ timeout: 15_000 });
    await ctx.close();
  });

  it("logs out of both the portal and the ID provider", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").other);
    await page.waitForURL(/\/mine/);
    await page.getByRole("button", { name: "Logg ut" }).click();
    await page.waitForURL(/\/logget-ut/);
    await page.getByRole("heading", { name: "Du er logget ut" }).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await page.goto("/mine");
    await page.waitForURL(/grunn=required/);
    // the provider's session is gone too: logging in asks for the number again
    await page.goto("/auth/start");
    await page.getByLabel("Fødselsnummer").waitFor({ timeout: 15_000 });
    await ctx.close();
  });

  it("ends the session on the server at logout: a copy of the cookie taken before gets the login page", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").other);
    await page.waitForURL(/\/mine/);
    const copied = (await ctx.cookies()).find((c) => c.name === "fp_session")!;
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    await page.getByRole("button", { name: "Logg ut" }).click();
    await page.waitForURL(/\/logget-ut/);
    // the end-session request names the client, not the person: no id_token (it carries the fødselsnummer) in any URL
    expect(urls.some((u) => u.includes("/idp/session/end"))).toBe(true);
    expect(urls.filter((u) => /id_token_hint|eyJ/.test(u))).toEqual([]);
    expect(urls.filter((u) => u.includes(inject("residents").other))).toEqual([]);

    const thief = await newContext(browser);
    await thief.addCookies([copied]);
    const p2 = await thief.newPage();
    await p2.goto("/mine");
    await p2.waitForURL(/\/logg-inn\?grunn=/);
    await p2.getByRole("button", { name: "Logg inn med ID-porten" }).waitFor({ timeout: 15_000 });
    // nor does it open a PDF, a Remix data request or a form post
    const cookie = `fp_session=${copied.value}`;
    for (const path of ["/mine/oversikt.pdf", "/mine/frikortbevis.pdf", "/mine.data", "/mine/kontonummer"]) {
      const res = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      const body = await res.text();
      expect(body, path).not.toContain("Annen Testperson");
      if (path.endsWith(".data")) {
        // single fetch answers a redirect with 202 and the target in the body
        expect(res.status, path).toBe(202);
        expect(body, path).toContain("/logg-inn?grunn=");
      } else {
        expect(res.status, path).toBe(302);
        expect(res.headers.get("location"), path).toMatch(/^\/logg-inn\?grunn=/);
      }
    }
    await thief.close();
    await ctx.close();
  });

  it("ends the resident's earlier sessions when they log in again, here or in another browser", async () => {
    const fnr = inject("residents").other;
    const first = await newContext(browser);
    const p1 = await first.newPage();
    await loginAs(p1, fnr);
    await p1.waitForURL(/\/mine/);
    const c1 = (await first.cookies()).find((c) => c.name === "fp_session")!;
    // the same browser logs in again (no logout in between): the old cookie's session is over
    await p1.goto("/auth/start");
    await p1.waitForURL(/\/mine/);
    const c2 = (await first.cookies()).find((c) => c.name === "fp_session")!;
    expect(c2.value).not.toBe(c1.value);
    const asCookie = (c: { value: string }) => ({ Cookie: `fp_session=${c.value}` });
    expect((await fetch(`${baseUrl()}/mine`, { headers: asCookie(c1), redirect: "manual" })).status).toBe(302);
    expect((await fetch(`${baseUrl()}/mine`, { headers: asCookie(c2), redirect: "manual" })).status).toBe(200);
    // another browser logs in as the same person: the first browser's session ends too
    const second = await newContext(browser);
    const p2 = await second.newPage();
    await loginAs(p2, fnr);
    await p2.waitForURL(/\/mine/);
    expect((await fetch(`${baseUrl()}/mine`, { headers: asCookie(c2), redirect: "manual" })).status).toBe(302);
    await p1.goto("/mine");
    await p1.waitForURL(/\/logg-inn/);
    await p2.goto("/mine");
    expect(new URL(p2.url()).pathname).toBe("/mine");
    await first.close();
    await second.close();
  });

  it("keeps only ids in the session cookie: no name, no fødselsnummer, no id_token", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").physio2019);
    await page.waitForURL(/\/mine/);
    await page.getByText("Test Fysiosen").first().waitFor({ timeout: 15_000 });
    const cookie = (await ctx.cookies()).find((c) => c.name === "fp_session")!;
    const storage = createCookieSessionStorage({ cookie: { name: "fp_session", secrets: [inject("sessionSecret")] } });
    const session = await storage.getSession(`fp_session=${cookie.value}`);
    expect(Object.keys(session.data).sort()).toEqual(["csrf", "expiresAt", "personId", "sid"]);
    const readable = Buffer.from(decodeURIComponent(cookie.value).split(".")[0]!, "base64").toString("utf8");
    expect(readable).not.toMatch(/Fysiosen|idToken|eyJ/);
    expect(readable).not.toContain(inject("residents").physio2019);
    await ctx.close();
  });

  it("refuses a logout posted without the form's CSRF token", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").other);
    await page.waitForURL(/\/mine/);
    const res = await page.request.post("/logg-ut", { form: { csrf: "wrong" } });
    expect(res.status()).toBe(403);
    const res2 = await page.request.post("/logg-ut", { form: { csrf: "x" }, headers: { Origin: "https://evil.example" } });
    expect(res2.status()).toBe(403);
    await page.goto("/mine");
    expect(page.url()).toMatch(/\/mine$/);
    await ctx.close();
  });
});

describe("without JavaScript", () => {
  it("logs in, picks a year and changes language", async () => {
    const ctx = await newContext(browser, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await loginAs(page, inject("residents").physio2019);
    await page.waitForURL(/\/mine/);
    await page.getByLabel("År").selectOption("2019");
    await page.getByRole("button", { name: "Vis år" }).click();
    await page.waitForURL(/ar=2019/);
    await page.getByText("Du har frikort fra 7. mars 2019.").waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForURL(/ar=2019/);
    await page.getByText("You have an exemption card from 7 March 2019.").waitFor({ timeout: 15_000 });
    await ctx.close();
  });
});

describe("error pages", () => {
  it("gives unknown URLs a real, translated 404 page", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const res = await page.goto("/finnes/ikke");
    expect(res?.status()).toBe(404);
    await page.getByRole("heading", { name: "Fant ikke siden" }).waitFor({ timeout: 15_000 });
    await expectAccessible(page);
    await ctx.close();
  });

  it("shows an error id that is in the server log, and no stack trace", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const res = await page.goto("/__test/feil");
    expect(res?.status()).toBe(500);
    await page.getByRole("heading", { name: "Noe gikk galt" }).waitFor({ timeout: 15_000 });
    const text = (await page.getByTestId("error-id").textContent()) ?? "";
    const id = /Feil-ID: ([0-9a-f-]{36})/.exec(text)?.[1];
    expect(id).toBeTruthy();
    expect(await page.content()).not.toContain("deliberate test failure");
    expect(res?.headers()["x-request-id"]).toBe(id);
    await expectAccessible(page);
    await new Promise((r) => setTimeout(r, 200));
    const log = readFileSync(inject("serverLog"), "utf8");
    expect(log).toContain(id!);
    await ctx.close();
  });

  it("answers /healthz", async () => {
    const res = await fetch(`${baseUrl()}/healthz`);
    expect(res.status).toBe(200);
  });
});
