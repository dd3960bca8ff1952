import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { inputClass } from "~/components/form";
import { buttonClass, PageHeading } from "~/components/ui";
import { formatKontonummer } from "~/kernel/kontonummer";
import { useRootData, useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { accountSchema } from "~/schemas/abroad";
import { saveAccount } from "~/services/abroad-application.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf } from "~/utils/session.server";
import { loadDraft } from "./draft.server";
import { ErrorList, key, StepOf } from "./shared";
import { readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "abroad.account.title");

const FIELDS = ["accountType", "kontonummer", "iban", "bic"] as const;
type Values = Partial<Record<(typeof FIELDS)[number], string>>;

async function load(request: Request, context: LoaderFunctionArgs["context"], applicationId: string | undefined) {
  return loadDraft(request, context, applicationId, "konto");
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, view } = await load(request, context, params.applicationId);
  const saved = view.data.account;
  let values: Values;
  if (saved?.kind === "no") values = { accountType: "no", kontonummer: formatKontonummer(saved.kontonummer) };
  else if (saved?.kind === "foreign") values = { accountType: "foreign", iban: saved.iban, bic: saved.bic };
  else {
    // Default: the account Helfo already has for the person.
    const person = await getPerson(context.database.db, user.personId);
    values = person?.payoutAccount ? { accountType: "no", kontonummer: formatKontonummer(person.payoutAccount) } : {};
  }
  return { applicationId: view.app.id, values };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, view } = await load(request, context, params.applicationId);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const values: Values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "").slice(0, 80)]));
  const parsed = accountSchema().safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const f = String(issue.path[0] ?? "accountType");
      if (!errors[f]) errors[f] = issue.message;
    }
    return data({ errors, values }, { status: 400 });
  }
  const a = parsed.data;
  await saveAccount(
    context.database.db,
    user.personId,
    view.app.id,
    a.accountType === "no" ? { kind: "no", kontonummer: a.kontonummer } : { kind: "foreign", iban: a.iban, bic: a.bic },
  );
  return redirect(`/mine/utland/${view.app.id}/oppsummering`);
}

export default function AbroadAccount() {
  const { t } = useT();
  const { user } = useRootData();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Values = actionData?.values ?? loaded.values;
  const base = `/mine/utland/${loaded.applicationId}`;
  const labels: Record<string, string> = {
    accountType: t("abroad.account.type"),
    kontonummer: t("abroad.account.kontonummer"),
    iban: t("abroad.account.iban"),
    bic: t("abroad.account.bic"),
  };
  const summary = FIELDS.filter((f) => errors[f]).map((f) => ({ id: f === "accountType" ? "accountType-no" : f, text: t(key(errors[f]!)) }));
  const field = (id: "kontonummer" | "iban" | "bic", hint: string, width: string) => {
    const err = errors[id];
    return (
      <div className={`mb-4 ${err ? "border-l-4 border-danger pl-3" : ""}`}>
        <label htmlFor={id} className="block font-semibold">
          {labels[id]}
        </label>
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
        {err ? (
          <p id={`${id}-error`} className="font-semibold text-danger">
            {t(key(err))}
          </p>
        ) : null}
        <input
          id={id}
          name={id}
          defaultValue={values[id] ?? ""}
          autoComplete="off"
          spellCheck={false}
          inputMode={id === "kontonummer" ? "numeric" : undefined}
          aria-describedby={`${id}-hint${err ? ` ${id}-error` : ""}`}
          aria-invalid={err ? true : undefined}
          className={`${inputClass} ${width}`}
        />
      </div>
    );
  };
  return (
    <>
      <StepOf step="konto" t={t} />
      <PageHeading>{t("abroad.account.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("abroad.account.lead")}</p>
      <Form method="post" noValidate className="max-w-2xl">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <fieldset className={`mb-6 ${errors.accountType ? "border-l-4 border-danger pl-3" : ""}`} aria-describedby={errors.accountType ? "accountType-error" : undefined}>
          <legend className="mb-2 text-lg font-bold">{labels.accountType}</legend>
          {errors.accountType ? (
            <p id="accountType-error" className="font-semibold text-danger">
              {t(key(errors.accountType))}
            </p>
          ) : null}
          <div className="mb-2 rounded border-2 border-line p-4">
            <div className="mb-3 flex items-center gap-2">
              <input type="radio" id="accountType-no" name="accountType" value="no" defaultChecked={values.accountType === "no"} className="h-5 w-5" />
              <label htmlFor="accountType-no" className="font-semibold">
                {t("abroad.account.type.no")}
              </label>
            </div>
            {field("kontonummer", t("abroad.account.kontonummer.hint"), "max-w-xs")}
          </div>
          <div className="rounded border-2 border-line p-4">
            <div className="mb-3 flex items-center gap-2">
              <input type="radio" id="accountType-foreign" name="accountType" value="foreign" defaultChecked={values.accountType === "foreign"} className="h-5 w-5" />
              <label htmlFor="accountType-foreign" className="font-semibold">
                {t("abroad.account.type.foreign")}
              </label>
            </div>
            {field("iban", t("abroad.account.iban.hint"), "")}
            {field("bic", t("abroad.account.bic.hint"), "max-w-xs")}
          </div>
        </fieldset>
        <ErrorList items={summary} t={t} />
        <button type="submit" className={buttonClass}>
          {t("abroad.saveContinue")}
        </button>
      </Form>
      <p className="mt-6">
        <Link to={`${base}/vurdering`}>{t("abroad.back.assessment")}</Link>
      </p>
    </>
  );
}
