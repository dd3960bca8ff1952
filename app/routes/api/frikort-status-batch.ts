import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { BatchStatusRequestSchema, StatusRequestSchema, type StatusRequest } from "~/schemas/provider-api";
import { lookupFrikortStatus } from "~/services/frikort-status.server";
import { api, ApiProblem, fieldErrors, json, parseWith, readJson, requireProvider, validationProblem } from "~/utils/api.server";

/** POST /api/v1/frikort/status/batch — up to 1000 lookups; any invalid item fails the whole call with its index. */
export async function action({ request, context }: ActionFunctionArgs) {
  return api(context, request, async () => {
    if (request.method !== "POST") throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
    const provider = await requireProvider(request, context, "frikort:read");
    const { requests } = parseWith(BatchStatusRequestSchema, await readJson(request));
    const parsed: StatusRequest[] = [];
    const errors = [];
    for (const [i, item] of requests.entries()) {
      const r = StatusRequestSchema.safeParse(item);
      if (r.success) parsed.push(r.data);
      else errors.push(...fieldErrors(r.error, `requests.${i}.`));
    }
    if (errors.length) throw validationProblem(errors);
    const answers = await lookupFrikortStatus(context.database.db, provider.orgnr, parsed, true);
    return json({ results: answers });
  });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return api(context, request, async () => {
    throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
  });
}
