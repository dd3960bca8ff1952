import type { LoaderFunctionArgs } from "@remix-run/node";
import type { IsoDate, Ore, ServiceType } from "~/kernel/types";
import { getPerson } from "~/models/person.server";
import { claimsOfCase, openClaimsOf } from "~/models/repayment-claims.server";
import { caseHistory, getCase } from "~/services/cases.server";
import { lastDecision } from "~/services/staff-console.server";
import { renderVedtakPdf } from "~/services/vedtak-pdf.server";
import { getLang, requireCitizen } from "~/utils/session.server";
import { ore, sumOre } from "~/kernel/money";

/** The letter of the last decision in the resident's own case (also while it is appealed), in their language (ADR 0015). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const c = await getCase(db, user.personId, params.caseId ?? "");
  if (!c) throw new Response("Not Found", { status: 404 });
  const history = await caseHistory(db, c.id);
  const decision = lastDecision(c.kind, history);
  if (!decision) throw new Response("Not Found", { status: 404 });
  const decidedEvent = [...history].reverse().find((h) => h.status === decision.status);
  const d = c.data as Record<string, unknown>;
  const lines =
    c.kind === "missing-egenandel"
      ? [
          {
            providerName: String(d.providerName ?? ""),
            serviceDate: String(d.serviceDate) as IsoDate,
            serviceType: d.serviceType as ServiceType,
            amountOre: ore(Number(d.amountOre ?? 0)),
          },
        ]
      : ((d.lines as Array<{ providerName: string; serviceDate: IsoDate; serviceType: ServiceType; amountOre: Ore }> | undefined) ?? []);
  const person = await getPerson(db, user.personId);
  // a rejection that took away a frikort whose refund was paid: the claim for repayment stands in the letter
  const owed = decision.status === "rejected" ? openClaimsOf(await claimsOfCase(db, c.id)) : null;
  const paidOre = sumOre((owed?.claims ?? []).map((x) => x.paidOre));
  const pdf = await renderVedtakPdf({
    lang: await getLang(request),
    reference: c.reference,
    kind: c.kind as "missing-egenandel" | "frikort-application",
    outcome: decision.status as "registered" | "completed" | "rejected",
    decidedOn: decision.on,
    name: person?.name ?? null,
    reason: decidedEvent?.note ?? null,
    lines,
    repayment: owed && owed.totalOre > 0 ? { paidOre, amountOre: owed.totalOre } : null,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="vedtak-${c.reference}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
