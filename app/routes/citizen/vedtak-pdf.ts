import type { LoaderFunctionArgs } from "@remix-run/node";
import type { IsoDate, ServiceType } from "~/domain/types";
import { getPerson } from "~/models/person.server";
import { caseHistory, getCase } from "~/services/cases.server";
import { renderVedtakPdf } from "~/services/vedtak-pdf.server";
import { getLang, requireCitizen } from "~/utils/session.server";

const DECIDED: Record<string, string[]> = { "missing-egenandel": ["registered", "rejected"], "frikort-application": ["completed", "rejected"] };
const osloDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" });

/** The decision letter of the resident's own decided case, in their language (ADR 0015). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const c = await getCase(db, user.personId, params.caseId ?? "");
  if (!c || !DECIDED[c.kind]?.includes(c.status)) throw new Response("Not Found", { status: 404 });
  const decision = [...(await caseHistory(db, c.id))].reverse().find((h) => h.status === c.status);
  const d = c.data as Record<string, unknown>;
  const lines =
    c.kind === "missing-egenandel"
      ? [{ providerName: String(d.providerName ?? ""), serviceDate: String(d.serviceDate) as IsoDate, serviceType: d.serviceType as ServiceType, amountOre: Number(d.amountOre ?? 0) }]
      : ((d.lines as Array<{ providerName: string; serviceDate: IsoDate; serviceType: ServiceType; amountOre: number }> | undefined) ?? []);
  const person = await getPerson(db, user.personId);
  const pdf = await renderVedtakPdf({
    lang: await getLang(request),
    reference: c.reference,
    kind: c.kind as "missing-egenandel" | "frikort-application",
    outcome: c.status as "registered" | "completed" | "rejected",
    decidedOn: osloDay.format(decision?.at ?? c.updatedAt),
    name: person?.name ?? null,
    reason: c.statusReason,
    lines,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="vedtak-${c.reference}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
