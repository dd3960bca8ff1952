import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { readSession } from "~/utils/session.server";
import { oidc, staffOidcClient } from "~/utils/staff-oidc.server";
import { notFound, readStaff, safeStaffReturnTo, staffLoginCookie } from "~/utils/staff-session.server";

/** Starts the staff OIDC code flow with PKCE; `prompt=login` so a resident's provider session is never reused. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, database } = context;
  if (!config.staff.enabled) throw notFound();
  if (!(await readStaff(request, config, database.db)) && (await readSession(request, config)).status === "ok") throw notFound();
  const returnTo = safeStaffReturnTo(new URL(request.url).searchParams.get("returnTo"));
  const conf = await staffOidcClient(config);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authUrl = oidc.buildAuthorizationUrl(conf, {
    redirect_uri: config.staff.redirectUri,
    scope: "openid profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    prompt: "login",
  });
  return redirect(authUrl.href, {
    headers: { "Set-Cookie": await staffLoginCookie(config).serialize({ state, nonce, verifier, returnTo }) },
  });
}
