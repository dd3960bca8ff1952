import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field, inputClass } from "~/components/form";
import { Alert } from "~/components/ui";
import { childForWholePeriod, earliestPaymentInTime, periodNeedsPaymentQuestion } from "~/domain/abroad-start";
import { formatDate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { type FieldErrors, parsePeriod } from "~/schemas/abroad";
import { saveStartAnswer } from "~/services/abroad-application.server";
import { parseNorwegianDate } from "~/schemas/self-service";
import { pageTitle } from "~/utils/meta";
import { requireCsrf } from "~/utils/session.server";
import { loadDraft } from "./draft.server";
import { dateInput, key, QuestionPage, Radios } from "./shared";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.period.title");

type Values = { from: string; to: string; paidRecently: string };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "periode");
  const p = d.view.data.period;
  const values: Values = p
    ? { from: dateInput(p.from), to: dateInput(p.to), paidRecently: p.paidRecently === undefined ? "" : p.paidRecently ? "ja" : "nei" }
    : { from: "", to: "", paidRecently: "" };
  return {
    applicationId: d.view.app.id,
    values,
    returnTo: d.returnTo,
    earliestPayment: earliestPaymentInTime(d.today),
    askPaidRecently: p ? periodNeedsPaymentQuestion(p.to, d.today) : false,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const d = await loadDraft(request, context, params.applicationId, "periode");
  const form = await readForm(request);
  requireCsrf(d.user.csrf, form);
  const values: Values = { from: String(form.get("from") ?? "").slice(0, 20), to: String(form.get("to") ?? "").slice(0, 20), paidRecently: String(form.get("paidRecently") ?? "") };
  const r = parsePeriod(values, d.today);
  if (!r.ok) {
    const to = parseNorwegianDate(values.to);
    const askPaidRecently = to !== null && periodNeedsPaymentQuestion(to, d.today);
    // A question the resident has not seen yet is asked, not shown as an error (issue 22, item 9).
    const errors = { ...r.errors };
    if (errors.paidRecently && form.get("askedPaidRecently") !== "1" && values.paidRecently === "") delete errors.paidRecently;
    return data({ values, errors, askPaidRecently }, { status: Object.keys(errors).length ? 400 : 200 });
  }
  await saveStartAnswer(context.database.db, d.user.personId, d.view.app.id, { period: r.period });
  if (d.returnTo) return redirect(d.returnTo);
  return redirect(`${d.base}/${childForWholePeriod(d.birthDate, r.period) ? "dokumenter" : "fritak"}`);
}

export default function AbroadPeriod() {
  const { t, lang } = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? loaded.values;
  const errors: FieldErrors = actionData?.errors ?? {};
  const askPaidRecently = actionData?.askPaidRecently ?? loaded.askPaidRecently;
  const base = `/mine/utland/${loaded.applicationId}`;
  const msg = (f: string) => {
    const e = errors[f];
    if (!e) return undefined;
    const vars = Object.fromEntries(Object.entries(e.vars ?? {}).map(([k, v]) => [k, typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, lang) : v]));
    return t(key(e.key), vars);
  };
  const paidDate = formatDate(loaded.earliestPayment, lang);
  const summary = (["from", "to", "paidRecently"] as const).filter((f) => errors[f]).map((f) => ({ id: f, text: msg(f)! }));
  const dateField = (id: "from" | "to") => {
    const err = msg(id);
    return (
      <Field id={id} label={t(id === "from" ? "abroad.period.from" : "abroad.period.to")} hint={t("abroad.hint.date")} error={err === undefined ? undefined : { text: err }} t={t}>
        {(describedBy, invalid) => (
          <input
            id={id}
            name={id}
            defaultValue={values[id]}
            key={`${id}-${values[id]}`}
            inputMode="numeric"
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={`${inputClass} max-w-xs`}
          />
        )}
      </Field>
    );
  };
  return (
    <QuestionPage
      applicationId={loaded.applicationId}
      returnTo={loaded.returnTo}
      back={`${base}/land`}
      step="periode"
      title={t("abroad.period.title")}
      intro={<p className="mb-6 max-w-prose text-lg">{t("abroad.period.lead")}</p>}
      errors={summary}
      t={t}
    >
      {dateField("from")}
      {dateField("to")}
      {askPaidRecently ? (
        <>
          <Alert kind="warning">
            <p data-testid="deadline-notice">{t("abroad.period.late", { date: paidDate })}</p>
          </Alert>
          <input type="hidden" name="askedPaidRecently" value="1" />
          <p className="mb-2 max-w-prose">{t("abroad.period.paidRecently.why")}</p>
          <Radios
            name="paidRecently"
            legend={t("abroad.period.paidRecently", { date: paidDate })}
            options={[
              { value: "ja", label: t("abroad.yes") },
              { value: "nei", label: t("abroad.no") },
            ]}
            value={values.paidRecently}
            error={msg("paidRecently")}
          />
        </>
      ) : null}
    </QuestionPage>
  );
}
