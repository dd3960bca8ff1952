/**
 * Express's last error handler. A malformed request (bad %-encoding in a path, a body a parser
 * refused) is the client's error: 400 (or the parser's 4xx), problem+json under /api, plain text
 * elsewhere. Anything else is a 500 logged by kind and stack only (app/utils/log.server.ts).
 */
import type { NextFunction, Request, Response } from "express";
import { logError } from "../app/utils/log.server";

const PROBLEM_BASE = "https://frikortportalen.no/problems/";

function clientStatus(err: unknown): number | null {
  if (err instanceof URIError) return 400;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof e?.status === "number" ? e.status : typeof e?.statusCode === "number" ? e.statusCode : null;
  return status !== null && status >= 400 && status < 500 ? status : null;
}

export function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(err);
  const status = clientStatus(err);
  const api = req.path.startsWith("/api/");
  if (status !== null) {
    res.setHeader("Cache-Control", "no-store");
    if (api) {
      res
        .status(status)
        .type("application/problem+json")
        .send(JSON.stringify({ type: `${PROBLEM_BASE}${status === 413 ? "payload-too-large" : "malformed-request"}`, title: "The request is not valid", status }));
    } else {
      res
        .status(status)
        .type("text/plain")
        .send(status === 413 ? "Payload Too Large" : "Bad Request");
    }
    return;
  }
  logError("request failed", err, { requestId: res.locals.requestId, method: req.method });
  res.status(500);
  if (api) {
    res.type("application/problem+json").send(JSON.stringify({ type: `${PROBLEM_BASE}internal`, title: "Something went wrong on our side", status: 500 }));
  } else {
    res.type("text/plain").send("Internal Server Error");
  }
}
