import type { LoaderFunctionArgs } from "@remix-run/node";
import { appealOutcomeLetterOf, lateAppealPastLimit, letterKindOf, selectedLineIds } from "~/domain/control-case";
import { valueAt } from "~/rules/parameter";
import { lateAppealLimitYears } from "~/rules/parameters/control-cases";
import { auditControlRead, caseLines, loadControlCase } from "~/services/control-cases.server";
import { renderControlAppealOutcome, renderControlLetter } from "~/services/control-letter-pdf.server";
import { caseSettledBy } from "~/services/provider-receivables.server";
import { getLang } from "~/utils/session.server";
import { notFound, requireStaff } from "~/utils/staff-session.server";

/**
 * A letter of a control case to the provider, as a PDF, rendered from the step's event (the state
 * after it): the request for documentation, the advance notice, or the vedtak (also the new vedtak
 * when an appeal changed it); for an appeal upheld or reversed, or a late appeal dismissed
 * (forvaltningsloven § 31), the appeal-outcome letter (renderAppealOutcomePdf, shared with the
 * residents' cases) in the control case's words. In the console's language; every read is audited first.
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
  const appealOutcome = appealOutcomeLetterOf(event.kind, event.stateAfter);
  if (!kind && !appealOutcome) throw notFound();
  const s = event.stateAfter;
  const previous = c.events.filter((e) => e.seq < seq && e.stateAfter.tag === "vedtak").pop();
  const lang = await getLang(request);
  const headers = (name: string) => ({
    "Content-Type": "application/pdf",
    "Content-Disposition": `inline; filename="${c.reference}-${seq}-${name}.pdf"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (!kind) {
    // the answer to an appeal that was upheld, reversed or (late) dismissed: the appeal-outcome letter every case has, in a control case's words
    const decided = previous?.stateAfter.tag === "vedtak" ? previous.stateAfter : null;
    const late =
      s.tag === "klage-avvist"
        ? {
            appealBy: s.appealBy,
            receivedOn: s.appealReceivedOn,
            pastLimit: lateAppealPastLimit(s.decidedOn, s.appealReceivedOn, valueAt(lateAppealLimitYears, event.on)),
            complaintBy: s.complaintBy,
          }
        : undefined;
    const lines = await caseLines(db, c, decided ? decided.lineIds : []);
    await auditControlRead(db, staff, "control.letter", { id: c.id, lines });
    const pdf = await renderControlAppealOutcome({
      lang,
      outcome: appealOutcome!,
      reference: c.reference,
      on: event.on,
      provider: { name: c.providerName, orgnr: c.providerOrgnr },
      reason: typeof event.data.reason === "string" && event.data.reason ? event.data.reason : null,
      vedtak: decided ? { decidedOn: decided.decidedOn, totalOre: decided.assessment.totalOre } : null,
      settledOre: await caseSettledBy(db, c.id, event.on),
      late,
    });
    return new Response(new Uint8Array(pdf), { headers: headers(`klage-${appealOutcome}`) });
  }
  const lines = await caseLines(db, c, selectedLineIds(s));
  await auditControlRead(db, staff, "control.letter", { id: c.id, lines });
  const pdf = await renderControlLetter({
    lang,
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
    settledOre: event.kind === "klage-behandling" ? await caseSettledBy(db, c.id, event.on) : undefined,
  });
  return new Response(new Uint8Array(pdf), { headers: headers(kind) });
}
