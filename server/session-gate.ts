/**
 * The one place a session cookie is checked against its row (ADR 0002). Mounted after the static
 * files and before Remix, so a stylesheet or script never costs a database read; every document,
 * data (`.data`) and resource request that carries a session cookie costs one indexed lookup.
 * A cookie whose session has ended (logout, a newer login, expiry) is taken off the request — no
 * route can read it — and cleared in the browser; the route then answers as for a visitor who is
 * not logged in (the login page for resident pages).
 *
 * Acting for another resident (issue 22 item 12): the row's acting-as choice is checked against its relation here, and
 * passed to the routes in a signed header (any copy sent by the client is removed first); every form the acting resident
 * sends on a resident page is logged with both identities before the route runs.
 */
import type { RequestHandler } from "express";
import type { AppConfig } from "../app/config.server";
import type { Database } from "../app/db/client.server";
import { logActedRequest } from "../app/services/representation.server";
import { todayOslo } from "../app/utils/clock.server";
import { ACTING_HEADER, actingHeaderValue, clearSessionCookie, sessionGateCheck, withoutSessionCookie } from "../app/utils/session.server";

export function sessionGate(config: AppConfig, database: Database): RequestHandler {
  return (req, res, next) => {
    delete req.headers[ACTING_HEADER];
    // Lazy route discovery asks only for the route manifest: no user needed.
    if (req.path === "/__manifest") return next();
    sessionGateCheck(req.headers.cookie, config, database.db, todayOslo())
      .then(async (check) => {
        if (check.status === "ended") {
          req.headers.cookie = withoutSessionCookie(req.headers.cookie ?? "");
          res.append("Set-Cookie", await clearSessionCookie(config));
        } else if (check.status === "live" && check.acting) {
          req.headers[ACTING_HEADER] = await actingHeaderValue(req.headers.cookie ?? "", config, check.acting.personId, check.acting.basis, check.acting.scopes);
          await logActedRequest(
            database.db,
            { actorPersonId: check.personId, subjectPersonId: check.acting.personId, basis: check.acting.basis, scopes: check.acting.scopes },
            req.method,
            req.path,
          );
        }
        next();
      })
      .catch(next);
  };
}
