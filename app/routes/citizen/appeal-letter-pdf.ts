import type { LoaderFunctionArgs } from "@remix-run/node";
import { isoDate } from "~/kernel/dates";
import { lastAppealOutcome } from "~/domain/appeal";
import { getPerson } from "~/models/person.server";
import { caseHistory, getCase } from "~/services/cases.server";
import { renderAppealOutcomePdf } from "~/services/vedtak-pdf.server";
import { getLang, requireCitizen } from "~/utils/session.server";

const osloDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" });

/** The letter about how the resident's appeal on their case was handled: decided again, or upheld and sent to the appeal body. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const c = await getCase(db, user.personId, params.caseId ?? "");
  if (!c) throw new Response("Not Found", { status: 404 });
  const outcome = lastAppealOutcome(await caseHistory(db, c.id));
  if (!outcome) throw new Response("Not Found", { status: 404 });
  const person = await getPerson(db, user.personId);
  const pdf = await renderAppealOutcomePdf({
    lang: await getLang(request),
    reference: c.reference,
    outcome: outcome.outcome,
    on: isoDate(osloDay.format(new Date(outcome.at))),
    name: person?.name ?? null,
    reason: outcome.reason,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="klage-${c.reference}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
