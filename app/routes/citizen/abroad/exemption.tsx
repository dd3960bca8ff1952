import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field, fieldErrorItems, inputClass } from "~/components/form";
import { fieldErrorsOf } from "~/schemas/self-service";
import { childForWholePeriod } from "~/domain/abroad-start";
import { useT } from "~/i18n/use-t";
import { exemptionSchema } from "~/schemas/abroad";
import { saveStartAnswer } from "~/services/abroad-application.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf } from "~/utils/session.server";
import { loadDraft } from "./draft.server";
import { key, QuestionPage, Radios } from "./shared";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.exemption.title");

type Values = { exemption: string; otherText: string };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "fritak");
  // A child under 16 for the whole period is not asked: the fødselsnummer says it.
  if (childForWholePeriod(d.birthDate, d.view.data.period)) throw redirect(d.returnTo ?? `${d.base}/dokumenter`);
  const e = d.view.data.exemption;
  return { applicationId: d.view.app.id, values: { exemption: e?.kind ?? "", otherText: e?.otherText ?? "" } satisfies Values, returnTo: d.returnTo };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "fritak");
  const form = await readForm(request);
  requireCsrf(d.user.csrf, form);
  const values: Values = { exemption: String(form.get("exemption") ?? ""), otherText: String(form.get("otherText") ?? "").slice(0, 300) };
  const parsed = exemptionSchema(d.today).safeParse(values);
  if (!parsed.success) {
    return data({ values, errors: fieldErrorsOf(parsed.error) }, { status: 400 });
  }
  await saveStartAnswer(context.database.db, d.user.personId, d.view.app.id, { exemption: parsed.data });
  return redirect(d.returnTo ?? `${d.base}/dokumenter`);
}

export default function AbroadExemption() {
  const { t } = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? loaded.values;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const base = `/mine/utland/${loaded.applicationId}`;
  const summary = fieldErrorItems(errors, ["exemption", "otherText"], t);
  const otherErr = errors.otherText;
  return (
    <QuestionPage
      applicationId={loaded.applicationId}
      returnTo={loaded.returnTo}
      back={`${base}/periode`}
      step="fritak"
      title={t("abroad.exemption.title")}
      intro={<p className="mb-6 max-w-prose text-lg">{t("abroad.exemption.lead")}</p>}
      errors={summary}
      t={t}
    >
      <Radios
        name="exemption"
        legend={t("abroad.exemption.legend")}
        hint={t("abroad.exemption.verify")}
        value={values.exemption}
        error={errors.exemption ? t(key(errors.exemption)) : undefined}
        options={[
          { value: "none", label: t("abroad.exemption.none") },
          { value: "frikort", label: t("abroad.exemption.frikort"), hint: t("abroad.exemption.frikort.hint") },
          { value: "yrkesskade", label: t("abroad.exemption.yrkesskade"), hint: t("abroad.exemption.yrkesskade.hint") },
          {
            value: "other",
            label: t("abroad.exemption.other"),
            children: (
              <Field id="otherText" label={t("abroad.exemption.otherText")} error={otherErr} t={t}>
                {(d, inv) => (
                  <input
                    id="otherText"
                    name="otherText"
                    defaultValue={values.otherText}
                    autoComplete="off"
                    aria-describedby={d}
                    aria-invalid={inv || undefined}
                    className={inputClass}
                  />
                )}
              </Field>
            ),
          },
        ]}
      />
    </QuestionPage>
  );
}
