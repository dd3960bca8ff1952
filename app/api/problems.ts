import type { z } from "zod";
import type { ClaimAnswer } from "~/services/claims.server";
import { RegisterError } from "~/services/register.server";
import { ApiProblem, type ApiReply, fieldErrors, json, PROBLEM_BASE } from "~/utils/api.server";

/** Maps the register's refusals to problem+json. */
export function registerProblem(err: unknown): unknown {
  if (!(err instanceof RegisterError)) return err;
  const field = err.field ?? "(body)";
  switch (err.code) {
    case "conflict":
      return new ApiProblem(409, "conflict", "This claimId is already registered with different content", {
        detail: "Use the correction or cancellation endpoints to change a registered egenandel.",
        errors: [{ field, message: "already registered with a different body" }],
      });
    case "not-found":
      return new ApiProblem(404, "not-found", "No egenandel with this claimId from your organisation");
    case "already-cancelled":
      return new ApiProblem(409, "already-cancelled", "The egenandel is cancelled and can no longer be changed");
    case "exempt-child":
      return new ApiProblem(422, "exempt-child", "The patient was under 16 on the service date and pays no egenandel", {
        errors: [{ field, message: "patient under 16 on serviceDate" }],
      });
    case "date-in-future":
      return new ApiProblem(422, "validation", "The request is not valid", { errors: [{ field, message: "must not be after today" }] });
    case "date-unsupported":
      return new ApiProblem(422, "validation", "The request is not valid", {
        errors: [{ field, message: "outside the years the rule tables cover" }],
      });
    case "reserved":
    case "frikort":
      return err; // answered by the route (202), or only asked for by the claims API
    case "paid-before-service":
      return new ApiProblem(422, "validation", "The request is not valid", { errors: [{ field, message: "must not be before serviceDate" }] });
  }
}

function claimConflict(): ApiProblem {
  return new ApiProblem(409, "conflict", "This claimId is already used for a claim with different content", {
    detail: "A claim is settled once; send a new claim with a new claimId.",
    errors: [{ field: "claimId", message: "already received with a different body" }],
  });
}

/** A treatment claim's answer: 201 new, 200 the same body again, 409 problem for another body. */
export function claimAnswerReply(a: ClaimAnswer): ApiReply {
  if (a.status === 409) throw claimConflict();
  return json(a.result, a.status, a.status === 201 ? { Location: `/api/v1/regninger/${encodeURIComponent(a.result.claimId)}` } : {});
}

/** One item of a batch of claims: its status and its result, or its problem. */
export function claimBatchItem(a: ClaimAnswer | z.ZodError): Record<string, unknown> {
  if (!("status" in a)) {
    return { status: 422, problem: { type: `${PROBLEM_BASE}validation`, title: "The request is not valid", status: 422, errors: fieldErrors(a) } };
  }
  if (a.status === 409) {
    const p = claimConflict();
    return { status: 409, problem: { type: `${PROBLEM_BASE}${p.slug}`, title: p.title, status: 409, detail: p.extra.detail, errors: p.extra.errors } };
  }
  return { status: a.status, claim: a.result };
}
