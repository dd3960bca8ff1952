import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { isIsoDate } from "./kernel/dates";
import { kroner } from "./kernel/money";
import type { Ore } from "./kernel/types";

/**
 * Process configuration, validated once at start. Secrets never fall back to "" silently:
 * on the embedded default a random session secret is created and kept in DATA_DIR; with a real
 * PostgreSQL server (production) SESSION_SECRET must be set.
 */
/** The rate limits (docs/decisions/0012-rate-limits.md): what each counts, and per what. */
export const RATE_LIMIT_VARS = {
  login: { env: "RATE_LIMIT_LOGIN", per: "client IP address, on /auth/* (starting a login and its callback)" },
  idp: { env: "RATE_LIMIT_IDP", per: "client IP address, on the embedded test provider's pages (/idp/auth, /idp/interaction, /idp/session)" },
  upload: { env: "RATE_LIMIT_UPLOAD", per: "resident, on every form post that carries files" },
  statusLookup: { env: "RATE_LIMIT_STATUS_LOOKUP", per: "API key, per frikort status asked (a batch counts each of its requests)" },
  proofCheck: { env: "RATE_LIMIT_PROOF_CHECK", per: "API key, per frikort proof code checked" },
  apiKey: { env: "RATE_LIMIT_API_KEY", per: "API key, per API request" },
} as const;
export type RateLimitName = keyof typeof RATE_LIMIT_VARS;
export interface RateLimitSpec {
  points: number;
  seconds: number;
}
/** Defaults: tight where a person logs in, generous where a provider's system calls (bench/api.ts does ~2 000/s per key). */
export const RATE_LIMIT_DEFAULTS: Record<RateLimitName, string> = {
  login: "60/300",
  idp: "200/300",
  upload: "60/600",
  statusLookup: "600000/60",
  proofCheck: "600/60",
  apiKey: "600000/60",
};
/** "N/S": at most N in S seconds. */
const RateSchema = z
  .string()
  .regex(/^\d{1,9}\/\d{1,6}$/, { message: 'must be "N/S": at most N in S seconds, e.g. 60/300' })
  .transform((v): RateLimitSpec => {
    const [points, seconds] = v.split("/").map(Number) as [number, number];
    return { points, seconds };
  })
  .refine((r) => r.points >= 1 && r.seconds >= 1, { message: "N and S must be at least 1" });

export interface RateLimitConfig {
  /** RATE_LIMITS=off: no limits at all (a load test on one machine; never in production). */
  enabled: boolean;
  /** How many proxies in front of the web processes append to X-Forwarded-For (0: the socket's address is the client). */
  proxyHops: number;
  limits: Record<RateLimitName, RateLimitSpec>;
}

/**
 * Notices that a new message is in the inbox (issue 22 item 11): e-mail through SMTP, SMS through a provider's HTTP endpoint.
 * Without NOTICE_SMTP_URL (or NOTICE_SMS_URL) that channel only logs that a notice was "sent", with no address (the demo).
 */
const NOTICE_ENV = {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's URL form). */
  NOTICE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "an smtp:// or smtps:// URL")
    .optional(),
  NOTICE_EMAIL_FROM: z.string().trim().min(3).max(200).default("Frikortportalen <ikke-svar@frikortportalen.no>"),
  /** The SMS provider's endpoint: POST {"to": "+47…", "text": "…"} as JSON, 2xx when accepted. */
  NOTICE_SMS_URL: z.string().url().optional(),
  NOTICE_SMS_TOKEN: z.string().trim().min(1).optional(),
};

export interface NoticeConfig {
  smtpUrl: string | null;
  emailFrom: string;
  smsUrl: string | null;
  smsToken: string | null;
  /** The portal's address, named in the notice so the resident logs in there (not through a link to click blindly). */
  publicUrl: string;
}

