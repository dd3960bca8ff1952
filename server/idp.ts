/**
 * Embedded ID-porten-like OpenID Connect provider for the default (no OIDC_ISSUER) setup and tests.
 * Plays ID-porten's test environment: any fødselsnummer or D-nummer that passes the control digits
 * logs in; the id_token carries `pid` and `acr` like ID-porten's. Never used when OIDC_ISSUER is set.
 */
import { createHmac, generateKeyPairSync } from "node:crypto";
import express, { type Express, type Request, type Response } from "express";
import Provider, { type ClientMetadata, type Configuration } from "oidc-provider";
import { validateFnr } from "../app/kernel/fnr";
import type { AppConfig } from "../app/config.server";
import { log } from "../app/utils/log.server";

const ACR_HIGH = "idporten-loa-high";
const ACR_SUBSTANTIAL = "idporten-loa-substantial";

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const page = (title: string, body: string) => `<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – Test-ID-porten</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f6;color:#1e2b3c}
header{background:#1e2b3c;color:#fff;padding:1rem 1.5rem;font-weight:600}
main{max-width:32rem;margin:2rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.2)}
h1{font-size:1.6rem;margin-top:0} label{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=text]{font-size:1.2rem;padding:.5rem;width:100%;box-sizing:border-box;border:2px solid #4a5a6c;border-radius:.25rem;letter-spacing:.05em}
input:focus,button:focus{outline:3px solid #f9b000;outline-offset:2px}
.hint{color:#4a5a6c;margin:.25rem 0 0}
.error{color:#b3261e;font-weight:600;margin:.25rem 0 0}
fieldset{border:0;padding:0;margin:1.25rem 0 0} legend{font-weight:600}
button{margin-top:1.5rem;font-size:1.1rem;padding:.7rem 1.4rem;background:#0062ba;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
.note{font-size:.9rem;color:#4a5a6c;margin-top:2rem}
</style></head>
<body><header>Test-ID-porten (kun for utvikling og test)</header><main>${body}</main></body></html>`;

function loginForm(uid: string, opts: { value?: string; error?: string; clientName: string }) {
  const errId = opts.error ? ' aria-describedby="fnr-hint fnr-error" aria-invalid="true"' : ' aria-describedby="fnr-hint"';
  return page(
    "Logg inn",
    `<h1>Logg inn til ${esc(opts.clientName)}</h1>
<form method="post" action="/idp/interaction/${esc(uid)}/login" novalidate>
  <label for="fnr">Fødselsnummer</label>
  <p class="hint" id="fnr-hint">11 siffer. Fødselsnummer eller D-nummer.</p>
  ${opts.error ? `<p class="error" id="fnr-error">${esc(opts.error)}</p>` : ""}
  <input type="text" id="fnr" name="fnr" inputmode="numeric" autocomplete="off" value="${esc(opts.value ?? "")}"${errId}>
  <fieldset><legend>Sikkerhetsnivå (test)</legend>
    <label style="font-weight:400"><input type="radio" name="acr" value="${ACR_HIGH}" checked> Høyt (${ACR_HIGH})</label>
    <label style="font-weight:400"><input type="radio" name="acr" value="${ACR_SUBSTANTIAL}"> Betydelig (${ACR_SUBSTANTIAL})</label>
  </fieldset>
  <button type="submit">Logg inn</button>
</form>
<p class="note">Dette er en testinnlogging. Alle fødselsnumre med gyldige kontrollsifre godtas, slik som i ID-portens testmiljø.</p>`,
  );
}

/**
 * Staff test idents of the embedded provider's staff client (ADR 0015), like an employer identity
 * provider's test users: the id_token carries NAVident, name and the app roles.
 */
export const STAFF_TEST_USERS: Record<string, { name: string; roles: string[] }> = {
  Z990001: { name: "Sara Saksbehandler", roles: ["caseworker"] },
  Z990002: { name: "Kari Kontroller", roles: ["controller"] },
  Z990003: { name: "Lars Lesetilgang", roles: ["read-only"] },
  Z990004: { name: "Andre Attestant", roles: ["caseworker"] },
};
const STAFF_PREFIX = "staff:";

function staffLoginForm(uid: string, opts: { value?: string; error?: string }) {
  const errId = opts.error ? ' aria-describedby="ident-hint ident-error" aria-invalid="true"' : ' aria-describedby="ident-hint"';
  const users = Object.entries(STAFF_TEST_USERS)
    .map(([ident, u]) => `<li><code>${esc(ident)}</code> – ${esc(u.name)} (${esc(u.roles.join(", "))})</li>`)
    .join("");
  return page(
    "Logg inn",
    `<h1>Logg inn til Frikortportalen – saksbehandling</h1>
<form method="post" action="/idp/interaction/${esc(uid)}/staff-login" novalidate>
  <label for="ident">Ansattident</label>
  <p class="hint" id="ident-hint">En bokstav og seks siffer, for eksempel Z990001.</p>
  ${opts.error ? `<p class="error" id="ident-error">${esc(opts.error)}</p>` : ""}
  <input type="text" id="ident" name="ident" autocomplete="off" value="${esc(opts.value ?? "")}"${errId}>
  <button type="submit">Logg inn</button>
</form>
<p class="note">Testbrukere:</p><ul class="note">${users}</ul>`,
  );
}

export interface EmbeddedIdp {
  mount(app: Express): void;
}

