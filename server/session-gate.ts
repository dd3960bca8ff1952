/**
 * The one place a session cookie is checked against its row (ADR 0002). Mounted after the static
 * files and before Remix, so a stylesheet or script never costs a database read; every document,
 * data (`.data`) and resource request that carries a session cookie costs one indexed lookup.
 * A cookie whose session has ended (logout, a newer login, expiry) is taken off the request — no
 * route can read it — and cleared in the browser; the route then answers as for a visitor who is
 * not logged in (the login page for resident pages).
 */
import type { RequestHandler } from "express";
import type { AppConfig } from "../app/config.server";
import type { Database } from "../app/db/client.server";
import { clearSessionCookie, sessionCookieStatus, withoutSessionCookie } from "../app/utils/session.server";

export function sessionGate(config: AppConfig, database: Database): RequestHandler {
  return (req, res, next) => {
    // Lazy route discovery asks only for the route manifest: no user needed.
    if (req.path === "/__manifest") return next();
    sessionCookieStatus(req.headers.cookie, config, database.db)
      .then(async (status) => {
        if (status === "ended") {
          req.headers.cookie = withoutSessionCookie(req.headers.cookie ?? "");
          res.append("Set-Cookie", await clearSessionCookie(config));
        }
        next();
      })
      .catch(next);
  };
}
