import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading, buttonClass } from "~/components/ui";
import { useT } from "~/i18n/use-t";
import { pageTitle } from "~/utils/meta";
import { safeReturnTo } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

const REASONS = ["expired", "invalid", "required"] as const;
type Reason = (typeof REASONS)[number];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const grunn = url.searchParams.get("grunn");
  const reason = (REASONS as readonly string[]).includes(grunn ?? "") ? (grunn as Reason) : null;
  return { reason, returnTo: safeReturnTo(url.searchParams.get("returnTo"), context.config.publicUrl) };
}

export default function Login() {
  const { t } = useT();
  const { reason, returnTo } = useLoaderData<typeof loader>();
  return (
    <Card>
      <PageHeading>{t("login.title")}</PageHeading>
      {reason ? <Alert kind={reason === "required" ? "info" : "warning"}>{t(`login.reason.${reason}`)}</Alert> : null}
      <p className="mb-6">{t("login.lead")}</p>
      <form method="get" action="/auth/start">
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className={buttonClass}>
          {t("login.button")}
        </button>
      </form>
    </Card>
  );
}
