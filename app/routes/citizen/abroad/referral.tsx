import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field, fieldErrorItems, inputClass } from "~/components/form";
import { fieldErrorsOf } from "~/schemas/self-service";
import { REFERRAL_NOT_NEEDED_FROM } from "~/domain/abroad-start";
import { addDays } from "~/kernel/dates";
import { formatDate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { valueAt } from "~/rules/parameter";
import { referralRule } from "~/rules/parameters/physio-abroad";
import { progressOf } from "~/domain/abroad-application";
import { REFERRER_CHOICES, referralSchema } from "~/schemas/abroad";
import { saveStartAnswer } from "~/services/abroad-application.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf } from "~/utils/session.server";
import { loadDraft } from "./draft.server";
import { dateInput, key, QuestionPage, Radios } from "./shared";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.referral.title");

type Values = { had: string; date: string; referrer: string; aroseAbroad: string };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "henvisning");
  // Only asked when a treatment line is before the cut-off.
  if (!progressOf(d.view, d.birthDate, d.today).referralNeeded) throw redirect(d.returnTo ?? `${d.base}/vurdering`);
  const r = d.view.data.referral;
  const rule = valueAt(referralRule, addDays(REFERRAL_NOT_NEEDED_FROM, -1));
  return {
    applicationId: d.view.app.id,
    values: {
      had: r ? (r.had ? "ja" : "nei") : "",
      date: r?.had ? dateInput(r.date) : "",
      referrer: r?.had && r.referrer ? (r.referrer.inNorway ? r.referrer.kind : "lege-utland") : "",
      aroseAbroad: r?.had && r.referrer && !r.referrer.inNorway ? (r.referrer.illnessAroseAbroad ? "ja" : "nei") : "",
    } satisfies Values,
    returnTo: d.returnTo,
    cutOff: REFERRAL_NOT_NEEDED_FROM,
    rule: { max: rule.maxTreatments, months: rule.startWithinMonths },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "henvisning");
  const form = await readForm(request);
  requireCsrf(d.user.csrf, form);
  const values: Values = {
    had: String(form.get("had") ?? ""),
    date: String(form.get("date") ?? "").slice(0, 20),
    referrer: String(form.get("referrer") ?? "").slice(0, 20),
    aroseAbroad: String(form.get("aroseAbroad") ?? "").slice(0, 4),
  };
  const parsed = referralSchema(d.today).safeParse(values.had === "nei" ? { had: "nei" } : values);
  if (!parsed.success) {
    return data({ values, errors: fieldErrorsOf(parsed.error) }, { status: 400 });
  }
  await saveStartAnswer(context.database.db, d.user.personId, d.view.app.id, { referral: parsed.data });
  return redirect(d.returnTo ?? `${d.base}/vurdering`);
}

export default function AbroadReferral() {
  const { t, lang } = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? loaded.values;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const base = `/mine/utland/${loaded.applicationId}`;
  const summary = fieldErrorItems(errors, ["had", "date", "referrer", "aroseAbroad"], t);
  const dateErr = errors.date;
  return (
    <QuestionPage
      applicationId={loaded.applicationId}
      returnTo={loaded.returnTo}
      back={`${base}/kontroll`}
      step="henvisning"
      title={t("abroad.referral.title")}
      intro={<p className="mb-6 max-w-prose text-lg">{t("abroad.referral.lead", { date: formatDate(loaded.cutOff, lang), max: loaded.rule.max, months: loaded.rule.months })}</p>}
      errors={summary}
      t={t}
    >
      <Radios
        name="had"
        legend={t("abroad.referral.legend")}
        value={values.had}
        error={errors.had ? t(key(errors.had)) : undefined}
        options={[
          {
            value: "ja",
            label: t("abroad.yes"),
            children: (
              <>
                <Field id="date" label={t("abroad.referral.date")} hint={t("abroad.hint.date")} error={dateErr} t={t}>
                  {(d, inv) => (
                    <input
                      id="date"
                      name="date"
                      defaultValue={values.date}
                      inputMode="numeric"
                      autoComplete="off"
                      aria-describedby={d}
                      aria-invalid={inv || undefined}
                      className={`${inputClass} max-w-xs`}
                    />
                  )}
                </Field>
                <div className="mt-4">
                  <Radios
                    name="referrer"
                    legend={t("abroad.referral.referrer")}
                    value={values.referrer}
                    error={errors.referrer ? t(key(errors.referrer)) : undefined}
                    options={REFERRER_CHOICES.map((c) => ({ value: c, label: t(`abroad.referral.referrer.${c}`) }))}
                  />
                  <Radios
                    name="aroseAbroad"
                    legend={t("abroad.referral.aroseAbroad")}
                    hint={t("abroad.referral.aroseAbroad.hint")}
                    value={values.aroseAbroad}
                    error={errors.aroseAbroad ? t(key(errors.aroseAbroad)) : undefined}
                    options={[
                      { value: "ja", label: t("abroad.yes") },
                      { value: "nei", label: t("abroad.no") },
                    ]}
                  />
                </div>
                <p className="mt-2 text-muted">{t("abroad.referral.attach")}</p>
              </>
            ),
          },
          { value: "nei", label: t("abroad.no") },
        ]}
      />
    </QuestionPage>
  );
}
