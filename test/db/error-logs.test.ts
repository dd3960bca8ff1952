/**
 * Errors are logged by kind, code and stack frames only: provoke each kind of error with personal
 * data planted in it (a database error whose parameters hold a name, a diagnosis and an account
 * number; an API validation error; a failing form action; a failing job) and read what was logged.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { handleApi } from "~/api/router.server";
import { loadConfig } from "~/config.server";
import type { AppContext } from "~/context.server";
import type { Database } from "~/db/client.server";
import { abroadApplications } from "~/db/schema";
import { handleError } from "~/entry.server";
import { DEV_PROVIDER, ensureDevProviderKey } from "~/services/provider-keys.server";
import { log } from "~/utils/log.server";
import { errorHandler } from "../../server/errors";
import { openTestDatabase } from "../support/db";

const PLANTED = {
  name: "Plantet Pasientnavn",
  diagnosis: "Hemmelig diagnosetekst om ryggen",
  account: "86011117947",
  fnr: "14035823159",
  document: "Fakturatekst fra dokumentet",
};

let database: Database;
let cleanup: () => Promise<void>;
let ctx: AppContext;
let lines: string[] = [];

beforeAll(async () => {
  ({ database, cleanup } = await openTestDatabase());
  await ensureDevProviderKey(database.db);
  ctx = { config: loadConfig({ NODE_ENV: "test", DATA_DIR: mkdtempSync(path.join(tmpdir(), "fp-logs-")) }), database, requestId: "req-1", cspNonce: "" };
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stderr, "write").mockImplementation(capture as never);
  vi.spyOn(process.stdout, "write").mockImplementation(capture as never);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await cleanup?.();
});

/** A real database error whose query parameters hold every planted value. */
async function databaseError(): Promise<unknown> {
  try {
    await database.db.insert(abroadApplications).values({
      personId: "not-a-uuid",
      data: { patientName: PLANTED.name, diagnosisText: PLANTED.diagnosis, account: { kind: "no", kontonummer: PLANTED.account }, fnr: PLANTED.fnr, text: PLANTED.document },
    });
  } catch (err) {
    return err;
  }
  throw new Error("expected the insert to fail");
}

function expectNothingPlanted(what: string) {
  const logged = lines.join("");
  expect(logged.length, `${what}: something was logged`).toBeGreaterThan(0);
  for (const [kind, value] of Object.entries(PLANTED)) {
    expect(logged.includes(value), `${what} logged the planted ${kind}`).toBe(false);
    // nor a part of it that would still identify the person
    expect(logged.includes(value.split(" ")[0]!.slice(0, 8)) && kind !== "account" && kind !== "fnr", `${what} logged part of the planted ${kind}`).toBe(false);
  }
}

describe(`error logs on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`, () => {
  it("a database error inside an API call: kind, code and stack frames, no query parameters", async () => {
    lines = [];
    const err = await databaseError();
    // The API's catch-all, as a handler whose query failed would reach it.
    const { api } = await import("~/utils/api.server");
    const reply = await api(ctx, { method: "POST", pathname: "/api/v1/x", header: () => null, text: async () => "" }, async () => {
      throw err;
    });
    expect(reply.status).toBe(500);
    expectNothingPlanted("the API's error log");
    const entry = JSON.parse(lines.find((l) => l.includes("api request failed"))!);
    expect(entry.err.kind).toBe("DrizzleQueryError");
    expect(entry.err.cause.code).toBe("22P02"); // invalid_text_representation: the code says what went wrong
    expect(entry.err.frames.length).toBeGreaterThan(0);
    expect(entry.requestId).toBe("req-1");
  });

  it("an API validation error says which field, never the value", async () => {
    lines = [];
    const body = JSON.stringify({
      claimId: PLANTED.document,
      fnr: PLANTED.fnr,
      serviceDate: PLANTED.diagnosis,
      serviceType: "lege",
      amountOre: "x",
      providerName: PLANTED.name,
      konto: PLANTED.account,
    });
    const reply = await handleApi(
      {
        method: "POST",
        pathname: "/api/v1/egenandeler",
        header: (n) => ({ authorization: `Bearer ${DEV_PROVIDER.key}`, "content-type": "application/json" })[n.toLowerCase()] ?? null,
        text: async () => body,
      },
      ctx,
      "/egenandeler",
    );
    expect(reply.status).toBe(422);
    for (const v of Object.values(PLANTED)) expect(reply.body.includes(v)).toBe(false);
    log.info("api validation answered", { status: reply.status }); // something in the log to read
    expectNothingPlanted("an API validation error");
  });

  it("a form action that fails (Remix handleError) logs the request id and the error's kind", async () => {
    lines = [];
    const err = await databaseError();
    const request = new Request("http://localhost/mine/utland/abc/kontroll", { method: "POST" });
    handleError(err, { request, context: ctx, params: {} } as never);
    handleError(`${PLANTED.name} ${PLANTED.diagnosis}`, { request, context: ctx, params: {} } as never); // a thrown string
    expectNothingPlanted("a form error");
    expect(lines.some((l) => l.includes('"requestId":"req-1"'))).toBe(true);
  });

  it("a job that fails logs the document id and the error's kind, as the job runner does", async () => {
    lines = [];
    const err = await databaseError();
    // app/jobs/runner.server.ts: log.warn("document reading failed", { documentId, attempt, last, err })
    log.warn("document reading failed", { documentId: "7d9f0c2e-0000-4000-8000-000000000000", attempt: 1, last: false, err });
    log.error("job runner error", { err: new Error(`could not read ${PLANTED.document} for ${PLANTED.name}`) });
    expectNothingPlanted("a job error");
    expect(JSON.parse(lines[0]!).err.kind).toBe("DrizzleQueryError");
  });

  it("an Express error (the server's last handler) is logged the same way", async () => {
    lines = [];
    const err = await databaseError();
    const res = {
      headersSent: false,
      locals: { requestId: "req-2" },
      statusCode: 200,
      status(c: number) {
        this.statusCode = c;
        return this;
      },
      type() {
        return this;
      },
      send() {
        return this;
      },
      setHeader() {},
    };
    errorHandler(err, { path: "/mine", method: "POST" } as never, res as never, () => undefined);
    expect(res.statusCode).toBe(500);
    expectNothingPlanted("the Express error handler");
  });
});
