import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ProofVerifyRequestSchema } from "~/domain/frikort-proof";
import { verifyProofCode } from "~/services/frikort-proof.server";
import { todayOslo } from "~/utils/clock.server";
import { api, ApiProblem, json, parseWith, readJson, requireProvider } from "~/utils/api.server";

/**
 * POST /api/v1/frikort/bevis — a provider checks the code on a patient's digital frikort proof.
 * 200 with the proof's facts when the register still holds the frikort, else 200 { valid: false }
 * (an unknown code says nothing more). Logged for the resident like a status lookup.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  return api(context, request, async () => {
    if (request.method !== "POST") throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
    const provider = await requireProvider(request, context, "frikort:read");
    const { code } = parseWith(ProofVerifyRequestSchema, await readJson(request));
    return json(await verifyProofCode(context.database.db, provider.orgnr, code, todayOslo()));
  });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return api(context, request, async () => {
    throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
  });
}