/** The notice channels' configuration (also read by the background worker, which does not load the web config). */
export function noticeConfig(env: NodeJS.ProcessEnv = process.env): NoticeConfig {
  const parsed = z.object({ ...NOTICE_ENV, PUBLIC_URL: z.string().url().optional(), PORT: z.coerce.number().int().min(0).max(65535).default(3000) }).safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const e = parsed.data;
  return {
    smtpUrl: e.NOTICE_SMTP_URL ?? null,
    emailFrom: e.NOTICE_EMAIL_FROM,
    smsUrl: e.NOTICE_SMS_URL ?? null,
    smsToken: e.NOTICE_SMS_TOKEN ?? null,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
  };
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./.data"),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().trim().min(32).optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(60 * 60),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  OIDC_ACR: z.string().default("idporten-loa-high"),
  /** Staff (caseworker console) identity provider, e.g. Entra ID; without it the embedded test provider's staff client is used (not in production). */
  STAFF_OIDC_ISSUER: z.string().url().optional(),
  STAFF_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  STAFF_OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** The id_token claim holding the staff member's ident (Entra ID: an optional claim such as NAVident). */
  STAFF_OIDC_IDENT_CLAIM: z.string().trim().min(1).default("NAVident"),
  /** The id_token claim holding the app roles (values: caseworker, controller, read-only). */
  STAFF_OIDC_ROLES_CLAIM: z.string().trim().min(1).default("roles"),
  /** The payout run's pain.001 file (ADR 0015): Helfo's account the refunds are paid from, and where the files go. */
  PAYOUT_DEBTOR_NAME: z.string().trim().min(1).max(70).default("Helfo"),
  PAYOUT_DEBTOR_ORGNR: z
    .string()
    .regex(/^\d{9}$/, "nine digits")
    .default("983544622"),
  PAYOUT_DEBTOR_IBAN: z
    .string()
    .regex(/^[A-Z]{2}\d{2}[A-Za-z0-9]{1,30}$/, "an IBAN without spaces")
    .optional(),
  PAYOUT_DEBTOR_BIC: z
    .string()
    .regex(/^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, "a BIC")
    .default("DNBANOKKXXX"),
  PAYOUT_FILE_DIR: z.string().optional(),
  /** Four eyes: a granting decision worth more than this many kroner needs a second caseworker. */
  FOUR_EYES_ABOVE_NOK: z.coerce.number().int().min(0).max(10_000_000).default(5000),
  STAFF_SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(24 * 60 * 60)
    .default(8 * 60 * 60),
  DEMO_DATA: z.enum(["true", "false"]).optional(),
  /** Production only: "true" allows the embedded test login (anyone can log in as anyone). */
  DEMO_MODE: z.enum(["true", "false"]).optional(),
  /** Create the demo provider key `dev-provider-key` along with the demo data. */
  DEMO_PROVIDER_KEY: z.enum(["true", "false"]).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  ...NOTICE_ENV,
  // read by app/documents/text/isolated.ts (the document pipeline also runs outside the server); validated here so a bad value stops
  // the start instead of being ignored
  DOCUMENT_RENDER_MEMORY_MB: z.coerce.number().int().min(256).max(65_536).optional(),
  FRIKORT_ISOLATE_RENDER: z.enum(["on", "off"]).optional(),
  FRIKORT_COMPILED_ENTRIES: z.enum(["on", "off"]).optional(),
  RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  RATE_LIMIT_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  ...(Object.fromEntries(Object.entries(RATE_LIMIT_VARS).map(([name, v]) => [v.env, RateSchema.prefault(RATE_LIMIT_DEFAULTS[name as RateLimitName])])) as Record<
    (typeof RATE_LIMIT_VARS)[RateLimitName]["env"],
    z.ZodPrefault<typeof RateSchema>
  >),
});

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  sessionSecret: string;
  sessionMaxAgeSeconds: number;
  oidc: {
    /** Embedded ID-porten-like test provider served by this process under /idp. */
    embedded: boolean;
    issuer: string;
    clientId: string;
    clientSecret: string;
    acr: string;
    redirectUri: string;
    postLogoutRedirectUri: string;
  };
  /** The caseworker console's login (ADR 0015); `enabled` false means every /saksbehandling route is 404. */
  staff: {
    enabled: boolean;
    /** The embedded test provider's staff client (test idents Z990001–Z990003). */
    embedded: boolean;
    issuer: string;
    clientId: string;
    clientSecret: string;
    identClaim: string;
    rolesClaim: string;
    redirectUri: string;
    postLogoutRedirectUri: string;
    sessionMaxAgeSeconds: number;
    /** Four eyes: granting decisions above this amount (øre) need a second caseworker. */
    fourEyesAboveOre: Ore;
  };
  /** The payout run's pain.001 file; `debtor.iban` null in production until PAYOUT_DEBTOR_IBAN is set (the run then refuses). */
  payouts: { fileDir: string; debtor: { name: string; orgnr: string; iban: string | null; bic: string } };
  demoData: boolean;
  /** Create the `dev-provider-key` API key with the demo data (explicit on PostgreSQL). */
  demoProviderKey: boolean;
  /** Production running the embedded test login on purpose (DEMO_MODE=true). */
  demoMode: boolean;
  rateLimits: RateLimitConfig;
  notices: NoticeConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${fields}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const embeddedDb = !e.DATABASE_URL;

  let sessionSecret = e.SESSION_SECRET;
  if (!sessionSecret) {
    if (!embeddedDb && e.NODE_ENV === "production") {
      throw new Error("SESSION_SECRET (at least 32 characters) is required when DATABASE_URL is set in production");
    }
    sessionSecret = localSecret(dataDir, "session-secret");
  }

  const embeddedOidc = !e.OIDC_ISSUER;
  const demoMode = e.DEMO_MODE === "true";
  if (embeddedOidc && e.NODE_ENV === "production" && !demoMode) {
    // The embedded provider logs anyone in as any fødselsnummer: never by accident in production.
    throw new Error(
      "OIDC_ISSUER (with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET) is required in production; " +
        "to run the embedded test login on purpose (a demo, where anyone can log in as anyone), set DEMO_MODE=true",
    );
  }
  if (!embeddedOidc && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET)) {
    throw new Error("OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required when OIDC_ISSUER is set");
  }
  if (e.STAFF_OIDC_ISSUER && (!e.STAFF_OIDC_CLIENT_ID || !e.STAFF_OIDC_CLIENT_SECRET)) {
    throw new Error("STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET are required when STAFF_OIDC_ISSUER is set");
  }
  // The embedded provider's staff client logs anyone in as any test ident: never in production
  // unless this is a demo. Without a staff issuer in production the console is simply off.
  const staffEmbedded = !e.STAFF_OIDC_ISSUER && (e.NODE_ENV !== "production" || demoMode);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    database: embeddedDb ? { kind: "pglite", dataDir: path.join(dataDir, "pglite") } : { kind: "postgres", url: e.DATABASE_URL! },
    sessionSecret,
    sessionMaxAgeSeconds: e.SESSION_MAX_AGE_SECONDS,
    oidc: {
      embedded: embeddedOidc,
      issuer: embeddedOidc ? `${publicUrl}/idp` : e.OIDC_ISSUER!,
      clientId: e.OIDC_CLIENT_ID ?? "frikortportalen-local",
      clientSecret: e.OIDC_CLIENT_SECRET ?? localSecret(dataDir, "oidc-client-secret"),
      acr: e.OIDC_ACR,
      redirectUri: `${publicUrl}/auth/callback`,
      postLogoutRedirectUri: `${publicUrl}/logget-ut`,
    },
    staff: {
      enabled: Boolean(e.STAFF_OIDC_ISSUER) || staffEmbedded,
      embedded: staffEmbedded,
      issuer: e.STAFF_OIDC_ISSUER ?? `${publicUrl}/idp`,
      clientId: e.STAFF_OIDC_CLIENT_ID ?? "frikortportalen-staff-local",
      clientSecret: e.STAFF_OIDC_CLIENT_SECRET ?? (staffEmbedded ? localSecret(dataDir, "staff-oidc-client-secret") : ""),
      identClaim: e.STAFF_OIDC_ISSUER ? e.STAFF_OIDC_IDENT_CLAIM : "NAVident",
      rolesClaim: e.STAFF_OIDC_ISSUER ? e.STAFF_OIDC_ROLES_CLAIM : "roles",
      redirectUri: `${publicUrl}/saksbehandling/auth/callback`,
      postLogoutRedirectUri: `${publicUrl}/saksbehandling/logg-inn`,
      sessionMaxAgeSeconds: e.STAFF_SESSION_MAX_AGE_SECONDS,
      fourEyesAboveOre: kroner(e.FOUR_EYES_ABOVE_NOK),
    },
    payouts: {
      fileDir: path.resolve(e.PAYOUT_FILE_DIR ?? path.join(dataDir, "payments")),
      // outside production an example Norwegian IBAN, so the demo and the tests write a well-formed file
      debtor: {
        name: e.PAYOUT_DEBTOR_NAME,
        orgnr: e.PAYOUT_DEBTOR_ORGNR,
        iban: e.PAYOUT_DEBTOR_IBAN ?? (e.NODE_ENV === "production" ? null : "NO9386011117947"),
        bic: e.PAYOUT_DEBTOR_BIC,
      },
    },
    demoData: e.DEMO_DATA ? e.DEMO_DATA === "true" : embeddedDb,
    // On PostgreSQL the well-known demo key is only created when asked for by name.
    demoProviderKey: e.DEMO_PROVIDER_KEY ? e.DEMO_PROVIDER_KEY === "true" : embeddedDb,
    demoMode,
    notices: noticeConfig(env),
    rateLimits: {
      enabled: e.RATE_LIMITS === "on",
      proxyHops: e.RATE_LIMIT_PROXY_HOPS,
      limits: Object.fromEntries(
        (Object.keys(RATE_LIMIT_VARS) as RateLimitName[]).map((name) => [name, (e as Record<string, unknown>)[RATE_LIMIT_VARS[name].env] as RateLimitSpec]),
      ) as Record<RateLimitName, RateLimitSpec>,
    },
  };
}

