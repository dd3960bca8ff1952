/**
 * Structured JSON logging. A fødselsnummer must never reach a log line: every string value is
 * passed through `redact`, which masks any run of 11 digits, as a safety net behind the rule that
 * code never logs one in the first place.
 *
 * Errors are logged by a whitelist (`describeError`): their kind, code, the database's schema
 * identifiers (table, column, constraint) and stack frames, never their message or any other
 * property. Messages carry values: a DrizzleQueryError's message holds the query and every
 * parameter (names, diagnoses, account numbers), a PostgreSQL error's quotes the bad input and its
 * `detail` the conflicting key. Only the messages of programming errors (TypeError,
 * ReferenceError), which quote code rather than data, are kept.
 */
import { setting } from "~/config.server";
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let minLevel: Level = setting("LOG_LEVEL");

export function setLogLevel(level: Level) {
  minLevel = level;
}

export function redact(value: string): string {
  return value.replace(/(?<!\d)\d{6}\s?\d{5}(?!\d)/g, "[fnr]");
}

const SAFE_MESSAGE_KINDS = new Set(["TypeError", "ReferenceError"]);
/** Schema identifiers and codes a database or system error carries; nothing that holds a value. */
const SAFE_FIELDS = ["code", "errno", "syscall", "severity", "routine", "table", "column", "constraint", "dataType", "status", "reason"] as const;

export interface ErrorDescription {
  kind: string;
  message?: string;
  [field: string]: unknown;
  frames?: string[];
  cause?: ErrorDescription;
}

/** What may be logged about an error: kind, codes, schema identifiers and stack frames (see above). */
export function describeError(err: unknown, depth = 0): ErrorDescription {
  if (!(err instanceof Error)) {
    // A thrown Response or Remix ErrorResponse says its status; nothing else of a non-Error is logged.
    const status = (err as { status?: unknown } | null)?.status;
    return { kind: err === null ? "null" : typeof err, ...(typeof status === "number" ? { status } : {}) };
  }
  // DrizzleQueryError keeps the name "Error", pg's DatabaseError has "error": the class says more.
  const ctor = err.constructor?.name;
  const out: ErrorDescription = { kind: ctor && ctor !== "Error" ? ctor : err.name || "Error" };
  if (SAFE_MESSAGE_KINDS.has(err.name)) out.message = redact(err.message).slice(0, 300);
  const e = err as unknown as Record<string, unknown>;
  for (const f of SAFE_FIELDS) {
    const v = e[f];
    if ((typeof v === "string" && /^[\w.:-]{1,64}$/.test(v)) || typeof v === "number") out[f] = v;
  }
  // Only the "    at …" lines: the stack's first lines repeat the message.
  const frames = (err.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .map((l) => redact(l.trim()));
  if (frames.length) out.frames = frames;
  if (depth < 3 && err.cause !== undefined) out.cause = describeError(err.cause, depth + 1);
  return out;
}

function clean(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return redact(v);
  if (v instanceof Error) return describeError(v);
  if (Array.isArray(v)) return depth > 4 ? "[…]" : v.map((x) => clean(x, depth + 1));
  if (v && typeof v === "object") {
    if (depth > 4) return "[…]";
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x, depth + 1)]));
  }
  return v;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (order[level] < order[minLevel]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: redact(msg), ...(clean(fields ?? {}) as object) });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

/** Logs an unexpected error by kind, codes and stack frames only (describeError), with ids in `fields`. */
export function logError(msg: string, err: unknown, fields: Record<string, unknown> = {}, level: "error" | "warn" = "error") {
  write(level, msg, { ...fields, err: describeError(err) });
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
