import type { MetaFunction } from "@remix-run/node";
import { Card, PageHeading, buttonClass } from "~/components/ui";
import { useT } from "~/i18n/use-t";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "logout.title");

export default function LoggedOut() {
  const { t } = useT();
  return (
    <Card>
      <PageHeading>{t("logout.title")}</PageHeading>
      <p className="mb-6">{t("logout.lead")}</p>
      <a href="/auth/start" className={buttonClass}>
        {t("logout.again")}
      </a>
    </Card>
  );
}
