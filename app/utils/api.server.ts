/**
 * Provider API plumbing: bearer-key authentication, JSON bodies, and RFC 9457 problem+json errors.
 * No personal data in any error body or log line: field errors name the field and the rule only.
 */
import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "~/context.server";
import { providerApiKeys } from "~/db/schema";
import { orgnrOf } from "~/kernel/orgnr";
import type { Orgnr } from "~/kernel/types";
import type { RateLimitName } from "~/config.server";
import { logError } from "./log.server";
import { checkJson, FORBIDDEN_TEXT_MESSAGE, MAX_JSON_DEPTH } from "./text";

export const PROBLEM_BASE = "https://frikortportalen.no/problems/";

export type ProblemSlug =
  | "validation"
  | "malformed-json"
  | "malformed-path"
  | "rate-limited"
  | "unsupported-media-type"
  | "unsupported-content-encoding"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "payload-too-large"
  | "method-not-allowed"
  | "exempt-child"
  | "already-cancelled"
  | "internal";

export interface FieldError {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly title: string,
    readonly extra: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(title);
  }
}

/**
 * An API request as the router needs it: the web server builds it straight from Node's request
 * (no WHATWG Request on the hot path), Remix's fallback route from its Request (fromRequest).
 */
export interface ApiRequest {
  method: string;
  /** The URL path (for problem+json `instance`). */
  pathname: string;
  header(name: string): string | null;
  text(): Promise<string>;
}

/** An API answer: status, headers and a JSON (or problem+json) body, written as is. */
export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function fromRequest(request: Request): ApiRequest {
  return { method: request.method, pathname: new URL(request.url).pathname, header: (n) => request.headers.get(n), text: () => request.text() };
}

export function toResponse(reply: ApiReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

export function problemResponse(p: ApiProblem, instance?: string): ApiReply {
  const body: Record<string, unknown> = { type: PROBLEM_BASE + p.slug, title: p.title, status: p.status };
  if (p.extra.detail) body.detail = p.extra.detail;
  if (instance) body.instance = instance;
  if (p.extra.errors) body.errors = p.extra.errors;
  return {
    status: p.status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...(p.extra.headers ?? {}) },
    body: JSON.stringify(body),
  };
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): ApiReply {
  return { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers }, body: JSON.stringify(data) };
}

export function fieldErrors(error: z.ZodError, prefix = ""): FieldError[] {
  return error.issues.map((i) => ({
    field: prefix + (i.path.length ? i.path.map(String).join(".") : "(body)"),
    message: i.code === "unrecognized_keys" ? `unknown field(s): ${(i as { keys?: string[] }).keys?.join(", ")}` : i.message,
  }));
}

export function validationProblem(errors: FieldError[]): ApiProblem {
  return new ApiProblem(422, "validation", "The request is not valid", { errors });
}

export function parseWith<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw validationProblem(fieldErrors(r.error));
  return r.data;
}

const MAX_BODY = 512 * 1024;

