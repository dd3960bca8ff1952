import type { AppConfig } from "./config.server";
import type { Database } from "./db/client.server";
import type { RateLimits } from "./services/rate-limit.server";

/** What the HTTP server hands every loader and action (Remix load context). */
export interface AppContext {
  config: AppConfig;
  database: Database;
  /** Per request: correlates the log with an error page. */
  requestId: string;
  /** Per request: CSP nonce for inline scripts. */
  cspNonce: string;
  /** The rate limits (server/main.ts always sets them; a context built in a unit test may leave them out). */
  rateLimits?: RateLimits;
}

declare module "@remix-run/node" {
  // Declaration merging: Remix's context gets our fields (an empty body is the point).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
