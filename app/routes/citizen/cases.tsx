import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCovers } from "~/components/services";
import { PageHeading, buttonClass } from "~/components/ui";
import { mayActOnPath } from "~/domain/representation";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { listMyCases } from "~/services/my-cases.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "cases.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const lang = await getLang(request);
  const rows = await listMyCases(context.database.db, user.personId);
  // a case whose page the fullmakt does not cover (an application abroad on a fullmakt for insight only) is listed without a link
  const opens = (href: string) => !user.acting || mayActOnPath(user.acting.basis, user.acting.scopes, href);
  return {
    cases: rows.map((c) => ({ id: c.id, reference: c.reference, kind: c.kind, status: c.status, href: opens(c.href) ? c.href : null, created: osloDateTime(c.sentAt, lang) })),
  };
}

export default function Cases() {
  const { t } = useT();
  const { cases } = useLoaderData<typeof loader>();
  const covers = useCovers();
  const starts = covers("missing") || covers("reservation") || covers("abroad");
  return (
    <>
      <PageHeading>{t("cases.title")}</PageHeading>
      {starts ? (
        <p className="mb-6 flex flex-wrap gap-4" data-testid="case-starts">
          {covers("missing") ? (
            <Link to="/mine/manglende" className={buttonClass}>
              {t("cases.newMissing")}
            </Link>
          ) : null}
          {covers("reservation") ? (
            <Link to="/mine/reservasjon" className="self-center">
              {t("cases.reservation")}
            </Link>
          ) : null}
          {covers("abroad") ? (
            <Link to="/mine/utland" className="self-center">
              {t("cases.abroad")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {cases.length === 0 ? (
        <p>{t("cases.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full border-collapse text-left" data-testid="cases">
            <caption className="sr-only">{t("cases.title")}</caption>
            <thead className="bg-surface">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("case.reference")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("cases.col.kind")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("cases.col.sent")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("case.status")}
                </th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} className="border-t border-line">
                  <td className="whitespace-nowrap px-4 py-2">{c.href ? <a href={c.href}>{c.reference}</a> : c.reference}</td>
                  <td className="px-4 py-2">{t(`case.kind.${c.kind}` as MessageKey)}</td>
                  <td className="whitespace-nowrap px-4 py-2">{c.created}</td>
                  <td className="px-4 py-2">{t(`case.status.${c.status}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
