import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatKontonummer } from "~/kernel/kontonummer";
import type { TakId } from "~/kernel/types";
import { listPayoutsForYear } from "~/models/register.server";
import { chooseYear, loadYearOverview } from "~/services/overview.server";
import { renderOverviewPdf } from "~/services/overview-pdf.server";
import { todayOslo } from "~/utils/clock.server";
import { getLang, requireCitizen } from "~/utils/session.server";

/** The year's overview as a PDF download, for the logged-in resident only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const today = todayOslo();
  const choice = chooseYear(new URL(request.url).searchParams.get("ar"), Number(today.slice(0, 4)));
  if (choice.kind !== "ok") throw new Response("Not Found", { status: 404 });
  const result = await loadYearOverview(context.database.db, user.personId, choice.year);
  if (!result) throw new Response("Not Found", { status: 404 });
  const payouts = (await listPayoutsForYear(context.database.db, user.personId, choice.year)).map((p) => ({
    tak: p.tak as TakId,
    status: p.status as "paid" | "pending" | "withheld" | "cancelled",
    paidOn: p.paidOn,
    amountOre: p.amountOre,
    account: p.accountNumber ? formatKontonummer(p.accountNumber) : null,
  }));
  const pdf = await renderOverviewPdf({ overview: result.overview, name: result.person.name, lang: await getLang(request), today, payouts });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="egenandeler-${choice.year}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
