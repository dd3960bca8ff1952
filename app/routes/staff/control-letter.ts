import type { LoaderFunctionArgs } from "@remix-run/node";
import { letterKindOf, selectedLineIds } from "~/domain/control-case";
import { auditControlRead, caseLines, loadControlCase } from "~/services/control-cases.server";
import { renderControlLetter } from "~/services/control-letter-pdf.server";
import { getLang } from "~/utils/session.server";
import { notFound, requireStaff } from "~/utils/staff-session.server";

/**
 * A letter of a control case to the provider, as a PDF, rendered from the step's event (the state
 * after it): the request for documentation, the advance notice, or the vedtak (also the new vedtak
 * when an appeal changed it). In the console's language; every read is audited first.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "control");
  const db = context.database.db;
  const c = await loadControlCase(db, params.caseId ?? "");
  if (!c) throw notFound();
  const seq = Number(params.seq);
  const event = c.events.find((e) => e.seq === seq);
  if (!event) throw notFound();
  const kind = letterKindOf(event.kind, event.stateAfter);
  if (!kind) throw notFound();
  const s = event.stateAfter;
  const lines = await caseLines(db, c, selectedLineIds(s));
  await auditControlRead(db, staff, "control.letter", { id: c.id, lines });
  const previous = c.events.filter((e) => e.seq < seq && e.stateAfter.tag === "vedtak").pop();
  const pdf = await renderControlLetter({
    lang: await getLang(request),
    kind,
    reference: c.reference,
    on: event.on,
    provider: { name: c.providerName, orgnr: c.providerOrgnr },
    therapistHpr: c.therapistHpr,
    lines,
    deadline: s.tag === "innhenting" || s.tag === "varslet" ? s.deadline : undefined,
    assessed: "assessment" in s ? s.assessment.lines : undefined,
    totalOre: "assessment" in s ? s.assessment.totalOre : undefined,
    appealBy: s.tag === "vedtak" ? s.appealBy : undefined,
    replaces:
      event.kind === "klage-behandling" && previous && previous.stateAfter.tag === "vedtak"
        ? { decidedOn: previous.stateAfter.decidedOn, reason: String(event.data.reason ?? "") }
        : null,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${c.reference}-${seq}-${kind}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