export async function createEmbeddedIdp(config: AppConfig): Promise<EmbeddedIdp> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "embedded-1" };
  const pairwise = (pid: string) => createHmac("sha256", config.sessionSecret).update(`sub:${pid}`).digest("base64url").slice(0, 43);

  const residentClients: ClientMetadata[] = config.oidc.embedded
    ? [
        {
          client_id: config.oidc.clientId,
          client_secret: config.oidc.clientSecret,
          client_name: "Frikortportalen",
          redirect_uris: [config.oidc.redirectUri],
          post_logout_redirect_uris: [config.oidc.postLogoutRedirectUri],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_basic" as const,
        },
      ]
    : [];
  const staffClients: ClientMetadata[] = config.staff.embedded
    ? [
        {
          client_id: config.staff.clientId,
          client_secret: config.staff.clientSecret,
          client_name: "Frikortportalen – saksbehandling",
          redirect_uris: [config.staff.redirectUri],
          post_logout_redirect_uris: [config.staff.postLogoutRedirectUri],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_basic" as const,
        },
      ]
    : [];
  const oidcConfig: Configuration = {
    clients: [...residentClients, ...staffClients],
    pkce: { required: () => true },
    acrValues: [ACR_SUBSTANTIAL, ACR_HIGH],
    // ID-porten puts pid in the id_token; sub is a pairwise pseudonym.
    claims: { openid: ["sub", "pid", "acr", "amr", "NAVident", "roles"], profile: ["name"] },
    conformIdTokenClaims: false,
    jwks: { keys: [jwk as never] },
    cookies: { keys: [config.sessionSecret] },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 3600 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            "Logg ut",
            `<h1>Logger ut …</h1>${form}
<p>Du logges ut av Test-ID-porten.</p>
<button type="submit" form="op.logoutForm" value="yes" name="logout">Logg ut</button>
<script>document.getElementById("op.logoutForm").insertAdjacentHTML("beforeend",'<input type="hidden" name="logout" value="yes">');document.getElementById("op.logoutForm").submit()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page("Logget ut", `<h1>Du er logget ut av Test-ID-porten</h1>`);
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/idp/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          if (id.startsWith(STAFF_PREFIX)) {
            const ident = id.slice(STAFF_PREFIX.length);
            const user = STAFF_TEST_USERS[ident];
            return { sub: pairwise(id), NAVident: ident, name: user?.name, roles: user?.roles ?? [] };
          }
          return { sub: pairwise(id), pid: id };
        },
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      log.warn("idp error", { error: out.error, description: out.error_description });
      ctx.body = page(
        "Feil",
        `<h1>Innloggingen kunne ikke fullføres</h1><p>${esc(String(out.error_description ?? out.error))}</p>
<p><a href="${esc(config.publicUrl)}/">Tilbake til Frikortportalen</a></p>`,
      );
    },
  };

  const provider = new Provider(config.oidc.issuer, oidcConfig);
  provider.proxy = true;
  provider.on("server_error", (_ctx, err) => log.error("idp server error", { err }));

  const parse = express.urlencoded({ extended: false, limit: "10kb" });

  async function showInteraction(req: Request, res: Response) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === "login") {
      if (config.staff.embedded && details.params.client_id === config.staff.clientId) res.type("html").send(staffLoginForm(details.uid, {}));
      else res.type("html").send(loginForm(details.uid, { clientName: "Frikortportalen" }));
      return;
    }
    // consent: ID-porten asks no consent question for its own clients; grant what was asked.
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error("consent without session");
    const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId, clientId: details.params.client_id as string });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return {
    mount(app) {
      app.get("/idp/interaction/:uid", (req, res, next) => {
        showInteraction(req, res).catch(next);
      });
      app.post("/idp/interaction/:uid/staff-login", parse, (req, res, next) => {
        (async () => {
          const details = await provider.interactionDetails(req, res);
          // only the staff client's interactions take a staff ident
          if (!config.staff.embedded || details.params.client_id !== config.staff.clientId) {
            res.status(400).type("html").send(page("Feil", "<h1>Feil innlogging</h1>"));
            return;
          }
          const ident = (typeof req.body?.ident === "string" ? req.body.ident : "").trim().toUpperCase();
          if (!STAFF_TEST_USERS[ident]) {
            const error = ident === "" ? "Skriv inn ansattidenten din." : "Ukjent ansattident. Bruk en av testbrukerne under.";
            res
              .status(400)
              .type("html")
              .send(staffLoginForm(details.uid, { value: ident, error }));
            return;
          }
          await provider.interactionFinished(req, res, { login: { accountId: `${STAFF_PREFIX}${ident}`, amr: ["TestID"], remember: false } }, { mergeWithLastSubmission: false });
        })().catch(next);
      });
      app.post("/idp/interaction/:uid/login", parse, (req, res, next) => {
        (async () => {
          const details = await provider.interactionDetails(req, res);
          if (config.staff.embedded && details.params.client_id === config.staff.clientId) {
            res.status(400).type("html").send(page("Feil", "<h1>Feil innlogging</h1>"));
            return;
          }
          const raw = typeof req.body?.fnr === "string" ? req.body.fnr : "";
          const checked = validateFnr(raw);
          if (!checked.valid) {
            const error =
              raw.trim() === ""
                ? "Skriv inn fødselsnummeret ditt."
                : checked.reason === "format"
                  ? "Fødselsnummeret må være 11 siffer."
                  : "Fødselsnummeret er ikke gyldig. Sjekk at du har skrevet det riktig.";
            res
              .status(400)
              .type("html")
              .send(loginForm(details.uid, { value: raw, error, clientName: "Frikortportalen" }));
            return;
          }
          const acr = req.body?.acr === ACR_SUBSTANTIAL ? ACR_SUBSTANTIAL : ACR_HIGH;
          const pid = raw.trim();
          await provider.interactionFinished(req, res, { login: { accountId: pid, acr, amr: ["TestID"], remember: false } }, { mergeWithLastSubmission: false });
        })().catch(next);
      });
      app.use("/idp", provider.callback());
    },
  };
}