export async function readJson(request: ApiRequest): Promise<unknown> {
  const type = request.header("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiProblem(415, "unsupported-media-type", "Send the body as application/json");
  }
  const text = await request.text();
  if (text.length > MAX_BODY) throw new ApiProblem(413, "payload-too-large", "The body is too large", { detail: `At most ${MAX_BODY} bytes.` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Also a RangeError from JSON nested beyond the engine's stack.
    throw new ApiProblem(400, "malformed-json", "The body is not valid JSON");
  }
  const trouble = checkJson(value);
  if (trouble?.kind === "too-deep") {
    throw new ApiProblem(400, "malformed-json", "The body nests too deeply", { detail: `At most ${MAX_JSON_DEPTH} levels of arrays and objects.` });
  }
  if (trouble) throw validationProblem([{ field: trouble.path, message: FORBIDDEN_TEXT_MESSAGE }]);
  return value;
}

export type Scope = "egenandeler:write" | "frikort:read" | "regninger:write" | "krav:read";
export const ALL_SCOPES: Scope[] = ["egenandeler:write", "frikort:read", "regninger:write", "krav:read"];

export interface ProviderPrincipal {
  orgnr: Orgnr;
  keyId: string;
  scopes: string[];
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

// Keys are looked up on every request; a short cache keeps the hot path to one hash. A revoked key
// stops working within KEY_CACHE_MS on every web process.
const KEY_CACHE_MS = 10_000;
const keyCache = new Map<string, { principal: ProviderPrincipal | null; until: number }>();

export async function requireProvider(request: ApiRequest, ctx: AppContext, scope: Scope): Promise<ProviderPrincipal> {
  const header = request.header("Authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const challenge = { "WWW-Authenticate": 'Bearer realm="frikortportalen"' };
  if (!m) throw new ApiProblem(401, "unauthorized", "An API key is required", { detail: "Send Authorization: Bearer <key>.", headers: challenge });
  const hash = hashKey(m[1]!);
  const now = Date.now();
  let cached = keyCache.get(hash);
  if (!cached || cached.until < now) {
    const [row] = await ctx.database.db
      .select({ id: providerApiKeys.id, orgnr: providerApiKeys.orgnr, scopes: providerApiKeys.scopes })
      .from(providerApiKeys)
      .where(and(eq(providerApiKeys.keyHash, hash), isNull(providerApiKeys.revokedAt)))
      .limit(1);
    cached = { principal: row ? { orgnr: orgnrOf(row.orgnr), keyId: row.id, scopes: row.scopes } : null, until: now + KEY_CACHE_MS };
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(hash, cached);
  }
  if (!cached.principal) throw new ApiProblem(401, "unauthorized", "The API key is unknown or revoked", { headers: challenge });
  if (!cached.principal.scopes.includes(scope)) {
    throw new ApiProblem(403, "forbidden", "The API key does not have the scope this needs", { detail: `Required scope: ${scope}.` });
  }
  await enforceApiLimit(ctx, "apiKey", cached.principal.keyId);
  return cached.principal;
}

/** Test hook: forget cached keys (a revocation in a test must take effect at once). */
export function clearKeyCache() {
  keyCache.clear();
}

/** A path that is not valid %-encoded UTF-8, or that decodes to characters no id has. */
export function malformedPath(): ApiProblem {
  return new ApiProblem(400, "malformed-path", "The path is not valid", { detail: "Path segments must be %-encoded UTF-8 without control characters." });
}

/** Runs an API handler: problems become problem+json; anything unexpected a 500 with the request id. */
export async function api(ctx: AppContext, request: ApiRequest, handler: () => Promise<ApiReply>): Promise<ApiReply> {
  try {
    return await handler();
  } catch (err) {
    if (err instanceof ApiProblem) return problemResponse(err, request.pathname);
    if (err instanceof Response) throw err;
    if (err instanceof URIError) return problemResponse(malformedPath(), request.pathname);
    logError("api request failed", err, { requestId: ctx.requestId, path: request.pathname });
    return problemResponse(new ApiProblem(500, "internal", "Something went wrong on our side", { detail: `Error id ${ctx.requestId}.` }), request.pathname);
  }
}

/** For the provider API: over the limit, problem+json 429 with Retry-After. */
export async function enforceApiLimit(ctx: AppContext, name: RateLimitName, key: string, points = 1): Promise<void> {
  const r = await ctx.rateLimits?.consume(name, key, points);
  if (r && !r.allowed) {
    throw new ApiProblem(429, "rate-limited", "Too many requests", {
      detail: `This API key has used its ${name === "apiKey" ? "requests" : name === "statusLookup" ? "frikort status lookups" : "proof code checks"} for now; try again in ${r.retryAfterSeconds} s.`,
      headers: { "Retry-After": String(r.retryAfterSeconds) },
    });
  }
}
