import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CancelSchema, CorrectAmountSchema, MarkPaidSchema } from "~/schemas/provider-api";
import { changeEgenandel, getEgenandel } from "~/services/register.server";
import { api, ApiProblem, json, parseWith, readJson, requireProvider } from "~/utils/api.server";
import { todayOslo } from "~/utils/clock.server";
import { registerProblem } from "./problems";

/** GET /api/v1/egenandeler/:claimId — one of the organisation's own egenandeler. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return api(context, request, async () => {
    if (params.action) throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
    const provider = await requireProvider(request, context, "egenandeler:write");
    try {
      return json(await getEgenandel(context.database.db, provider.orgnr, params.claimId!));
    } catch (err) {
      throw registerProblem(err);
    }
  });
}

/**
 * POST /api/v1/egenandeler/:claimId/korrigering { amountOre, reason }
 * POST /api/v1/egenandeler/:claimId/betaling    { paidDate }
 * POST /api/v1/egenandeler/:claimId/annullering { reason }
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  return api(context, request, async () => {
    if (request.method !== "POST") throw new ApiProblem(405, "method-not-allowed", "Use POST", { headers: { Allow: "POST" } });
    const provider = await requireProvider(request, context, "egenandeler:write");
    const body = await readJson(request);
    const db = context.database.db;
    const today = todayOslo();
    try {
      switch (params.action) {
        case "korrigering": {
          const c = parseWith(CorrectAmountSchema, body);
          return json(await changeEgenandel(db, provider.orgnr, params.claimId!, { kind: "corrected", ...c }, today));
        }
        case "betaling": {
          const c = parseWith(MarkPaidSchema, body);
          return json(await changeEgenandel(db, provider.orgnr, params.claimId!, { kind: "paid", ...c }, today));
        }
        case "annullering": {
          const c = parseWith(CancelSchema, body);
          return json(await changeEgenandel(db, provider.orgnr, params.claimId!, { kind: "cancelled", ...c }, today));
        }
        default:
          throw new ApiProblem(404, "not-found", "No such endpoint");
      }
    } catch (err) {
      throw registerProblem(err);
    }
  });
}
