import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { parseRoles, unitOf, validStaffIdent } from "~/domain/staff-roles";
import { log } from "~/utils/log.server";
import { readSession } from "~/utils/session.server";
import { oidc, staffOidcClient } from "~/utils/staff-oidc.server";
import { notFound, safeStaffReturnTo, STAFF_BASE, staffLoginCookie, startStaffSession } from "~/utils/staff-session.server";

/**
 * The staff OIDC callback: state, nonce and PKCE checked by openid-client; the ident and the app
 * roles come from the id_token's claims (names configurable); no known role means no session.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, database, requestId } = context;
  if (!config.staff.enabled) throw notFound();
  const clear = await staffLoginCookie(config).serialize("", { maxAge: 0 });
  const fail = (why: string) => {
    log.warn("staff login failed", { reason: why, requestId });
    return redirect(`${STAFF_BASE}/logg-inn?feil=${why === "no-role" ? "rolle" : "1"}`, { headers: { "Set-Cookie": clear } });
  };
  const pending = (await staffLoginCookie(config).parse(request.headers.get("Cookie"))) as { state?: string; nonce?: string; verifier?: string; returnTo?: string } | null;
  if (!pending?.state || !pending.verifier || !pending.nonce) {
    // a resident who lands here gets what they get on every staff route
    if ((await readSession(request, config)).status === "ok") throw notFound();
    return fail("state");
  }
  const incoming = new URL(request.url);
  if (incoming.searchParams.get("state") !== pending.state || incoming.searchParams.has("error")) return fail("state");
  let claims: Record<string, unknown>;
  try {
    const conf = await staffOidcClient(config);
    const tokens = await oidc.authorizationCodeGrant(conf, new URL(incoming.pathname + incoming.search, config.publicUrl), {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = (tokens.claims() ?? {}) as Record<string, unknown>;
  } catch (err) {
    log.warn("staff token exchange failed", { requestId, err: err instanceof Error ? err.message : String(err) });
    return fail("provider");
  }
  const ident = claims[config.staff.identClaim];
  if (!validStaffIdent(ident)) return fail("ident");
  const roles = parseRoles(claims[config.staff.rolesClaim]);
  if (roles.length === 0) return fail("no-role");
  const name = typeof claims.name === "string" ? claims.name.slice(0, 200) : null;
  const cookie = await startStaffSession(database.db, config, { ident: ident.toUpperCase(), name, roles, unit: unitOf(roles) }, request.headers.get("Cookie"));
  log.info("staff logged in", { requestId, staffIdent: ident.toUpperCase(), roles: roles.join(",") });
  const headers = new Headers();
  headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", clear);
  return redirect(safeStaffReturnTo(pending.returnTo), { headers });
}
