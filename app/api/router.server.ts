/**
 * The provider API's own small router. The web server mounts it on /api/v1 ahead of Remix (an API
 * call needs none of Remix's document machinery), and Remix's `api/*` route uses the same function,
 * so both paths answer identically.
 */
import type { AppContext } from "~/context.server";
import { ProofVerifyRequestSchema } from "~/domain/frikort-proof";
import {
  BatchStatusRequestSchema,
  CancelSchema,
  CorrectAmountSchema,
  MarkPaidSchema,
  RegisterEgenandelSchema,
  type StatusRequest,
  StatusRequestSchema,
} from "~/schemas/provider-api";
import { ClaimBatchSchema, ClaimSchema, type Claim } from "~/schemas/claims";
import { submitClaimBatched, submitClaims } from "~/services/claims.server";
import { providerDebts } from "~/services/provider-receivables.server";
import type { ProviderReceivablesResponse } from "~/schemas/receivables";
import { lookupFrikortStatus, lookupFrikortStatusBatched } from "~/services/frikort-status.server";
import { verifyProofCode } from "~/services/frikort-proof.server";
import { logProviderRead } from "~/services/read-audit.server";
import { registerEgenandelBatched } from "~/services/register-batch.server";
import { changeEgenandel, getEgenandel, RegisterError } from "~/services/register.server";
import {
  api,
  ApiProblem,
  enforceApiLimit,
  malformedPath,
  type ApiReply,
  type ApiRequest,
  fieldErrors,
  json,
  parseWith,
  readJson,
  requireProvider,
  validationProblem,
} from "~/utils/api.server";
import { todayOslo } from "~/utils/clock.server";
import { hasForbiddenChars } from "~/utils/text";
import { openApiDocument } from "./openapi";
import { claimAnswerReply, claimBatchItem, registerProblem } from "./problems";

type Handler = (request: ApiRequest, ctx: AppContext, params: Record<string, string>) => Promise<ApiReply>;
interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

const routes: Route[] = [];
function route(method: Route["method"], path: string, handler: Handler) {
  const keys: string[] = [];
  const pattern = new RegExp(
    "^" +
      path.replace(/[.]/g, "\\.").replace(/:(\w+)/g, (_m, k: string) => {
        keys.push(k);
        return "([^/]+)";
      }) +
      "$",
  );
  routes.push({ method, pattern, keys, handler });
}

route("GET", "/openapi.json", async (_req, ctx) => json(openApiDocument(ctx.config.publicUrl), 200, { "Cache-Control": "public, max-age=300" }));

route("POST", "/egenandeler", async (request, ctx) => {
  const provider = await requireProvider(request, ctx, "egenandeler:write");
  const input = parseWith(RegisterEgenandelSchema, await readJson(request));
  try {
    const { created, record } = await registerEgenandelBatched(ctx.database.db, provider.orgnr, input, todayOslo());
    return json(record, created ? 201 : 200, created ? { Location: `/api/v1/egenandeler/${encodeURIComponent(record.claimId)}` } : {});
  } catch (err) {
    // The patient has reserved against storage: accepted, and deliberately not stored.
    if (err instanceof RegisterError && err.code === "reserved") return json({ stored: false, reason: "reserved" }, 202);
    throw registerProblem(err);
  }
});

route("GET", "/egenandeler/:claimId", async (request, ctx, p) => {
  const provider = await requireProvider(request, ctx, "egenandeler:write");
  try {
    const record = await getEgenandel(ctx.database.db, provider.orgnr, p.claimId!);
    // Audited before it is answered: who (organisation, key), what, when, why (read-audit.server.ts).
    await logProviderRead(ctx.database.db, { egenandelId: record.id, orgnr: provider.orgnr, keyId: provider.keyId, requestId: ctx.requestId });
    return json(record);
  } catch (err) {
    throw registerProblem(err);
  }
});

route("POST", "/egenandeler/:claimId/:action", async (request, ctx, p) => {
  const provider = await requireProvider(request, ctx, "egenandeler:write");
  const body = await readJson(request);
  const db = ctx.database.db;
  const today = todayOslo();
  try {
    switch (p.action) {
      case "korrigering":
        return json(await changeEgenandel(db, provider.orgnr, p.claimId!, { kind: "corrected", ...parseWith(CorrectAmountSchema, body) }, today));
      case "betaling":
        return json(await changeEgenandel(db, provider.orgnr, p.claimId!, { kind: "paid", ...parseWith(MarkPaidSchema, body) }, today));
      case "annullering":
        return json(await changeEgenandel(db, provider.orgnr, p.claimId!, { kind: "cancelled", ...parseWith(CancelSchema, body) }, today));
      default:
        throw new ApiProblem(404, "not-found", "No such endpoint");
    }
  } catch (err) {
    throw registerProblem(err);
  }
});

