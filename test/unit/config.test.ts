import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "~/config.server";

const SECRET = "x".repeat(40);
const base = (): NodeJS.ProcessEnv => ({
  DATA_DIR: mkdtempSync(path.join(tmpdir(), "fp-config-")),
  SESSION_SECRET: SECRET,
  NODE_ENV: "development",
});
const PROD_PG = { NODE_ENV: "production", DATABASE_URL: "postgres://u@127.0.0.1:5432/x" } as const;

describe("production never runs the embedded test login by accident", () => {
  it("refuses production on PostgreSQL without OIDC_ISSUER (anyone could log in as anyone)", () => {
    expect(() => loadConfig({ ...base(), ...PROD_PG })).toThrow(/OIDC_ISSUER .*required in production.*DEMO_MODE=true/);
  });

  it("refuses production on the embedded database without OIDC_ISSUER too", () => {
    expect(() => loadConfig({ ...base(), NODE_ENV: "production" })).toThrow(/DEMO_MODE=true/);
  });

  it("refuses a DEMO_MODE that is not exactly true or false", () => {
    expect(() => loadConfig({ ...base(), ...PROD_PG, DEMO_MODE: "yes" })).toThrow(/DEMO_MODE/);
    expect(() => loadConfig({ ...base(), ...PROD_PG, DEMO_MODE: "false" })).toThrow(/OIDC_ISSUER/);
  });

  it("starts the embedded provider in production only when the operator says DEMO_MODE=true", () => {
    const c = loadConfig({ ...base(), ...PROD_PG, DEMO_MODE: "true" });
    expect(c.oidc.embedded).toBe(true);
    expect(c.demoMode).toBe(true);
  });

  it("uses a real issuer in production without DEMO_MODE", () => {
    const c = loadConfig({ ...base(), ...PROD_PG, OIDC_ISSUER: "https://idporten.no", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    expect(c.oidc.embedded).toBe(false);
    expect(c.oidc.issuer).toBe("https://idporten.no");
  });

  it("keeps development and tests on the embedded provider without any flag", () => {
    expect(loadConfig({ ...base() }).oidc.embedded).toBe(true);
    expect(loadConfig({ ...base(), NODE_ENV: "test" }).oidc.embedded).toBe(true);
  });
});

describe("the demo provider key", () => {
  it("is not created with DEMO_DATA=true on PostgreSQL unless DEMO_PROVIDER_KEY=true", () => {
    const pg = { ...base(), DATABASE_URL: "postgres://u@127.0.0.1:5432/x", DEMO_DATA: "true" };
    expect(loadConfig(pg).demoData).toBe(true);
    expect(loadConfig(pg).demoProviderKey).toBe(false);
    expect(loadConfig({ ...pg, DEMO_PROVIDER_KEY: "true" }).demoProviderKey).toBe(true);
  });

  it("stays on the embedded default, where the README documents it", () => {
    expect(loadConfig({ ...base() }).demoProviderKey).toBe(true);
    expect(loadConfig({ ...base(), DEMO_PROVIDER_KEY: "false" }).demoProviderKey).toBe(false);
  });
});

describe("the caseworker console's staff login (ADR 0015)", () => {
  const RESIDENT_OIDC = { OIDC_ISSUER: "https://idporten.example/", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" };
  it("is off in production without a staff issuer, so the embedded staff login never runs there by accident", () => {
    const c = loadConfig({ ...base(), ...PROD_PG, ...RESIDENT_OIDC });
    expect(c.staff).toMatchObject({ enabled: false, embedded: false });
  });
  it("uses the embedded staff client in development and in a production demo", () => {
    expect(loadConfig(base()).staff).toMatchObject({ enabled: true, embedded: true, identClaim: "NAVident", rolesClaim: "roles" });
    expect(loadConfig({ ...base(), ...PROD_PG, DEMO_MODE: "true" }).staff).toMatchObject({ enabled: true, embedded: true });
  });
  it("takes a real staff issuer with its client and claim names, and refuses one without a client", () => {
    const c = loadConfig({
      ...base(),
      ...PROD_PG,
      ...RESIDENT_OIDC,
      STAFF_OIDC_ISSUER: "https://login.microsoftonline.com/tenant/v2.0",
      STAFF_OIDC_CLIENT_ID: "staff",
      STAFF_OIDC_CLIENT_SECRET: "secret",
      STAFF_OIDC_IDENT_CLAIM: "employeeId",
    });
    expect(c.staff).toMatchObject({
      enabled: true,
      embedded: false,
      clientId: "staff",
      identClaim: "employeeId",
      redirectUri: expect.stringMatching(/\/saksbehandling\/auth\/callback$/),
    });
    expect(() => loadConfig({ ...base(), STAFF_OIDC_ISSUER: "https://login.example/" })).toThrow(/STAFF_OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...base(), STAFF_SESSION_MAX_AGE_SECONDS: "10" })).toThrow(/STAFF_SESSION_MAX_AGE_SECONDS/);
  });
});

describe("the payout file's debtor (ADR 0015)", () => {
  it("uses an example account outside production, none in production until it is set, and refuses a malformed IBAN", () => {
    expect(loadConfig(base()).payouts.debtor.iban).toBe("NO9386011117947");
    expect(loadConfig({ ...base(), ...PROD_PG, DEMO_MODE: "true" }).payouts.debtor.iban).toBeNull();
    expect(loadConfig({ ...base(), PAYOUT_DEBTOR_IBAN: "NO8330001234567" }).payouts.debtor.iban).toBe("NO8330001234567");
    expect(() => loadConfig({ ...base(), PAYOUT_DEBTOR_IBAN: "NO83 3000 1234 567" })).toThrow(/PAYOUT_DEBTOR_IBAN/);
  });
});
