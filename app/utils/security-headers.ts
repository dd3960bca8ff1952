/**
 * Headers sent with every answer, by the bare API listener and by Express alike. HSTS only when the
 * portal is reached over https (PUBLIC_URL): on plain http a browser ignores it, and a local demo
 * on http://localhost must not teach the browser to insist on https for localhost.
 */
export const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders(publicUrl: string): Record<string, string> {
  const headers: Record<string, string> = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" };
  if (new URL(publicUrl).protocol === "https:") headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

/** Pages and data that may hold personal data are never stored by the browser or a proxy. */
export const NO_STORE = "no-store";
