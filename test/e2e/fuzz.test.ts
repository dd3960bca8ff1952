/**
 * Fuzz: hostile input to every provider API endpoint (from the OpenAPI document) and every resident
 * form (found by crawling the logged-in pages), and bad %-encoding in every route's parameters.
 * NUL, control characters, unpaired surrogates, overlong strings, bad %-encoding, invalid UTF-8,
 * wrong types, deep JSON, wrong content types and broken multipart bodies must all be answered
 * without a 5xx, and the server must still be up afterwards.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateFnr } from "~/kernel/fnr";
import { sendClaim } from "./abroad-steps";
import { baseUrl, launch, loginAs, loginAsStaff, newContext } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Outcome {
  requests: number;
  serverErrors: string[];
}

async function send(out: Outcome, label: string, url: string, init: RequestInit): Promise<number> {
  out.requests++;
  let status: number;
  try {
    const res = await fetch(url, { ...init, redirect: "manual" });
    status = res.status;
    await res.arrayBuffer();
  } catch (err) {
    out.serverErrors.push(`${label}: connection failed (${(err as Error).message})`);
    return 0;
  }
  if (status >= 500) out.serverErrors.push(`${label}: ${status}`);
  return status;
}

async function expectUp() {
  const r = await fetch(`${baseUrl()}/healthz`);
  expect(r.status).toBe(200);
}

// ---------------------------------------------------------------------------------------------
// API

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  example?: unknown;
  examples?: unknown[];
  format?: string;
  items?: JsonSchema;
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

function resolve(doc: { components?: { schemas?: Record<string, JsonSchema> } }, s: JsonSchema | undefined): JsonSchema | undefined {
  if (s?.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.split("/").pop()!]);
  return s;
}

/** A plausible value for a schema, from its example or its type. */
function sample(doc: Parameters<typeof resolve>[0], schema: JsonSchema | undefined): unknown {
  const s = resolve(doc, schema);
  if (!s) return "x";
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (s.format === "date") return "2024-03-01";
  if (type === "object" || s.properties) return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(doc, v)]));
  if (type === "array") return [sample(doc, s.items)];
  if (type === "integer" || type === "number") return 16000;
  if (type === "boolean") return true;
  if (s.anyOf?.length) return sample(doc, s.anyOf[0]);
  if (s.oneOf?.length) return sample(doc, s.oneOf[0]);
  return "x";
}

const LONG = "x".repeat(200_000);
/** Raw JSON texts for one field's value (raw, so that unpaired surrogate escapes survive). */
const VALUE_PROBES = [
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\ud800"',
  '"x\\udfff"',
  '"\\u0007bell"',
  `"${LONG}"`,
  "12345",
  "-1",
  "1e308",
  "true",
  "null",
  "[]",
  "{}",
  '{"$gt":""}',
  '["a","b"]',
  '"%ZZ"',
];
const DEEP_ARRAY = "[".repeat(10_000) + "]".repeat(10_000);
const DEEP_OBJECT = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
const BODY_PROBES: Array<{ name: string; body: string | Blob; type?: string }> = [
  { name: "deep array", body: DEEP_ARRAY },
  { name: "deep object", body: DEEP_OBJECT },
  { name: "very deep array", body: "[".repeat(200_000) + "]".repeat(200_000) },
  { name: "invalid utf-8", body: new Blob([new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d])]) },
  { name: "truncated", body: '{"a":' },
  { name: "NUL body", body: "\u0000" },
  { name: "null", body: "null" },
  { name: "array", body: "[]" },
  { name: "string", body: '"\\u0000"' },
  { name: "key with NUL", body: '{"a\\u0000":1}' },
  { name: "form body", body: "a=%00", type: "application/x-www-form-urlencoded" },
  { name: "no type", body: "{}", type: "" },
];
const PATH_PROBES = ["%ZZ", "%", "%C3", "%00", "a%00b", "%ED%A0%80", "%07", "x".repeat(5000), "..%2F..%2Fetc", "%E2%80%AE", "%F0%9F%98%80"];

