import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { log } from "~/utils/log.server";
import { oidc, oidcClient } from "~/utils/oidc.server";
import { clearSessionCookie, csrfMatches, endCitizenSession, readSession } from "~/utils/session.server";

/**
 * Ends the portal session on the server (its row), clears the cookie, and then ends the ID-porten
 * session (RP-initiated logout). Only by POST with the session's CSRF token. The end-session URL
 * names the client (client_id + post_logout_redirect_uri), not the person: an id_token_hint would
 * put the fødselsnummer in a URL the browser keeps in its history.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { config, database } = context;
  const state = await readSession(request, config);
  const headers = { "Set-Cookie": await clearSessionCookie(config), "Cache-Control": "no-store" };
  if (state.status !== "ok") return redirect("/logget-ut", { headers });
  const form = await request.formData();
  if (!csrfMatches(state.user.csrf, form.get("csrf"))) {
    throw new Response("Forbidden", { status: 403 });
  }
  await endCitizenSession(database.db, state.user);
  log.info("citizen logged out", { requestId: context.requestId, personId: state.user.personId });
  try {
    const conf = await oidcClient(config);
    const url = oidc.buildEndSessionUrl(conf, {
      client_id: config.oidc.clientId,
      post_logout_redirect_uri: config.oidc.postLogoutRedirectUri,
    });
    return redirect(url.href, { headers });
  } catch {
    return redirect("/logget-ut", { headers });
  }
}

export async function loader() {
  return redirect("/");
}
