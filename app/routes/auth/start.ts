import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { oidc, oidcClient } from "~/utils/oidc.server";
import { getLang, loginCookie, safeReturnTo } from "~/utils/session.server";

/** Starts the OIDC authorization-code flow with PKCE: state, nonce and verifier go in a short-lived signed cookie. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config } = context;
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"), config.publicUrl);
  const conf = await oidcClient(config);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const lang = await getLang(request);
  const authUrl = oidc.buildAuthorizationUrl(conf, {
    redirect_uri: config.oidc.redirectUri,
    scope: "openid profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    acr_values: config.oidc.acr,
    ui_locales: lang,
  });
  return redirect(authUrl.href, {
    headers: { "Set-Cookie": await loginCookie(config).serialize({ state, nonce, verifier, returnTo }) },
  });
}
