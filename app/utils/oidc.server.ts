import * as client from "openid-client";
import type { AppConfig } from "~/config.server";

let cached: { issuer: string; promise: Promise<client.Configuration> } | null = null;

/** Discovery of the configured issuer (embedded test provider or ID-porten), cached per process. */
export function oidcClient(config: AppConfig): Promise<client.Configuration> {
  if (cached && cached.issuer === config.oidc.issuer) return cached.promise;
  const insecure = config.oidc.issuer.startsWith("http://");
  const promise = client
    .discovery(
      new URL(config.oidc.issuer),
      config.oidc.clientId,
      config.oidc.clientSecret,
      client.ClientSecretBasic(config.oidc.clientSecret),
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    .catch((err: unknown) => {
      cached = null; // try discovery again on the next login
      throw err;
    });
  cached = { issuer: config.oidc.issuer, promise };
  return promise;
}

export { client as oidc };
