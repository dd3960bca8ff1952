import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPerson } from "~/models/person.server";
import { loadApplication } from "~/services/abroad-application.server";
import { renderReceipt } from "~/services/abroad-receipt-pdf.server";
import { getLang, requireCitizen } from "~/utils/session.server";

/** The receipt of a sent application: exactly what was sent (data.sent), for the owner only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const view = await loadApplication(context.database.db, user.personId, params.applicationId ?? "");
  const d = view ? view.app.data : null;
  if (!view || view.app.status === "draft" || !d?.sent || !d.reference) throw new Response("Not Found", { status: 404 });
  const lang = await getLang(request);
  const person = await getPerson(context.database.db, user.personId);
  const pdf = await renderReceipt({ reference: d.reference, applicant: person?.name ?? null, submittedAt: new Date(d.submittedAt ?? view.app.updatedAt), sent: d.sent, lang });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="kvittering-${d.reference}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
