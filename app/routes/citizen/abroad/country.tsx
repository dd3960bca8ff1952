import { HELFO_CONTACT } from "~/rules/parameters/helfo-contact";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { inputClass } from "~/components/form";
import { countryChoices, countryStatus, type UncoveredReason } from "~/domain/abroad-start";
import { useT } from "~/i18n/use-t";
import { countrySchema } from "~/schemas/abroad";
import { saveStartAnswer } from "~/services/abroad-application.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf } from "~/utils/session.server";
import { loadDraft } from "./draft.server";
import { key, QuestionPage } from "./shared";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.country.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "land");
  const choices = countryChoices(d.today);
  return {
    applicationId: d.view.app.id,
    value: d.view.data.country ?? "",
    covered: choices.covered,
    notCovered: choices.notCovered,
    returnTo: d.returnTo,
    contact: { phone: HELFO_CONTACT.phone, phoneAbroad: HELFO_CONTACT.phoneFromAbroad },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "land");
  const form = await readForm(request);
  requireCsrf(d.user.csrf, form);
  const value = String(form.get("country") ?? "").slice(0, 10);
  const parsed = countrySchema().safeParse({ country: value });
  if (!parsed.success) return data({ value, error: parsed.error.issues[0]!.message, notCovered: null as UncoveredReason | null }, { status: 400 });
  const status = countryStatus(parsed.data.country, d.today);
  // A country outside the scheme is an answer, not a typing error: say so, and save nothing.
  if (!status.covered) return data({ value, error: null, notCovered: status.reason }, { status: 200 });
  await saveStartAnswer(context.database.db, d.user.personId, d.view.app.id, { country: parsed.data.country });
  return redirect(d.returnTo ?? `${d.base}/periode`);
}

export default function AbroadCountry() {
  const { t, lang } = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const value = actionData?.value ?? loaded.value;
  const error = actionData?.error ?? null;
  const notCovered = actionData?.notCovered ?? null;
  const name = (code: string) => t(key(`abroad.country.${code}`));
  const collator = new Intl.Collator(lang === "en" ? "en" : "nb");
  const covered = [...loaded.covered].sort((a, b) => collator.compare(name(a), name(b)));
  const others = [...loaded.notCovered].sort((a, b) => collator.compare(name(a), name(b)));
  return (
    <QuestionPage
      applicationId={loaded.applicationId}
      returnTo={loaded.returnTo}
      back={"/mine/utland"}
      step="land"
      title={t("abroad.country.title")}
      intro={
        notCovered ? (
          <div className="mb-8 max-w-prose border-l-4 border-[#b36b00] bg-warning-bg p-4" role="status" data-testid="not-covered-country">
            <h2 className="mb-2 text-xl font-bold">{t("abroad.country.notCovered.heading", { country: value === "OTHER" ? t("abroad.country.OTHER.name") : name(value) })}</h2>
            <p className="mb-2">{t(key(`abroad.country.notCovered.${notCovered}`))}</p>
            <p className="mb-2">{t("abroad.country.notCovered.instead")}</p>
            <p data-testid="contact-helfo">{t("abroad.contactHelfo", { ...loaded.contact, country: value === "OTHER" ? t("abroad.country.OTHER.name") : name(value) })}</p>
          </div>
        ) : null
      }
      errors={error ? [{ id: "country", text: t(key(error)) }] : []}
      t={t}
    >
      <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
        <label htmlFor="country" className="block text-lg font-semibold">
          {t("abroad.country.label")}
        </label>
        <p id="country-hint" className="max-w-prose text-muted">
          {t("abroad.country.lead")}
        </p>
        {error ? (
          <p id="country-error" className="font-semibold text-danger">
            {t(key(error))}
          </p>
        ) : null}
        <select
          id="country"
          name="country"
          defaultValue={value}
          key={value}
          aria-describedby={`country-hint${error ? " country-error" : ""}`}
          aria-invalid={error ? true : undefined}
          className={inputClass}
        >
          <option value="">{t("abroad.country.choose")}</option>
          <optgroup label={t("abroad.country.group.covered")}>
            {covered.map((c) => (
              <option key={c} value={c}>
                {name(c)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("abroad.country.group.other")}>
            {others.map((c) => (
              <option key={c} value={c}>
                {name(c)}
              </option>
            ))}
            <option value="OTHER">{t("abroad.country.OTHER")}</option>
          </optgroup>
        </select>
      </div>
    </QuestionPage>
  );
}