describe("fuzz: provider API", () => {
  it("answers hostile input to every endpoint in the OpenAPI document without a 5xx", { timeout: 300_000 }, async () => {
    const key = inject("keys").full;
    const doc = (await (await fetch(`${baseUrl()}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
      components?: { schemas?: Record<string, JsonSchema> };
    };
    const out: Outcome = { requests: 0, serverErrors: [] };
    let endpoints = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
        endpoints++;
        const M = method.toUpperCase();
        const fill = (v: string) => template.replace(/\{[^}]+\}/g, v);
        const url = (p: string) => `${baseUrl()}/api/v1${p}`;
        const headers = (type = "application/json"): Record<string, string> => ({ Authorization: `Bearer ${key}`, ...(type ? { "Content-Type": type } : {}) });
        const schema = op.requestBody?.content?.["application/json"]?.schema;
        const valid = schema ? sample(doc, schema) : undefined;
        const validBody = valid === undefined ? undefined : JSON.stringify(valid);
        // 1. path parameters
        if (template.includes("{")) {
          for (const p of PATH_PROBES)
            await send(out, `${M} ${template} path ${p.slice(0, 20)}`, url(fill(p)), { method: M, headers: headers(), body: M === "GET" ? undefined : (validBody ?? "{}") });
        }
        const target = url(fill("fuzz-claim-1"));
        if (M === "GET") continue;
        // 2. each field of the body, and unknown fields
        if (valid && typeof valid === "object" && !Array.isArray(valid)) {
          const fields = [...Object.keys(valid as object), "unknownField"];
          for (const field of fields) {
            for (const probe of VALUE_PROBES) {
              const rest = Object.entries(valid as object)
                .filter(([k]) => k !== field)
                .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
              const body = `{${[...rest, `${JSON.stringify(field)}:${probe}`].join(",")}}`;
              await send(out, `${M} ${template} ${field}=${probe.slice(0, 16)}`, target, { method: M, headers: headers(), body });
            }
          }
          // inside a batch's items, too
          for (const [field, v] of Object.entries(valid as object)) {
            if (!Array.isArray(v) || typeof v[0] !== "object") continue;
            for (const probe of VALUE_PROBES.slice(0, 6)) {
              const body = `{${JSON.stringify(field)}:[{"fnr":${probe},"date":"2024-03-01","serviceType":"lege"}]}`;
              await send(out, `${M} ${template} ${field}[0]=${probe.slice(0, 16)}`, target, { method: M, headers: headers(), body });
            }
          }
        }
        // 3. whole bodies
        for (const p of BODY_PROBES) await send(out, `${M} ${template} body ${p.name}`, target, { method: M, headers: headers(p.type ?? "application/json"), body: p.body });
      }
    }
    // 4. the hot listener and odd requests
    await send(out, "POST /api/v1/egenandeler?x=%ZZ", `${baseUrl()}/api/v1/egenandeler?x=%ZZ`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: "{}",
    });
    await send(out, "GET /api/v1/%ZZ", `${baseUrl()}/api/v1/%ZZ`, { method: "GET" });
    await send(out, "GET /api/%ZZ", `${baseUrl()}/api/%ZZ`, { method: "GET" });
    console.log(`API fuzz: ${endpoints} endpoints, ${out.requests} requests, ${out.serverErrors.length} server errors`);
    expect(out.serverErrors).toEqual([]);
    await expectUp();
  });
});

// ---------------------------------------------------------------------------------------------
// Resident forms and routes

interface FoundForm {
  page: string;
  action: string;
  multipart: boolean;
  fields: Array<{ name: string; value: string; file: boolean }>;
}

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** Values that pass each form's checks, so that an untouched submission moves the resident on. */
const GOOD: Record<string, string> = {
  from: "01.03.2026",
  to: "14.03.2026",
  serviceDate: "02.11.2026",
  amount: "160",
  providerName: "Fuzz fysioterapi",
  kontonummer: "86011117947",
  confirm: "ja",
};

/** Raw urlencoded values (not encoded again), so that bad %-encoding reaches the server as sent. */
const FORM_PROBES = ["%00", "a%00b", "%ED%A0%80", "%ZZ", "%", "%C3", "%07", "%EF%BF%BF", "x".repeat(100_000)];

function urlencoded(fields: Array<[string, string]>, raw: Set<number> = new Set()): string {
  return fields.map(([k, v], i) => `${encodeURIComponent(k)}=${raw.has(i) ? v : encodeURIComponent(v)}`).join("&");
}

function multipart(fields: Array<[string, string | { filename: string; bytes: Buffer }]>): { body: Blob; type: string } {
  const boundary = "----fuzz" + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of fields) {
    if (typeof v === "string") {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`), Buffer.from(v, "utf8"), Buffer.from("\r\n"));
    } else {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="`),
        Buffer.from(v.filename, "utf8"),
        Buffer.from(`"\r\nContent-Type: image/png\r\n\r\n`),
        v.bytes,
        Buffer.from("\r\n"),
      );
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Blob([Buffer.concat(parts)]), type: `multipart/form-data; boundary=${boundary}` };
}

const decodeProbe = (p: string) => {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
};

/** Hostile values in every field of one form (each in turn), the field twice and missing, and broken bodies. */
async function fuzzForm(out: Outcome, f: FoundForm, cookie: string): Promise<void> {
  const url = `${baseUrl()}${f.action}`;
  const base: Array<[string, string]> = f.fields.filter((x) => !x.file).map((x) => [x.name, x.value]);
  const post = (label: string, body: string | Blob, type: string) =>
    send(out, `POST ${f.action} ${label}`, url, { method: "POST", headers: { Cookie: cookie, "Content-Type": type }, body });
  for (const [i, [name]] of base.entries()) {
    for (const probe of FORM_PROBES) {
      const label = `${name}=${probe.slice(0, 12)}`;
      if (f.multipart) {
        const fields: Array<[string, string]> = base.map(([k, v], j) => [k, j === i ? decodeProbe(probe) : v]);
        const m = multipart(fields);
        await post(label, m.body, m.type);
      } else {
        const fields = base.map(([k, v], j): [string, string] => [k, j === i ? probe : v]);
        await post(label, urlencoded(fields, new Set([i])), "application/x-www-form-urlencoded");
      }
    }
    // the field twice, and missing
    await post(`${name} twice`, urlencoded([...base, [name, "x"]]), "application/x-www-form-urlencoded");
    await post(`${name} missing`, urlencoded(base.filter((_, j) => j !== i)), "application/x-www-form-urlencoded");
  }
  // a field name with NUL, and the whole body
  await post("name with NUL", `${urlencoded(base)}&a%00b=1`, "application/x-www-form-urlencoded");
  await post("json body", '{"a":"\\u0000"}', "application/json");
  await post("empty body", "", "application/x-www-form-urlencoded");
  await post("multipart without boundary", "--x\r\n", "multipart/form-data");
  await post("broken multipart", '------b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx', "multipart/form-data; boundary=----b");
  await post("invalid utf-8", new Blob([Buffer.concat([Buffer.from(urlencoded(base) + "&x="), Buffer.from([0xff, 0xfe, 0xc3])])]), "application/x-www-form-urlencoded");
  if (f.multipart) {
    const files = f.fields.filter((x) => x.file);
    for (const file of files) {
      for (const filename of ["a\u0000.png", "\u0007.png", `${"x".repeat(5000)}.png`, "../../etc/passwd", "%ZZ.png"]) {
        const m = multipart([...base, [file.name, { filename, bytes: PNG }]]);
        await post(`${file.name} filename ${JSON.stringify(filename.slice(0, 12))}`, m.body, m.type);
      }
    }
  }
}

describe("fuzz: resident forms", () => {
  it("answers hostile input to every form a logged-in resident can reach, and to every route parameter, without a 5xx", { timeout: 600_000 }, async () => {
    const fnr = generateFnr("1966-06-16", 431)!;
    const ctx = await newContext(browser, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await loginAs(page, fnr);
    await page.waitForURL(/\/mine/);
    // One egenandel, so that the overview links to the tip form.
    const reg = await fetch(`${baseUrl()}/api/v1/egenandeler`, {
      method: "POST",
      headers: { Authorization: `Bearer ${inject("keys").full}`, "Content-Type": "application/json" },
      body: JSON.stringify({ claimId: `fuzz-${Date.now()}`, fnr, serviceDate: "2026-10-01", serviceType: "lege", amountOre: 16000, providerName: "Fuzz legesenter" }),
    });
    expect(reg.status).toBeLessThan(300);
    const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const out: Outcome = { requests: 0, serverErrors: [] };

    // Crawl: the resident's pages, and the forms on them. A first, untouched submission of each form
    // moves the resident on (it starts an abroad application, for one), which opens further pages.
    const seeds = [
      "/mine",
      "/mine/manglende",
      "/mine/reservasjon",
      "/mine/frikort-soknad",
      "/mine/kontonummer",
      "/mine/frikortbevis",
      "/mine/utland",
      "/mine/meldinger",
      "/mine/saker",
    ];
    const seen = new Set<string>();
    const forms = new Map<string, FoundForm>();
    const queue = [...seeds];
    const submitted = new Set<string>();
    for (let round = 0; round < 6; round++) {
      while (queue.length && seen.size < 60) {
        const p = queue.shift()!;
        if (seen.has(p)) continue;
        seen.add(p);
        const res = await page.goto(p);
        if (!res || res.status() >= 500) out.serverErrors.push(`GET ${p}: ${res?.status()}`);
        const found = await page.$$eval("form", (els) =>
          els.map((f) => {
            const form = f as HTMLFormElement;
            const fields: Array<{ name: string; value: string; file: boolean }> = [];
            for (const el of Array.from(form.elements) as Array<HTMLInputElement>) {
              if (!el.name) continue;
              if ((el.type === "radio" || el.type === "checkbox") && fields.some((x) => x.name === el.name)) continue;
              if (el.type === "submit" && fields.some((x) => x.name === el.name)) continue;
              const value = el.tagName === "SELECT" ? ((el as unknown as HTMLSelectElement).options[1]?.value ?? "") : el.value;
              fields.push({ name: el.name, value, file: el.type === "file" });
            }
            return {
              method: (form.getAttribute("method") ?? "get").toLowerCase(),
              action: new URL(form.action).pathname + new URL(form.action).search,
              multipart: form.enctype === "multipart/form-data",
              fields,
            };
          }),
        );
        for (const f of found) {
          if (f.method !== "post" || f.action.startsWith("/logg-ut") || f.action.startsWith("/idp")) continue;
          const id = `${f.action.replace(/[0-9a-f-]{36}/g, ":id")} ${f.fields
            .map((x) => x.name)
            .sort()
            .join(",")}`;
          if (!forms.has(id)) forms.set(id, { page: p, action: f.action, multipart: f.multipart, fields: f.fields });
        }
        const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
        for (const l of links) {
          if (!l.startsWith("/mine") || /\.pdf|\/fil\//.test(l)) continue;
          const clean = l.split("#")[0]!;
          if (!seen.has(clean)) queue.push(clean);
        }
      }
      // Submit each new form once as it is, then crawl again.
      for (const [id, f] of forms) {
        if (submitted.has(id)) continue;
        submitted.add(id);
        const fields: Array<[string, string]> = f.fields.filter((x) => !x.file).map((x) => [x.name, GOOD[x.name] ?? x.value]);
        const files: Array<[string, { filename: string; bytes: Buffer }]> = f.fields.filter((x) => x.file).map((x) => [x.name, { filename: "kvittering.png", bytes: PNG }]);
        const { body, type } = f.multipart ? multipart([...fields, ...files]) : { body: urlencoded(fields), type: "application/x-www-form-urlencoded" };
        out.requests++;
        const res = await fetch(`${baseUrl()}${f.action}`, { method: "POST", headers: { Cookie: cookie, "Content-Type": type }, body, redirect: "manual" });
        await res.arrayBuffer();
        if (res.status >= 500) out.serverErrors.push(`POST ${f.action} as found: ${res.status}`);
        const loc = res.headers.get("location");
        if (loc && loc.startsWith("/mine") && !seen.has(loc)) queue.push(loc.split("#")[0]!);
        queue.push(f.page);
        seen.delete(f.page);
      }
      if (!queue.length) break;
    }
    expect(forms.size).toBeGreaterThanOrEqual(10);

    // Fuzz every field of every form, and the body as a whole.
    for (const f of forms.values()) await fuzzForm(out, f, cookie);

    // Every route parameter in the route table, with bad %-encoding.
    const routes = [...readFileSync(path.resolve("app/routes.ts"), "utf8").matchAll(/route\("([^"]+)"/g)].map((m) => m[1]!).filter((r) => r.includes(":"));
    for (const r of routes) {
      for (const probe of ["%ZZ", "%00", "%C3", "%ED%A0%80", "a%00b", "x".repeat(3000)]) {
        const p = "/" + r.replace(/:\w+/g, probe);
        await send(out, `GET ${p.slice(0, 60)}`, `${baseUrl()}${p}`, { headers: { Cookie: cookie } });
        await send(out, `POST ${p.slice(0, 60)}`, `${baseUrl()}${p}`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: "csrf=x",
        });
      }
    }
    for (const p of ["/%ZZ", "/mine/%ZZ", "/mine%00", "/assets/%ZZ", "/idp/%ZZ", "/auth/%ZZ", "/sprak?returnTo=%ZZ"]) {
      await send(out, `GET ${p}`, `${baseUrl()}${p}`, { headers: { Cookie: cookie } });
    }

    await ctx.close();
    console.log(`Form fuzz: ${forms.size} forms on ${seen.size} pages, ${routes.length} parameterised routes, ${out.requests} requests, ${out.serverErrors.length} server errors`);
    expect(out.serverErrors).toEqual([]);
    await expectUp();
  });
});

describe("fuzz: staff forms", () => {
  // It posts to every form of its own two cases (a claim abroad and a report it sends first) and of the queue, and
  // never to another case on the shared e2e server: a form or link that names another case (the seeded claim abroad,
  // the console tests' cases) is left alone, so it leaves nothing decided for the tests that follow, on either database.
  it("answers hostile input to every form of the caseworker console (logged-in staff) without a 5xx", { timeout: 600_000 }, async () => {
    // a refund claim abroad and a missing-egenandel report, so that the queue has cases of both tables
    const rctx = await newContext(browser);
    const resident = await rctx.newPage();
    resident.setDefaultTimeout(15_000);
    await loginAs(resident, generateFnr("1958-02-16", 433) ?? generateFnr("1958-02-16", 435)!);
    await resident.waitForURL(/\/mine/);
    const { base } = await sendClaim(resident);
    await resident.goto("/mine/manglende");
    await resident.getByLabel("Behandler eller tjenesteyter").fill("Fuzz legesenter");
    await resident.getByLabel("Dato for behandlingen").fill("02.11.2026");
    await resident.getByLabel("Hva betalte du for?").selectOption("lege");
    await resident.getByLabel("Beløp i kroner").fill("275");
    await resident.getByRole("button", { name: "Fortsett" }).click();
    await resident.waitForURL(/\/kontroller$/);
    await resident.getByRole("button", { name: "Send til Helfo" }).click();
    await resident.waitForURL(/sendt=1/);
    const reportCase = new URL(resident.url()).pathname.split("/").pop()!;
    await rctx.close();

    const ctx = await newContext(browser, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await loginAsStaff(page, "Z990001");
    const cookie = (await ctx.cookies(`${baseUrl()}/saksbehandling/ko`)).map((c) => `${c.name}=${c.value}`).join("; ");
    const out: Outcome = { requests: 0, serverErrors: [] };
    const seen = new Set<string>();
    const forms = new Map<string, FoundForm>();
    const own = new Set([base.split("/").pop()!, reportCase]);
    /** Names a case other than the fuzz's own (in a path or a field): left alone. */
    const foreign = (...texts: string[]) => texts.some((t) => [...t.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)].some((m) => !own.has(m[0])));
    const queue = ["/saksbehandling/ko", "/saksbehandling/ko?status=all", `/saksbehandling/sak/${base.split("/").pop()}`, `/saksbehandling/sak/${reportCase}`];
    while (queue.length && seen.size < 25) {
      const p = queue.shift()!;
      if (seen.has(p)) continue;
      seen.add(p);
      const res = await page.goto(p);
      if (!res || res.status() >= 500) out.serverErrors.push(`GET ${p}: ${res?.status()}`);
      const found = await page.$$eval("form", (els) =>
        els.map((f) => {
          const form = f as HTMLFormElement;
          const fields: Array<{ name: string; value: string; file: boolean }> = [];
          for (const el of Array.from(form.elements) as Array<HTMLInputElement>) {
            if (!el.name) continue;
            if ((el.type === "radio" || el.type === "checkbox") && fields.some((x) => x.name === el.name)) continue;
            const value = el.tagName === "SELECT" ? ((el as unknown as HTMLSelectElement).options[1]?.value ?? "") : el.value;
            fields.push({ name: el.name, value, file: el.type === "file" });
          }
          return {
            method: (form.getAttribute("method") ?? "get").toLowerCase(),
            action: new URL(form.action).pathname + new URL(form.action).search,
            multipart: form.enctype === "multipart/form-data",
            fields,
          };
        }),
      );
      for (const f of found) {
        if (f.method !== "post" || f.action.includes("logg-ut")) continue;
        if (foreign(f.action, ...f.fields.map((x) => x.value))) continue;
        const id = `${f.action.replace(/[0-9a-f-]{36}/g, ":id")} ${f.fields
          .map((x) => `${x.name}=${x.name === "intent" ? x.value : ""}`)
          .sort()
          .join(",")}`;
        if (!forms.has(id)) forms.set(id, { page: p, action: f.action, multipart: f.multipart, fields: f.fields });
      }
      const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
      for (const l of links) {
        if (!l.startsWith("/saksbehandling/") || /\/fil\/|\/side\/|logg-ut/.test(l) || foreign(l)) continue;
        const clean = l.split("#")[0]!;
        if (!seen.has(clean)) queue.push(clean);
      }
    }
    const intents = new Set([...forms.values()].map((f) => f.fields.find((x) => x.name === "intent")?.value ?? ""));
    // the queue's filter form is GET; every staff POST form: take, provisional answer, decide, correct (field and rate date), ask
    for (const i of ["assign", "provisional", "decide", "abroad-correct", "abroad-more-info"]) expect(intents, i).toContain(i);

    for (const f of forms.values()) await fuzzForm(out, f, cookie);
    // the case routes' parameters, with hostile values
    for (const probe of ["%ZZ", "%00", "%C3", "a%00b", "x".repeat(3000), "../../etc/passwd"]) {
      for (const p of [
        `/saksbehandling/sak/${probe}`,
        `/saksbehandling/sak/${reportCase}/fil/${probe}`,
        `/saksbehandling/sak/${base.split("/").pop()}/side/${probe}/1`,
        `/saksbehandling/sak/${base.split("/").pop()}/side/${reportCase}/${probe}`,
      ]) {
        await send(out, `GET ${p.slice(0, 70)}`, `${baseUrl()}${p}`, { headers: { Cookie: cookie } });
      }
    }
    await ctx.close();
    console.log(`Staff form fuzz: ${forms.size} forms on ${seen.size} pages, ${out.requests} requests, ${out.serverErrors.length} server errors`);
    expect(out.serverErrors).toEqual([]);
    await expectUp();
  });
});
