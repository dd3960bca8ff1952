import type { AppConfig } from "./config.server";
import type { Database } from "./db/client.server";

/** What the HTTP server hands every loader and action (Remix load context). */
export interface AppContext {
  config: AppConfig;
  database: Database;
  /** Per request: correlates the log with an error page. */
  requestId: string;
  /** Per request: CSP nonce for inline scripts. */
  cspNonce: string;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends AppContext {}
}
