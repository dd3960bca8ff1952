import { data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading, buttonClass } from "~/components/ui";
import { validateFnr } from "~/kernel/fnr";
import { useT } from "~/i18n/use-t";
import { findOrCreatePersonByFnr } from "~/models/person.server";
import { log } from "~/utils/log.server";
import { pageTitle } from "~/utils/meta";
import { oidc, oidcClient } from "~/utils/oidc.server";
import { loginCookie, readSession, safeReturnTo, startCitizenSession } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "loginFailed.title");

type Failure = "state" | "acr" | "provider";

async function fail(reason: Failure, config: Parameters<typeof loginCookie>[0], requestId: string) {
  log.warn("login failed", { reason, requestId });
  return data({ reason }, { status: 400, headers: { "Set-Cookie": await loginCookie(config).serialize("", { maxAge: 0 }) } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, database, requestId } = context;
  const pending = (await loginCookie(config).parse(request.headers.get("Cookie"))) as { state: string; nonce: string; verifier: string; returnTo: string } | null;
  if (!pending || typeof pending !== "object" || !pending.state) return fail("state", config, requestId);

  const incoming = new URL(request.url);
  const currentUrl = new URL(incoming.pathname + incoming.search, config.publicUrl);
  if (incoming.searchParams.get("state") !== pending.state) return fail("state", config, requestId);
  if (incoming.searchParams.has("error")) return fail("provider", config, requestId);

  let claims: Record<string, unknown>;
  try {
    const conf = await oidcClient(config);
    const tokens = await oidc.authorizationCodeGrant(conf, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = (tokens.claims() ?? {}) as Record<string, unknown>;
  } catch (err) {
    log.warn("token exchange failed", { requestId, err: err instanceof Error ? err.message : String(err) });
    return fail("provider", config, requestId);
  }
  if (claims.acr !== config.oidc.acr) return fail("acr", config, requestId);
  const pid = typeof claims.pid === "string" ? claims.pid : "";
  const checked = validateFnr(pid);
  if (!checked.valid) return fail("provider", config, requestId);

  const person = await findOrCreatePersonByFnr(database.db, checked.fnr, checked.birthDate);
  // A new login ends the person's earlier sessions and this browser's previous one (ADR 0002).
  const previous = await readSession(request, config);
  const sessionCookie = await startCitizenSession(database.db, config, person.id, previous);
  log.info("citizen logged in", { requestId, personId: person.id });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie);
  headers.append("Set-Cookie", await loginCookie(config).serialize("", { maxAge: 0 }));
  return redirect(safeReturnTo(pending.returnTo, config.publicUrl), { headers });
}

export default function LoginFailed() {
  const { t } = useT();
  const { reason } = useLoaderData<typeof loader>();
  return (
    <Card>
      <PageHeading>{t("loginFailed.title")}</PageHeading>
      <Alert kind="error">{t(`loginFailed.${reason}`)}</Alert>
      <a href="/auth/start" className={buttonClass}>
        {t("loginFailed.retry")}
      </a>
    </Card>
  );
}
