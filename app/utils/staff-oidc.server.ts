import * as client from "openid-client";
import type { AppConfig } from "~/config.server";

let cached: { key: string; promise: Promise<client.Configuration> } | null = null;

/** Discovery of the staff issuer (the embedded test provider's staff client, or the employer's IdP), cached per process. */
export function staffOidcClient(config: AppConfig): Promise<client.Configuration> {
  const { issuer, clientId, clientSecret } = config.staff;
  const key = `${issuer} ${clientId}`;
  if (cached && cached.key === key) return cached.promise;
  const insecure = issuer.startsWith("http://");
  const promise = client
    .discovery(new URL(issuer), clientId, clientSecret, client.ClientSecretBasic(clientSecret), insecure ? { execute: [client.allowInsecureRequests] } : undefined)
    .catch((err: unknown) => {
      cached = null;
      throw err;
    });
  cached = { key, promise };
  return promise;
}

export { client as oidc };
