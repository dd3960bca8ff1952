import type { ActionFunctionArgs } from "@remix-run/node";
import { StatusRequestSchema } from "~/schemas/provider-api";
import { lookupFrikortStatus } from "~/services/frikort-status.server";
import { api, ApiProblem, json, parseWith, readJson, requireProvider } from "~/utils/api.server";

/** POST /api/v1/frikort/status — one lookup. */
export async function action({ request, context }: ActionFunctionArgs) {
  return api(context, request, async () => {
    if (request.method !== "POST") throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
    const provider = await requireProvider(request, context, "frikort:read");
    const req = parseWith(StatusRequestSchema, await readJson(request));
    const [answer] = await lookupFrikortStatus(context.database.db, provider.orgnr, [req], false);
    return json(answer);
  });
}

export async function loader({ request, context }: ActionFunctionArgs) {
  return api(context, request, async () => {
    throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
  });
}
