import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading } from "~/components/ui";
import { formatOre } from "~/kernel/money";
import type { ServiceType } from "~/kernel/types";
import { formatDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { caseHistory, getCase } from "~/services/cases.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "case.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const c = await getCase(db, user.personId, params.caseId!);
  if (!c || c.status === "draft") throw new Response("Not Found", { status: 404 });
  const lang = await getLang(request);
  const history = await caseHistory(db, c.id);
  return {
    justSent: new URL(request.url).searchParams.get("sendt") === "1",
    c: { reference: c.reference, kind: c.kind, status: c.status, reason: c.statusReason, data: c.data as Record<string, string | number> },
    history: history.filter((h) => h.status !== "draft").map((h) => ({ id: h.id, status: h.status, note: h.note, at: osloDateTime(h.at, lang) })),
  };
}

export default function CasePage() {
  const { t, lang } = useT();
  const { justSent, c, history } = useLoaderData<typeof loader>();
  const d = c.data;
  return (
    <>
      {justSent ? (
        <div className="mb-8 rounded-lg bg-success p-6 text-center text-white" data-testid="confirmation">
          <h1 className="mb-2 text-3xl font-bold">{t(`case.sent.${c.kind}` as MessageKey)}</h1>
          <p className="text-lg">{t("case.reference")}</p>
          <p className="text-2xl font-bold tracking-wider" data-testid="reference">
            {c.reference}
          </p>
        </div>
      ) : (
        <PageHeading>{t(`case.kind.${c.kind}` as MessageKey)}</PageHeading>
      )}
      {justSent ? <h2 className="mb-4 text-2xl font-bold">{t(`case.kind.${c.kind}` as MessageKey)}</h2> : null}
      <p className="mb-2">
        {t("case.reference")}: <strong>{c.reference}</strong>
      </p>
      <p className="mb-6">
        {t("case.status")}: <strong data-testid="case-status">{t(`case.status.${c.status}` as MessageKey)}</strong>
        {c.reason ? <span className="block text-muted">{c.reason}</span> : null}
      </p>
      {c.kind === "missing-egenandel" ? (
        <Card className="mb-6">
          <p>
            {formatDate(String(d.serviceDate), lang)} · {String(d.providerName)} · {t(`service.${d.serviceType as ServiceType}`)} · {formatOre(Number(d.amountOre), lang)}
          </p>
          <p className="mt-2 text-muted">{t("case.next.missing-egenandel")}</p>
        </Card>
      ) : null}
      {c.kind === "tip" ? (
        <Card className="mb-6">
          <p>{t(`tip.reason.${String(d.reason)}` as MessageKey)}</p>
          <p className="mt-2 text-muted">{t("tip.stillCounted")}</p>
        </Card>
      ) : null}
      {c.kind === "reservation" ? <Alert kind="info">{t("reservation.receipt", { count: Number(d.deletedEgenandeler ?? 0), year: Number(d.year ?? 0) })}</Alert> : null}
      {c.kind === "lift-reservation" ? <Alert kind="info">{t("reservation.liftedReceipt")}</Alert> : null}
      <h2 className="mb-3 text-xl font-bold">{t("case.history")}</h2>
      <ol className="mb-8 border-l-2 border-line pl-4" data-testid="history">
        {history.map((h) => (
          <li key={h.id} className="mb-3">
            <p className="font-semibold">{t(`case.status.${h.status}` as MessageKey)}</p>
            <p className="text-sm text-muted">{h.at}</p>
            {h.note ? <p>{h.note}</p> : null}
          </li>
        ))}
      </ol>
      <p>
        <Link to="/mine/saker">{t("case.all")}</Link>
      </p>
    </>
  );
}