/** A random secret kept in DATA_DIR so that sessions survive restarts on one machine. */
function localSecret(dataDir: string, name: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Process-level settings read outside the web server's start (the document pipeline in its own
 * processes, the clock, the logger, the database pool, the batchers): each validated by zod when
 * read, so a bad value stops with a clear message instead of being ignored. The only other place
 * that reads the environment is loadConfig above.
 */
const positiveInt = z.coerce.number().int().min(1);
/** A job's schedule: a cron expression of five fields (Europe/Oslo), or "off"; unset: the job's default for the environment. */
const cronSetting = (example: string) =>
  z
    .string()
    .trim()
    .regex(/^(off|\S+( \S+){4})$/, `a cron expression of five fields, e.g. "${example}", or "off"`)
    .optional();
const SETTINGS = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Tests and demos may pin "today" (YYYY-MM-DD, Europe/Oslo). */
  FRIKORT_TODAY: z.string().refine(isIsoDate, "a real date YYYY-MM-DD").optional(),
  FRIKORT_TEST_HOOKS: z.enum(["0", "1"]).default("0"),
  FRIKORT_PREP_HELPER: z.enum(["on", "off"]).default("on"),
  FRIKORT_ISOLATE_RENDER: z.enum(["on", "off"]).default("on"),
  /** The render process and the preparation helper started from one compiled JavaScript file each (documents/text/compiled.ts). */
  FRIKORT_COMPILED_ENTRIES: z.enum(["on", "off"]).default("on"),
  /** Set by a process for the render process it starts: the compiled files and the source directory (compiled.ts). */
  FRIKORT_COMPILED_RENDER_CHILD: z.string().min(1).optional(),
  FRIKORT_COMPILED_PREP_HELPER: z.string().min(1).optional(),
  FRIKORT_TEXT_SOURCE_DIR: z.string().min(1).optional(),
  DOCUMENT_RENDER_MEMORY_MB: z.coerce.number().int().min(256).max(65_536).default(1024),
  MALLOC_ARENA_MAX: z.string().default("2"),
  DATA_DIR: z.string().optional(),
  DATABASE_POOL_SIZE: positiveInt.default(20),
  /** A PostgreSQL server's URL; unset: the embedded PGlite database (loadConfig reads it for the web server). */
  DATABASE_URL: z.string().trim().min(1).optional(),
  /** An external OIDC issuer; unset: the embedded test provider. */
  OIDC_ISSUER: z.string().trim().min(1).optional(),
  /** How many web processes (node:cluster) on this machine; more than 1 only with DATABASE_URL and OIDC_ISSUER. */
  WEB_CONCURRENCY: positiveInt.default(1),
  /** Jobs run at once by a job runner. */
  JOBS_CONCURRENCY: positiveInt.default(2),
  /** OCR workers of scripts/extract.ts. */
  OCR_WORKERS: positiveInt.default(2),
  /** scripts/extract.ts: the OCR's progress on stderr when set to anything but "" or "0". */
  EXTRACT_VERBOSE: z
    .string()
    .optional()
    .transform((v) => !!v && v !== "0"),
  REGISTER_BATCH_MAX: positiveInt.optional(),
  REGISTER_BATCH_IN_FLIGHT: positiveInt.optional(),
  LOOKUP_BATCH_MAX: positiveInt.optional(),
  LOOKUP_BATCH_IN_FLIGHT: positiveInt.optional(),
  CLAIMS_BATCH_MAX: positiveInt.optional(),
  CLAIMS_BATCH_IN_FLIGHT: positiveInt.optional(),
  /** Norges Bank's open data API (SDMX REST); the rates importer asks `${this}/data/EXR/…` (docs/decisions/0016-exchange-rates.md). */
  NORGES_BANK_API_URL: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, ""))
    .default("https://data.norges-bank.no/api"),
  /**
   * When the daily rates import runs (cron, Europe/Oslo, run by pg-boss in the working job runner), or "off".
   * Unset: "15 17 * * *" in production (Norges Bank publishes about 16:00), off elsewhere (no network in tests).
   */
  RATES_IMPORT_SCHEDULE: cronSetting("15 17 * * *"),
  /**
   * When the nightly full recompute of the risk signals runs (cron, Europe/Oslo, pg-boss), or "off".
   * Unset: "30 2 * * *" in production, off elsewhere. The one-time fill a database needs runs either way.
   */
  RISK_RECOMPUTE_SCHEDULE: cronSetting("30 2 * * *"),
  /**
   * When the daily set-off of providers' due receivables runs (cron, Europe/Oslo, pg-boss), or "off".
   * Unset: "0 6 * * *" in production (before the day's claims are settled), off elsewhere.
   */
  SET_OFF_SCHEDULE: cronSetting("0 6 * * *"),
} as const;
export type SettingName = keyof typeof SETTINGS;

