import { setting } from "./config.server";
import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { RequestContext } from "./request-context";
import { logError } from "./utils/log.server";
import { NO_STORE } from "./utils/security-headers";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/** Unexpected errors are logged with the request id that the error page shows the user. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  // By kind, code and stack frames only: an error's message can hold what the resident typed.
  logError("request failed", error, { requestId: context?.requestId, method: request.method, path: new URL(request.url).pathname });
}

function contentSecurityPolicy(context: AppLoadContext): string {
  const idp = new URL(context.config.oidc.issuer).origin;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${context.cspNonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${idp}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** Remix data requests (single fetch `.data`): the loaders' personal data is never stored either. */
export function handleDataRequest(response: Response): Response {
  try {
    response.headers.set("Cache-Control", NO_STORE);
    return response;
  } catch {
    // immutable headers: copy
    const headers = new Headers(response.headers);
    headers.set("Cache-Control", NO_STORE);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const bot = isbot(request.headers.get("user-agent") || "");
  const nonce = loadContext.cspNonce;
  if (setting("NODE_ENV") === "production") responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(loadContext));
  // Every page carries a per-request nonce and may carry personal data and a CSRF token: never stored.
  responseHeaders.set("Cache-Control", NO_STORE);
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RequestContext.Provider value={{ requestId: loadContext.requestId, nonce }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </RequestContext.Provider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError("render failed", error, { requestId: loadContext.requestId });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
