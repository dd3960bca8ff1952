import type { ActionFunctionArgs } from "@remix-run/node";
import { RegisterEgenandelSchema } from "~/schemas/provider-api";
import { registerEgenandel, RegisterError } from "~/services/register.server";
import { api, ApiProblem, json, parseWith, readJson, requireProvider } from "~/utils/api.server";
import { todayOslo } from "~/utils/clock.server";
import { registerProblem } from "./problems";

/** POST /api/v1/egenandeler — register one approved egenandel (idempotent per claimId). */
export async function action({ request, context }: ActionFunctionArgs) {
  return api(context, request, async () => {
    if (request.method !== "POST") throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
    const provider = await requireProvider(request, context, "egenandeler:write");
    const input = parseWith(RegisterEgenandelSchema, await readJson(request));
    try {
      const { created, record } = await registerEgenandel(context.database.db, provider.orgnr, input, todayOslo());
      return json(record, created ? 201 : 200, created ? { Location: `/api/v1/egenandeler/${encodeURIComponent(record.claimId)}` } : {});
    } catch (err) {
      // The patient has reserved against storage: accepted, and deliberately not stored.
      if (err instanceof RegisterError && err.code === "reserved") return json({ stored: false, reason: "reserved" }, 202);
      throw registerProblem(err);
    }
  });
}

export async function loader({ request, context }: ActionFunctionArgs) {
  return api(context, request, async () => {
    throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
  });
}
