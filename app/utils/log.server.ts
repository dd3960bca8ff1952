/**
 * Structured JSON logging. A fødselsnummer must never reach a log line: every string value is
 * passed through `redact`, which masks any run of 11 digits, as a safety net behind the rule that
 * code never logs one in the first place.
 */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let minLevel: Level = (process.env.LOG_LEVEL as Level | undefined) ?? "info";

export function setLogLevel(level: Level) {
  minLevel = level;
}

export function redact(value: string): string {
  return value.replace(/(?<!\d)\d{6}\s?\d{5}(?!\d)/g, "[fnr]");
}

function clean(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return redact(v);
  if (v instanceof Error) return { name: v.name, message: redact(v.message), stack: v.stack ? redact(v.stack) : undefined };
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

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