route("POST", "/frikort/status", async (request, ctx) => {
  const provider = await requireProvider(request, ctx, "frikort:read");
  await enforceApiLimit(ctx, "statusLookup", provider.keyId);
  const req = parseWith(StatusRequestSchema, await readJson(request));
  const answer = await lookupFrikortStatusBatched(ctx.database.db, provider.orgnr, req);
  return json(answer);
});

route("POST", "/frikort/status/batch", async (request, ctx) => {
  const provider = await requireProvider(request, ctx, "frikort:read");
  const { requests } = parseWith(BatchStatusRequestSchema, await readJson(request));
  await enforceApiLimit(ctx, "statusLookup", provider.keyId, requests.length);
  const parsed: StatusRequest[] = [];
  const errors = [];
  for (const [i, item] of requests.entries()) {
    const r = StatusRequestSchema.safeParse(item);
    if (r.success) parsed.push(r.data);
    else errors.push(...fieldErrors(r.error, `requests.${i}.`));
  }
  if (errors.length) throw validationProblem(errors);
  return json({ results: await lookupFrikortStatus(ctx.database.db, provider.orgnr, parsed, true) });
});

route("POST", "/frikort/bevis", async (request, ctx) => {
  const provider = await requireProvider(request, ctx, "frikort:read");
  await enforceApiLimit(ctx, "proofCheck", provider.keyId);
  const { code } = parseWith(ProofVerifyRequestSchema, await readJson(request));
  return json(await verifyProofCode(ctx.database.db, provider.orgnr, code, todayOslo()));
});

route("POST", "/regninger", async (request, ctx) => {
  const provider = await requireProvider(request, ctx, "regninger:write");
  const input = parseWith(ClaimSchema, await readJson(request));
  return claimAnswerReply(await submitClaimBatched(ctx.database.db, provider.orgnr, input, todayOslo()));
});

route("POST", "/regninger/batch", async (request, ctx) => {
  const provider = await requireProvider(request, ctx, "regninger:write");
  const { claims } = parseWith(ClaimBatchSchema, await readJson(request));
  const parsed = claims.map((item) => ClaimSchema.safeParse(item));
  const valid = parsed.flatMap((r) => (r.success ? [r.data as Claim] : []));
  const answers = valid.length ? await submitClaims(ctx.database.db, provider.orgnr, valid, todayOslo()) : [];
  let next = 0;
  return json({ results: parsed.map((r) => claimBatchItem(r.success ? answers[next++]! : r.error)) });
});

route("GET", "/krav", async (request, ctx) => {
  const provider = await requireProvider(request, ctx, "krav:read");
  // every case with something left to pay, owed back, or already paid back (a repayment stays in the record)
  const debts = (await providerDebts(ctx.database.db, provider.orgnr)).filter((d) => d.debt.balanceOre > 0 || d.debt.overpaidOre > 0 || d.debt.repaidOre > 0);
  const body: ProviderReceivablesResponse = {
    balanceOre: debts.reduce((sum, d) => sum + d.debt.balanceOre, 0),
    receivables: debts.map((d) => ({
      reference: d.reference,
      owedOre: d.debt.owedOre,
      settledOre: d.debt.settledOre,
      balanceOre: d.debt.balanceOre,
      overpaidOre: d.debt.overpaidOre,
      repaidOre: d.debt.repaidOre,
      dueOn: d.debt.open?.dueOn ?? null,
      // the provider sees what happened to its debt, not which caseworker registered it (nor its own account number again)
      history: d.history.map(({ actor: _actor, registeredAt: _registeredAt, accountNumber: _account, ...h }) => h),
    })),
  };
  return json(body);
});

/** Answers one API request; `path` is the part after /api/v1. */
export function handleApi(request: ApiRequest, ctx: AppContext, path: string): Promise<ApiReply> {
  return api(ctx, request, async () => {
    let allowed: string[] = [];
    for (const r of routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (r.method !== request.method && !(r.method === "GET" && request.method === "HEAD")) {
        allowed.push(r.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [i, k] of r.keys.entries()) {
        let v: string;
        try {
          v = decodeURIComponent(m[i + 1]!);
        } catch {
          throw malformedPath(); // "%ZZ", "%C3" alone, …
        }
        if (hasForbiddenChars(v)) throw malformedPath();
        params[k] = v;
      }
      return r.handler(request, ctx, params);
    }
    if (allowed.length) {
      allowed = [...new Set(allowed)];
      throw new ApiProblem(405, "method-not-allowed", `Use ${allowed.join(" or ")}`, { headers: { Allow: allowed.join(", ") } });
    }
    throw new ApiProblem(404, "not-found", "No such endpoint", { detail: "See /api/v1/openapi.json." });
  });
}
