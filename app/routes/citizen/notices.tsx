import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Checkbox, ErrorSummary, TextField } from "~/components/form";
import { Alert, Card, PageHeading, buttonClass } from "~/components/ui";
import { isLang, LANG_NAMES } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { getNoticeSettings, saveNoticeSettings } from "~/models/notice-settings.server";
import { getPerson } from "~/models/person.server";
import { actingChoices } from "~/services/representation.server";
import { todayOslo } from "~/utils/clock.server";
import { NoticeSettingsSchema } from "~/schemas/representation";
import { fieldErrorsOf } from "~/schemas/self-service";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen, requireCsrf } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notices.title");

/** The resident's notice choices (issue 22 item 11): e-mail and/or SMS, or none. Only for oneself, not while acting for someone. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  if (user.acting) {
    const subject = await getPerson(db, user.personId);
    return { actingFor: subject?.name ?? "", children: [], settings: null, publicUrl: context.config.publicUrl };
  }
  const [s, choices] = await Promise.all([getNoticeSettings(db, user.actorPersonId), actingChoices(db, user.actorPersonId, todayOslo())]);
  return {
    actingFor: null,
    // children under 16 the resident acts for: their messages are told by these choices too
    children: choices.filter((c) => c.basis === "parent").map((c) => c.name ?? ""),
    settings: { emailOn: s?.emailOn ?? false, smsOn: s?.smsOn ?? false, email: s?.email ?? "", phone: s?.phone ?? "", lang: s?.lang ?? null },
    publicUrl: context.config.publicUrl,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  if (user.acting) throw new Response("Forbidden", { status: 403 });
  const values = { emailOn: form.get("emailOn") === "ja", smsOn: form.get("smsOn") === "ja", email: String(form.get("email") ?? ""), phone: String(form.get("phone") ?? "") };
  const parsed = NoticeSettingsSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  await saveNoticeSettings(context.database.db, user.actorPersonId, { ...parsed.data, lang: await getLang(request) });
  return redirect("/mine/varsler?lagret=1");
}

export default function Notices() {
  const { t, lang } = useT();
  const { user } = useRootData();
  const { actingFor, children, settings, publicUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (actingFor !== null || !settings) {
    return (
      <>
        <PageHeading>{t("notices.title")}</PageHeading>
        <Alert kind="info">{t("notices.selfOnly", { name: actingFor ?? "" })}</Alert>
      </>
    );
  }
  const errors: Record<string, string> = actionData?.errors ?? {};
  const v = actionData?.values ?? settings;
  return (
    <>
      <PageHeading>{t("notices.title")}</PageHeading>
      <p className="mb-6 max-w-prose">{t("notices.lead")}</p>
      {children.length > 0 ? (
        <p className="mb-6 max-w-prose" data-testid="notices-children">
          {t("notices.children", { names: children.join(", ") })}
        </p>
      ) : null}
      {params.get("lagret") && !actionData ? (
        <Alert kind="success">
          <p>{t("notices.saved")}</p>
          {!settings.emailOn && !settings.smsOn ? <p className="mt-1">{t("notices.off")}</p> : null}
        </Alert>
      ) : null}
      <Card className="mb-8">
        {/* keyed by what is saved, so the fields show the stored values (a normalised number) after saving with JavaScript too */}
        <Form method="post" noValidate key={JSON.stringify(settings)}>
          <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
          <fieldset className="mb-6">
            <legend className="sr-only">{t("notices.emailOn")}</legend>
            <div className="mb-3">
              <Checkbox id="emailOn" label={t("notices.emailOn")} defaultChecked={v.emailOn} bold t={t} />
            </div>
            <TextField id="email" type="email" autoComplete="email" label={t("notices.email")} error={errors.email} defaultValue={v.email} t={t} />
          </fieldset>
          <fieldset className="mb-6">
            <legend className="sr-only">{t("notices.smsOn")}</legend>
            <div className="mb-3">
              <Checkbox id="smsOn" label={t("notices.smsOn")} defaultChecked={v.smsOn} bold t={t} />
            </div>
            <TextField id="phone" type="tel" autoComplete="tel" label={t("notices.phone")} hint={t("notices.phone.hint")} error={errors.phone} defaultValue={v.phone} t={t} />
          </fieldset>
          <p className="mb-4 text-sm text-muted">{t("notices.language", { language: LANG_NAMES[isLang(settings.lang) ? settings.lang : lang] })}</p>
          <ErrorSummary errors={errors} t={t} order={["email", "phone"]} />
          <button type="submit" className={buttonClass}>
            {t("notices.save")}
          </button>
        </Form>
      </Card>
      <section aria-labelledby="example-title" className="max-w-prose">
        <h2 id="example-title" className="mb-2 text-lg font-bold">
          {t("notices.example")}
        </h2>
        <blockquote className="border-l-4 border-line pl-4" data-testid="notice-example">
          <p className="font-semibold">{t("notice.subject")}</p>
          <p>{t("notice.text", { url: publicUrl })}</p>
        </blockquote>
      </section>
    </>
  );
}
