import type { LoaderFunctionArgs } from "@remix-run/node";
import { isoDate } from "~/kernel/dates";
import { getPerson } from "~/models/person.server";
import { loadApplication } from "~/services/abroad-application.server";
import { lastAppealOutcome } from "~/services/abroad-decision.server";
import { renderAppealOutcomePdf } from "~/services/vedtak-pdf.server";
import { getLang, requireCitizen } from "~/utils/session.server";

const osloDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" });

/** The letter about how the resident's appeal of a refund claim abroad was handled (reversed, or upheld and sent on). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const view = await loadApplication(db, user.personId, params.applicationId ?? "");
  if (!view) throw new Response("Not Found", { status: 404 });
  const outcome = lastAppealOutcome(view.data.events ?? []);
  if (!outcome) throw new Response("Not Found", { status: 404 });
  const person = await getPerson(db, user.personId);
  const reference = view.data.reference ?? "";
  const pdf = await renderAppealOutcomePdf({
    lang: await getLang(request),
    reference,
    outcome: outcome.outcome,
    on: isoDate(osloDay.format(new Date(outcome.at))),
    name: person?.name ?? null,
    reason: outcome.reason,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="klage-${reference}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
