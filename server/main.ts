/**
 * The web process: one Express server that serves the Remix app, the embedded test OIDC provider
 * (when no real issuer is configured) and static assets. Stateless apart from the database, so
 * several can run behind a load balancer on one PostgreSQL server.
 */
import { randomBytes, randomUUID } from "node:crypto";
import cluster from "node:cluster";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { loadConfig, setting } from "../app/config.server";
import type { AppContext } from "../app/context.server";
import { isHealthy, openDatabase } from "../app/db/client.server";
import { seedDemoData } from "../app/db/seed.server";
import { handleApi } from "../app/api/router.server";
import type { ApiRequest } from "../app/utils/api.server";
import { runnerFromEnv } from "../app/jobs/runner.server";
import { log, logError } from "../app/utils/log.server";
import { errorHandler } from "./errors";
import { batchStats } from "../app/services/batcher.server";
import { createEmbeddedIdp } from "./idp";
import { sessionGate } from "./session-gate";
import { securityHeaders } from "../app/utils/security-headers";
import { createRateLimits, sweepRateLimits } from "../app/services/rate-limit.server";
import { rateLimitMiddleware } from "./rate-limit";

const dev = process.argv.includes("--dev");
const API_BODY_LIMIT = 1024 * 1024;

/** The request body, or null when it is larger than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (req.method === "GET" || req.method === "HEAD") return resolve(Buffer.alloc(0));
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      req.resume();
      return resolve(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(tooLarge ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

// eslint-disable-next-line no-restricted-properties -- the environment is handed whole to loadConfig, which validates it
export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  /** Sent with every answer, by the bare API listener and by Express alike (each adds X-Request-Id); HSTS on https. */
  const SECURITY_HEADERS = securityHeaders(config.publicUrl);
  const database = await openDatabase(config.database.kind === "pglite" ? { kind: "pglite", dataDir: config.database.dataDir } : config.database);
  if (config.demoMode) log.warn("DEMO_MODE=true: the embedded test login is on, anyone can log in as any fødselsnummer");
  if (config.demoData) {
    const seeded = await seedDemoData(database, undefined, { providerKey: config.demoProviderKey }); // dev-provider-key only when DEMO_PROVIDER_KEY
    if (seeded > 0) log.info("demo data seeded", { residents: seeded });
  }
  // Background jobs (document reading). JOBS_IN_WEB=false: this process only sends jobs and
  // scripts/worker.ts runs them (PostgreSQL only: PGlite cannot be shared between processes).
  const jobsInWeb = env.JOBS_IN_WEB !== "false";
  if (!jobsInWeb && database.kind === "pglite") log.warn("JOBS_IN_WEB=false with PGlite: no worker can reach this database; documents stay queued");
  // Rate limits shared by every web process on this database (docs/decisions/0012-rate-limits.md).
  const rateLimits = createRateLimits(database, config.rateLimits);
  if (!config.rateLimits.enabled) log.warn("RATE_LIMITS=off: no rate limits (load tests only)");
  const sweep = setInterval(() => void sweepRateLimits(database).catch(() => undefined), 10 * 60_000);
  sweep.unref();
  const jobs = runnerFromEnv(env, { work: jobsInWeb });
  await jobs.start(database);

  const app = express();
  app.disable("x-powered-by");
  // Trust X-Forwarded-* only from the proxies in front of us (RATE_LIMIT_PROXY_HOPS), as the rate limits do.
  app.set("trust proxy", config.rateLimits.proxyHops > 0 ? config.rateLimits.proxyHops : false);
  // The provider API, answered by app/api/router.server.ts straight from Node's request: no WHATWG
  // Request/Response, no CSP nonce, no Express. The two hot calls (small JSON bodies) are taken by
  // the bare node:http listener below, before Express sees them; every other API call comes through
  // Express and compression.
  const apiHandler = (req: IncomingMessage, res: ServerResponse, path: string, requestId: string = randomUUID()): Promise<void> => {
    const security = { "X-Request-Id": requestId, ...SECURITY_HEADERS };
    const problem = (status: number, slug: string, title: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...security, "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...extra });
      res.end(JSON.stringify({ type: `https://frikortportalen.no/problems/${slug}`, title, status }));
    };
    const coding = (req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
    if (coding !== "identity" && coding !== "") {
      // RFC 9110 §15.5.16: a content coding the server does not decode is 415, with Accept-Encoding saying what it takes.
      req.resume();
      problem(415, "unsupported-content-encoding", "Send the body without a content coding", { "Accept-Encoding": "identity" });
      return Promise.resolve();
    }
    return readBody(req, API_BODY_LIMIT).then((body) => {
      if (body === null) return problem(413, "payload-too-large", "The body is too large");
      const request: ApiRequest = {
        method: req.method ?? "GET",
        pathname: (req.url ?? "/").split("?")[0]!,
        header: (name) => {
          const v = req.headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
        },
        text: async () => body.toString("utf8"),
      };
      const context: AppContext = { config, database, requestId, cspNonce: "", rateLimits };
      return handleApi(request, context, path).then((reply) => {
        res.writeHead(reply.status, { ...security, ...reply.headers });
        res.end(reply.body);
      });
    });
  };
  const HOT = new Set(["/api/v1/egenandeler", "/api/v1/frikort/status", "/api/v1/regninger", "/api/v1/regninger/batch"]);
  /** The bare listener: the hot API calls here (registrations, lookups, claims), everything else to Express. */
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && req.url !== undefined && HOT.has(req.url)) {
      apiHandler(req, res, req.url.slice("/api/v1".length)).catch((err: unknown) => {
        logError("api request failed", err, { path: req.url });
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/problem+json" });
        res.end(JSON.stringify({ type: "https://frikortportalen.no/problems/internal", title: "Something went wrong on our side", status: 500 }));
      });
      return;
    }
    app(req, res);
  };
  app.use(compression());

  app.use((req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.setHeader("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    next();
  });

  app.get("/healthz", async (_req, res) => {
    const ok = await isHealthy(database);
    res
      .status(ok ? 200 : 503)
      .type("text/plain")
      .send(ok ? "ok" : "database unreachable");
  });

  app.use(rateLimitMiddleware(config.rateLimits, rateLimits));

  if (config.oidc.embedded || config.staff.embedded) {
    const idp = await createEmbeddedIdp(config);
    idp.mount(app);
  }

  // The provider API needs none of Remix's document machinery: serve it first, with the same router
  // that Remix's api/v1/* route uses (app/api/router.server.ts).
  app.use("/api/v1", (req, res, next) => {
    apiHandler(req, res, req.path, res.locals.requestId as string).catch(next);
  });

  // CSRF defence in depth for the portal's own forms: a cross-site POST is refused outright
  // (SameSite=Lax cookies and per-form tokens are the other layers).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.path.startsWith("/api/")) return next();
    const origin = req.get("origin");
    if (origin && origin !== config.publicUrl && origin !== `${req.protocol}://${req.get("host")}`) {
      res.status(403).type("text/plain").send("Forbidden: cross-site request");
      return;
    }
    next();
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = path.resolve("build");
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    // The build object itself (not a function): Remix then prepares its routes once, not per request.
    build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  }

  // Sessions are checked against their rows here: after the static files, before any route.
  app.use(sessionGate(config, database));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (_req, res) => {
        const context: AppContext = {
          config,
          database,
          requestId: res.locals.requestId as string,
          cspNonce: res.locals.cspNonce as string,
          rateLimits,
        };
        return { ...context };
      },
    }),
  );

  // Malformed requests (bad %-encoding, a body a parser refused) are 400s; other errors 500s logged by kind only.
  app.use(errorHandler);

  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log.info("Frikortportalen listening", { url: config.publicUrl, port, database: database.kind, oidc: config.oidc.embedded ? "embedded" : "external" });

  let closing = false;
  async function close() {
    if (closing) return;
    closing = true;
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await closed;
    clearInterval(sweep);
    await jobs.stop();
    await database.close();
    log.info("group commit batches", { batches: batchStats() });
  }
  return { close, port, config };
}

