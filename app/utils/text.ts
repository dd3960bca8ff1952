/**
 * Text that may cross the boundary into the portal. PostgreSQL cannot store NUL in text or jsonb,
 * and jsonb refuses an unpaired UTF-16 surrogate ("\ud800"); no person types either, nor the other
 * C0 control characters. Every string a provider or a resident sends is checked with this at the
 * boundary (zod schemas in app/schemas, the API's JSON reader, the form reader), so such input is
 * answered 400/422 instead of failing in the database as a 500. Tab, LF and CR stay allowed.
 */
import { z } from "zod";

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string holds NUL, another control character (not tab/LF/CR) or an unpaired surrogate. */
export function hasForbiddenChars(s: string): boolean {
  return FORBIDDEN.test(s);
}

/** A zod string that refuses forbidden characters with `message` (a stable code or a translation key). */
export function cleanString(message: string, params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine((s) => !hasForbiddenChars(s), { message });
}

export const FORBIDDEN_TEXT_MESSAGE = "must not contain control characters or unpaired surrogates";

/** How deep parsed JSON may nest before it is refused (no request of ours nests more than 3 levels). */
export const MAX_JSON_DEPTH = 32;

export type JsonTrouble = { kind: "too-deep" } | { kind: "forbidden"; path: string };

/**
 * Walks parsed JSON without recursion and reports the first key or string value with forbidden
 * characters, or nesting deeper than MAX_JSON_DEPTH.
 */
export function checkJson(value: unknown): JsonTrouble | null {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: "", depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      if (hasForbiddenChars(v)) return { kind: "forbidden", path: path || "(body)" };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) return { kind: "too-deep" };
    if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ v: x, path: path ? `${path}.${i}` : String(i), depth: depth + 1 }));
    } else {
      for (const [k, x] of Object.entries(v)) {
        if (hasForbiddenChars(k)) return { kind: "forbidden", path: path || "(body)" };
        stack.push({ v: x, path: path ? `${path}.${k}` : k, depth: depth + 1 });
      }
    }
  }
  return null;
}
