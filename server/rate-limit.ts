/**
 * Rate limits in front of the login (/auth/*) and the embedded test provider's pages (/idp), per client
 * IP address: neither is ours to change, so the limit stands in front of them. Over the limit a
 * resident gets a 429 page in their language (the fp_lang cookie) with Retry-After.
 */
import type { NextFunction, Request, Response } from "express";
import type { RateLimitConfig } from "../app/config.server";
import { DEFAULT_LANG, isLang, type Lang, translator } from "../app/i18n";
import type { RateLimitName, RateLimits } from "../app/services/rate-limit.server";
import { langCookie } from "../app/utils/session.server";

/**
 * The client's address: the socket's, or with `hops` proxies in front (each appending to
 * X-Forwarded-For) the address the outermost of them saw. Entries further left are whatever the
 * client claimed, and are never trusted.
 */
export function clientIp(req: Request, hops: number): string {
  const socket = req.socket.remoteAddress ?? "unknown";
  if (hops <= 0) return socket;
  const header = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? socket;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function tooManyPage(req: Request, seconds: number): Promise<{ lang: Lang; html: string }> {
  let lang: Lang = DEFAULT_LANG;
  try {
    const v: unknown = await langCookie.parse(req.headers.cookie ?? null);
    if (isLang(v)) lang = v;
  } catch {
    /* a broken cookie: the default language */
  }
  const t = translator(lang);
  const html = `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t("error.tooMany.title"))} – ${esc(t("site.name"))}</title></head>
<body><main><h1>${esc(t("error.tooMany.title"))}</h1>
<p>${esc(t("error.tooMany.lead", { seconds }))}</p>
<p><a href="/">${esc(t("error.home"))}</a></p></main></body></html>`;
  return { lang, html };
}

/**
 * The test provider's pages a browser opens (authorization, the login form, logout). Not its
 * back channel (token, JWKS, discovery): the portal calls those from its own address for every
 * resident's login, and a per-address limit there would stop all logins at once.
 */
const INTERACTIVE_IDP = /^\/idp\/(?:auth|interaction|session)(?:\/|$)/;

export function rateLimitMiddleware(config: RateLimitConfig, limits: RateLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    const name: RateLimitName | null = req.path.startsWith("/auth/") ? "login" : INTERACTIVE_IDP.test(req.path) ? "idp" : null;
    if (!name || !config.enabled) return next();
    limits
      .consume(name, clientIp(req, config.proxyHops))
      .then(async (r) => {
        if (r.allowed) return next();
        const { lang, html } = await tooManyPage(req, r.retryAfterSeconds);
        res
          .status(429)
          .set({ "Retry-After": String(r.retryAfterSeconds), "Cache-Control": "no-store", "Content-Language": lang, "Content-Security-Policy": "default-src 'none'" })
          .type("html")
          .send(html);
      })
      .catch(next);
  };
}