/**
 * WEB_CONCURRENCY > 1 runs that many web processes on this machine (node:cluster), sharing the
 * port. Only with a PostgreSQL server and an external OIDC issuer: PGlite is single-process, and
 * the embedded test provider keeps its login interactions in one process's memory.
 */
function clusterSize(): number {
  const n = setting("WEB_CONCURRENCY");
  if (n <= 1) return 1;
  if (!setting("DATABASE_URL") || !setting("OIDC_ISSUER")) {
    log.warn("WEB_CONCURRENCY ignored: needs DATABASE_URL and OIDC_ISSUER (PGlite and the embedded ID provider are single-process)");
    return 1;
  }
  return n;
}

const isMain = process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]));
const workers = isMain ? clusterSize() : 1;
if (isMain && workers > 1 && cluster.isPrimary) {
  log.info("starting web processes", { workers });
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    log.warn("web process exited; starting another", { pid: worker.process.pid, code });
    cluster.fork();
  });
  const stopAll = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    setTimeout(() => process.exit(0), 10_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
} else if (isMain) {
  startServer()
    .then(({ close }) => {
      const stop = (sig: string) => {
        log.info("shutting down", { signal: sig });
        close()
          .then(() => process.exit(0))
          .catch((err) => {
            log.error("shutdown failed", { err });
            process.exit(1);
          });
      };
      process.on("SIGTERM", () => stop("SIGTERM"));
      process.on("SIGINT", () => stop("SIGINT"));
    })
    .catch((err) => {
      // The operator needs the reason (a configuration error says which variable); nothing personal is in flight yet.
      log.error("startup failed", { err, message: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    });
}
