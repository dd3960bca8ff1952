/**
 * Where a resident may be sent after logging in (or after switching language): a path on this
 * portal, never another host. The value is parsed with the URL API against PUBLIC_URL and its
 * origin checked again, because browsers read `/\t/host`, `/\host` and `//host` as another host
 * while a string test sees a path. Anything doubtful falls back.
 */

/** Longest return path kept (it travels in a query string and a cookie). */
const MAX_LENGTH = 2048;
// Tab, newline and the other C0 controls (which the URL parser silently drops), DEL, and backslash
// (which browsers treat as "/").

const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/** Up to three rounds of percent-decoding: a path that decodes to something unsafe is refused. */
function decodings(path: string): string[] {
  const out = [path];
  let current = path;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return [...out, "\u0000"]; // malformed %-encoding: refuse
    }
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

export function safeReturnTo(value: unknown, publicUrl: string, fallback = "/mine"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || UNSAFE.test(value)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(publicUrl);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  for (const form of decodings(url.pathname)) {
    if (form.startsWith("//") || UNSAFE.test(form)) return fallback;
  }
  const result = url.pathname + url.search + url.hash;
  // The result is what the browser will be sent to: check once more that it stays here.
  return new URL(result, base).origin === base.origin ? result : fallback;
}
