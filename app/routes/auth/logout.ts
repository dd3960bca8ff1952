import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { log } from "~/utils/log.server";
import { oidc, oidcClient } from "~/utils/oidc.server";
import { clearSessionCookie, csrfMatches, openIdToken, readSession } from "~/utils/session.server";

/** Ends the portal session and then the ID-porten session (RP-initiated logout). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { config } = context;
  const state = await readSession(request, config);
  const headers = { "Set-Cookie": await clearSessionCookie(config) };
  if (state.status !== "ok") return redirect("/logget-ut", { headers });
  const form = await request.formData();
  if (!csrfMatches(state.user.csrf, form.get("csrf"))) {
    throw new Response("Forbidden", { status: 403 });
  }
  const idToken = openIdToken(config, state.user.idToken);
  try {
    const conf = await oidcClient(config);
    const url = oidc.buildEndSessionUrl(conf, {
      post_logout_redirect_uri: config.oidc.postLogoutRedirectUri,
      ...(idToken ? { id_token_hint: idToken } : { client_id: config.oidc.clientId }),
    });
    log.info("citizen logged out", { requestId: context.requestId, personId: state.user.personId });
    return redirect(url.href, { headers });
  } catch {
    return redirect("/logget-ut", { headers });
  }
}

export async function loader() {
  return redirect("/");
}
