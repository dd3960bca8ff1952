import type { MetaFunction } from "@remix-run/node";
import { ServiceList } from "~/components/services";
import { Card, PageHeading, buttonClass } from "~/components/ui";
import { useRootData, useT } from "~/i18n/use-t";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export default function Home() {
  const { t } = useT();
  const { user } = useRootData();
  if (user) {
    // The logged-in start: every service with when to use it (issue 22, item 1).
    return (
      <>
        <PageHeading>{t("home.title")}</PageHeading>
        <ServiceList t={t} switchLink />
      </>
    );
  }
  return (
    <Card>
      <PageHeading>{t("home.title")}</PageHeading>
      <p className="mb-4 max-w-prose text-lg">{t("home.lead")}</p>
      <ul className="mb-6 list-disc space-y-1 pl-6">
        <li>{t("home.points.1")}</li>
        <li>{t("home.points.2")}</li>
        <li>{t("home.points.3")}</li>
      </ul>
      <p className="mb-4 text-muted">{t("home.loginHint")}</p>
      <a href="/auth/start" className={buttonClass}>
        {t("nav.login")}
      </a>
    </Card>
  );
}