const settingCache = new Map<string, unknown>();

export function setting<K extends SettingName>(name: K, env: NodeJS.ProcessEnv = process.env): z.output<(typeof SETTINGS)[K]> {
  const raw = env[name] === "" ? undefined : env[name];
  const key = `${name}\u0000${raw ?? "\u0001"}`;
  if (settingCache.has(key)) return settingCache.get(key) as z.output<(typeof SETTINGS)[K]>;
  const parsed = SETTINGS[name].safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid configuration: ${name}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  settingCache.set(key, parsed.data);
  return parsed.data as z.output<(typeof SETTINGS)[K]>;
}

/** The environment for a child process of ours (the document renderer). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, MALLOC_ARENA_MAX: setting("MALLOC_ARENA_MAX"), ...extra };
}

/** A job's schedule (cron, Europe/Oslo) from its setting, or null when it does not run on a schedule in this environment. */
function schedule(name: "RATES_IMPORT_SCHEDULE" | "RISK_RECOMPUTE_SCHEDULE" | "SET_OFF_SCHEDULE", productionDefault: string, env: NodeJS.ProcessEnv): string | null {
  const v = setting(name, env);
  if (v === "off") return null;
  return v ?? (setting("NODE_ENV", env) === "production" ? productionDefault : null);
}

/** The rates import's schedule: after Norges Bank publishes (about 16:00) in production. */
export const ratesImportSchedule = (env: NodeJS.ProcessEnv = process.env) => schedule("RATES_IMPORT_SCHEDULE", "15 17 * * *", env);

/** The daily set-off's schedule: early morning in production. */
export const setOffSchedule = (env: NodeJS.ProcessEnv = process.env) => schedule("SET_OFF_SCHEDULE", "0 6 * * *", env);

/** The nightly risk-signal recompute's schedule. */
export const riskRecomputeSchedule = (env: NodeJS.ProcessEnv = process.env) => schedule("RISK_RECOMPUTE_SCHEDULE", "30 2 * * *", env);
