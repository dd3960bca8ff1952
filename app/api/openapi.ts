/**
 * The provider API's OpenAPI 3.1 document, built from the same zod schemas the handlers use, so the
 * description cannot drift from what is enforced.
 */
import { z } from "zod";
import {
  BatchStatusRequestSchema,
  CancelSchema,
  CorrectAmountSchema,
  EgenandelRecordSchema,
  MarkPaidSchema,
  ProblemSchema,
  RegisterEgenandelSchema,
  StatusRequestSchema,
  StatusResponseSchema,
} from "~/schemas/provider-api";
import { ProofVerifyRequestSchema, ProofVerifyResponseSchema } from "~/domain/frikort-proof";
import { CLAIMS_BATCH_MAX, ClaimResultSchema, ClaimSchema } from "~/schemas/claims";
import { ProviderReceivablesResponseSchema } from "~/schemas/receivables";

const schema = (s: z.ZodType, io: "input" | "output" = "input") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});
const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const ok = (description: string, ref: string) => ({ description, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const common = {
  "401": problem("Missing, unknown or revoked API key"),
  "403": problem("The key lacks the required scope"),
  "415": problem("Body is not JSON"),
  "422": problem("Invalid input; `errors` lists the fields"),
  "429": problem("Over the key's rate limit; `Retry-After` says how many seconds to wait"),
};
const claimParam = { name: "claimId", in: "path", required: true, schema: { type: "string" } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Frikortportalen provider API",
      version: "1.0.0",
      description:
        "For behandlere and tjenesteytere: report approved egenandeler to the register (at least every 14 days) and ask whether a patient has a frikort (Pasientens frikortstatus). Amounts are integer øre; dates are ISO dates (Europe/Oslo). Errors are RFC 9457 problem+json with a stable `type` per error. Every status lookup, proof check and read of one egenandel is logged and shown to the patient. Each key has rate limits (429 with Retry-After).",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key of your organisation (scopes egenandeler:write, frikort:read, regninger:write, krav:read)." },
      },
      schemas: {
        RegisterEgenandel: schema(RegisterEgenandelSchema),
        CorrectAmount: schema(CorrectAmountSchema),
        MarkPaid: schema(MarkPaidSchema),
        Cancel: schema(CancelSchema),
        Egenandel: schema(EgenandelRecordSchema, "output"),
        StatusRequest: schema(StatusRequestSchema),
        StatusResponse: schema(StatusResponseSchema, "output"),
        BatchStatusRequest: {
          ...schema(BatchStatusRequestSchema),
          properties: { requests: { type: "array", minItems: 1, maxItems: 1000, items: { $ref: "#/components/schemas/StatusRequest" } } },
        },
        BatchStatusResponse: {
          type: "object",
          required: ["results"],
          properties: { results: { type: "array", items: { $ref: "#/components/schemas/StatusResponse" }, description: "In the order of the requests." } },
        },
        Problem: schema(ProblemSchema, "output"),
        ProofVerifyRequest: schema(ProofVerifyRequestSchema),
        ProofVerifyResponse: schema(ProofVerifyResponseSchema, "output"),
        Claim: schema(ClaimSchema),
        ProviderReceivables: schema(ProviderReceivablesResponseSchema, "output"),
        ClaimResult: schema(ClaimResultSchema, "output"),
        ClaimBatchRequest: {
          type: "object",
          required: ["claims"],
          additionalProperties: false,
          properties: { claims: { type: "array", minItems: 1, maxItems: CLAIMS_BATCH_MAX, items: { $ref: "#/components/schemas/Claim" } } },
        },
        ClaimBatchResponse: {
          type: "object",
          required: ["results"],
          properties: {
            results: {
              type: "array",
              description:
                "One per claim, in the order sent: status 201 (new), 200 (the same claim again), 409 (claimId used for another body) or 422 (invalid claim), with the claim's result or a problem.",
              items: {
                type: "object",
                required: ["status"],
                properties: {
                  status: { type: "integer", enum: [200, 201, 409, 422] },
                  claim: { $ref: "#/components/schemas/ClaimResult" },
                  problem: { $ref: "#/components/schemas/Problem" },
                },
              },
            },
          },
        },
      },
    },
    paths: {
      "/egenandeler": {
        post: {
          operationId: "registerEgenandel",
          summary: "Register one approved egenandel",
          description:
            "Idempotent per (organisation, claimId): the same body again answers 200 with the stored record; a different body answers 409. An unpaid egenandel is stored and counts towards the ceiling only once marked paid.",
          requestBody: body("RegisterEgenandel"),
          responses: {
            "201": ok("Registered", "Egenandel"),
            "200": ok("Already registered with this exact body", "Egenandel"),
            "202": {
              description: "Accepted and deliberately not stored: the patient has reserved against storage of egenandeler.",
              content: {
                "application/json": { schema: { type: "object", properties: { stored: { const: false }, reason: { const: "reserved" } }, required: ["stored", "reason"] } },
              },
            },
            "409": problem("claimId already used with a different body"),
            ...common,
          },
        },
      },
      "/egenandeler/{claimId}": {
        get: {
          operationId: "getEgenandel",
          summary: "Read one of your organisation's egenandeler",
          description: "Logged and shown to the patient.",
          parameters: [claimParam],
          responses: { "200": ok("The egenandel", "Egenandel"), "404": problem("Not found for your organisation"), ...common },
        },
      },
      "/egenandeler/{claimId}/korrigering": {
        post: {
          operationId: "correctEgenandel",
          summary: "Correct the amount",
          parameters: [claimParam],
          requestBody: body("CorrectAmount"),
          responses: { "200": ok("Corrected (or unchanged)", "Egenandel"), "404": problem("Not found"), "409": problem("Cancelled"), ...common },
        },
      },
      "/egenandeler/{claimId}/betaling": {
        post: {
          operationId: "markEgenandelPaid",
          summary: "Mark an unpaid egenandel as paid",
          parameters: [claimParam],
          requestBody: body("MarkPaid"),
          responses: { "200": ok("Marked paid", "Egenandel"), "404": problem("Not found"), "409": problem("Cancelled"), ...common },
        },
      },
      "/egenandeler/{claimId}/annullering": {
        post: {
          operationId: "cancelEgenandel",
          summary: "Cancel an egenandel",
          parameters: [claimParam],
          requestBody: body("Cancel"),
          responses: { "200": ok("Cancelled (or already cancelled)", "Egenandel"), "404": problem("Not found"), ...common },
        },
      },
      "/frikort/status": {
        post: {
          operationId: "frikortStatus",
          summary: "Does the patient have a frikort for this service on this date?",
          description: "Answers for the ceiling the service type belongs to on that date. A patient who has reserved against storage gets `ukjent`. Logged.",
          requestBody: body("StatusRequest"),
          responses: { "200": ok("The answer", "StatusResponse"), ...common },
        },
      },
      "/frikort/bevis": {
        post: {
          operationId: "verifyFrikortProof",
          summary: "Check the verification code on a patient's digital frikort proof",
          description:
            "Dashes, spaces and case do not matter. `valid: false` for an unknown code or a frikort a correction has removed; nothing else is revealed. Logged and shown to the patient.",
          requestBody: body("ProofVerifyRequest"),
          responses: { "200": ok("The answer", "ProofVerifyResponse"), ...common },
        },
      },
      "/regninger": {
        post: {
          operationId: "submitClaim",
          summary: "Send a treatment claim (regning) for one patient",
          description:
            "For physiotherapists with direct settlement (scope regninger:write). The takst amounts come from the dated takst tables; every line meets the automatic controls (overlap by the same therapist, date of death, examinations per year, dates, takst validity, group size, minutes), each answered with its rule id and result. Approved lines are paid (honorar − egenandel) and their egenandel is registered for the patient — waived with a frikort or under 16, not stored for a patient who has reserved. Held lines (til-kontroll) are paid, and their egenandel registered, if the control approves them. Idempotent per (organisation, claimId): the same body again answers 200 with the same result; another body 409.",
          requestBody: body("Claim"),
          responses: {
            "201": ok("Received and controlled", "ClaimResult"),
            "200": ok("Already received with this exact body", "ClaimResult"),
            "409": problem("claimId already used with a different body"),
            ...common,
          },
        },
      },
      "/regninger/batch": {
        post: {
          operationId: "submitClaimBatch",
          summary: `Up to ${CLAIMS_BATCH_MAX} claims in one call, answered per claim`,
          description:
            "The claims are controlled in the order sent, each seeing the ones before it (an overlap between two claims of the batch rejects the later line). An invalid claim is answered 422 in its place and does not stop the others.",
          requestBody: body("ClaimBatchRequest"),
          responses: { "200": ok("Answers in request order", "ClaimBatchResponse"), ...common },
        },
      },
      "/krav": {
        get: {
          operationId: "listReceivables",
          summary: "What your organisation owes back after control cases (tilbakekreving)",
          description:
            "Scope krav:read. Per control case with something left to pay or owed back to you: what the current decision claims, what was paid and set off against the refusjon of your later claims, what is left, and the history (a new decision after an appeal claims only the difference). From the due date the refusjon of new claims is set off until the claim is paid.",
          responses: {
            "200": ok("Your open claims", "ProviderReceivables"),
            "401": common["401"],
            "403": common["403"],
            "429": common["429"],
          },
        },
      },
      "/frikort/status/batch": {
        post: {
          operationId: "frikortStatusBatch",
          summary: "Up to 1000 status lookups in one call",
          requestBody: body("BatchStatusRequest"),
          responses: { "200": ok("Answers in request order", "BatchStatusResponse"), ...common },
        },
      },
    },
  };
}
