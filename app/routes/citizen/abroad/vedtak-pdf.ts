import type { LoaderFunctionArgs } from "@remix-run/node";
import { maskAccount } from "~/domain/abroad-application";
import { reasonByCode } from "~/domain/abroad-decision";
import { getPerson } from "~/models/person.server";
import { claimsOfApplication } from "~/models/repayment-claims.server";
import { loadApplication } from "~/services/abroad-application.server";
import { listDecisions } from "~/services/abroad-decision.server";
import { renderAbroadVedtakPdf } from "~/services/vedtak-pdf.server";
import { getLang, requireCitizen } from "~/utils/session.server";

/**
 * The decision letter of a refund claim abroad, rendered from the decision rows when asked for
 * (so it always says what the decision says), in the resident's language. `?nr=` picks an earlier
 * decision (each is kept); without it, the one in force.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const view = await loadApplication(db, user.personId, params.applicationId ?? "");
  if (!view) throw new Response("Not Found", { status: 404 });
  const decisions = await listDecisions(db, view.app.id);
  const nr = new URL(request.url).searchParams.get("nr");
  const d = nr === null ? decisions.at(-1) : decisions.find((x) => String(x.seq) === nr);
  if (!d) throw new Response("Not Found", { status: 404 });
  const previous = d.supersedes ? decisions.find((x) => x.id === d.supersedes) : undefined;
  const account = view.data.sent?.account ?? view.data.account;
  const person = await getPerson(db, user.personId);
  const reference = view.data.reference ?? "";
  // the claim for repayment this decision made (the letter says what the decision said, also after a later one replaced it)
  const claim = (await claimsOfApplication(db, view.app.id)).find((c) => c.decisionId === d.id) ?? null;
  const pdf = await renderAbroadVedtakPdf({
    lang: await getLang(request),
    reference,
    outcome: d.outcome,
    decidedOn: d.decidedOn,
    supersedesDecidedOn: previous?.decidedOn ?? null,
    name: person?.name ?? null,
    refundOre: d.refundOre,
    note: d.note,
    account: account ? maskAccount(account) : null,
    repayment: claim ? { paidOre: claim.paidOre, amountOre: claim.amountOre } : null,
    lines: d.lines.map((l) => ({
      treatmentDate: l.treatmentDate,
      description: l.description,
      currency: l.currency,
      claimedAmount: l.claimedAmount,
      approvedAmount: l.approvedAmount,
      outcome: l.outcome,
      refundOre: l.refundOre,
      reasons: l.reasons.map((code) => ({ code, legalBasis: reasonByCode(code, l.treatmentDate ?? d.decidedOn)?.legalBasis ?? "" })),
    })),
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="vedtak-${reference}-${d.seq}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
