import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadProofs, renderProofPdf } from "~/services/frikort-proof.server";
import { chooseYear } from "~/services/overview.server";
import { todayOslo } from "~/utils/clock.server";
import { getLang, requireCitizen } from "~/utils/session.server";

/** The frikort proof of one year as a PDF (A4, one card per tak), for the logged-in resident only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const today = todayOslo();
  const choice = chooseYear(new URL(request.url).searchParams.get("ar"), Number(today.slice(0, 4)));
  if (choice.kind !== "ok") throw new Response("Not Found", { status: 404 });
  const result = await loadProofs(context.database.db, user.personId, choice.year);
  // No frikort that year (or a child who needs none): there is no proof to download.
  if (!result || result.proofs.length === 0 || result.overview.childExempt === "whole-year") throw new Response("Not Found", { status: 404 });
  const pdf = await renderProofPdf({ year: choice.year, name: result.name, proofs: result.proofs, lang: await getLang(request), today });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="frikortbevis-${choice.year}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
