import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, Field, inputClass, secondaryButtonClass } from "~/components/form";
import { Alert, Card, PageHeading, buttonClass } from "~/components/ui";
import { useRootData, useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { FullmaktIntent } from "~/schemas/intents";
import { GiveFullmaktSchema, OpaqueIdSchema } from "~/schemas/representation";
import { fieldErrorsOf } from "~/schemas/self-service";
import { fullmakterOf, giveFullmakt, withdrawGivenFullmakt } from "~/services/representation.server";
import { intentOf, readForm } from "~/utils/form.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang, requireCitizen, requireCsrf } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "fullmakt.title");

/**
 * Fullmakter the logged-in resident gave and received (issue 22 item 12). Only ever for oneself: while acting for someone,
 * the page says so and changes nothing (a representative cannot pass a fullmakt on).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const db = context.database.db;
  const lang = await getLang(request);
  if (user.acting) {
    const subject = await getPerson(db, user.personId);
    return { actingFor: subject?.name ?? "", given: [], received: [] };
  }
  const { given, received } = await fullmakterOf(db, user.actorPersonId);
  const view = (r: (typeof given)[number]) => ({
    id: r.id,
    name: r.otherName,
    since: osloDateTime(r.createdAt, lang),
    withdrawn: r.withdrawnAt ? osloDateTime(r.withdrawnAt, lang) : null,
  });
  // received: only the live ones (a withdrawn fullmakt gives the former holder nothing, not even the giver's name)
  return { actingFor: null, given: given.map(view), received: received.filter((r) => !r.withdrawnAt).map(view) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  if (user.acting) throw new Response("Forbidden", { status: 403 });
  const db = context.database.db;
  const intent = intentOf(form, FullmaktIntent);
  if (intent === "withdraw") {
    const id = OpaqueIdSchema.safeParse(form.get("fullmakt"));
    const ok = id.success && (await withdrawGivenFullmakt(db, user.actorPersonId, id.data));
    if (!ok) return data({ errors: { form: "fullmakt.errors.gone" } as Record<string, string>, values: { fnr: "", lastName: "" } }, { status: 404 });
    return redirect("/mine/fullmakt?trukket=1");
  }
  const values = { fnr: String(form.get("fnr") ?? ""), lastName: String(form.get("lastName") ?? "") };
  const parsed = GiveFullmaktSchema.safeParse({ ...values, confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const given = await giveFullmakt(db, user.actorPersonId, parsed.data);
  if (!given.ok) return data({ errors: { fnr: given.error } as Record<string, string>, values }, { status: 400 });
  return redirect("/mine/fullmakt?gitt=1");
}

export default function PowerOfAttorney() {
  const { t } = useT();
  const { user } = useRootData();
  const { actingFor, given, received } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values ?? { fnr: "", lastName: "" };
  const [params] = useSearchParams();
  if (actingFor !== null) {
    return (
      <>
        <PageHeading>{t("fullmakt.title")}</PageHeading>
        <Alert kind="info">{t("fullmakt.selfOnly", { name: actingFor })}</Alert>
      </>
    );
  }
  const newest = given.find((g) => !g.withdrawn);
  return (
    <>
      <PageHeading>{t("fullmakt.title")}</PageHeading>
      <p className="mb-6 max-w-prose">{t("fullmakt.lead")}</p>
      {params.get("gitt") && newest ? <Alert kind="success">{t("fullmakt.given.ok", { name: newest.name ?? "" })}</Alert> : null}
      {params.get("trukket") ? <Alert kind="success">{t("fullmakt.withdrawn.ok")}</Alert> : null}
      {errors.form ? <Alert kind="error">{t("fullmakt.errors.gone")}</Alert> : null}

      <Card className="mb-8">
        <h2 className="mb-4 text-xl font-bold">{t("fullmakt.given.title")}</h2>
        {given.length === 0 ? <p>{t("fullmakt.none")}</p> : null}
        <ul className="space-y-3" data-testid="fullmakt-given">
          {given.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center gap-3">
              <span>
                <span className="font-semibold">{g.name}</span> – {t("fullmakt.since", { date: g.since })}
                {g.withdrawn ? `, ${t("fullmakt.withdrawnOn", { date: g.withdrawn })}` : ""}
              </span>
              {g.withdrawn ? null : (
                <Form method="post">
                  <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
                  <input type="hidden" name="fullmakt" value={g.id} />
                  <button type="submit" name="intent" value="withdraw" className={secondaryButtonClass}>
                    {t("fullmakt.withdraw", { name: g.name ?? "" })}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </Card>

      <Card className="mb-8">
        <h2 className="mb-4 text-xl font-bold">{t("fullmakt.give.title")}</h2>
        {/* a new form once a fullmakt is given (with JavaScript the page is not reloaded, so the fields would keep the last one) */}
        <Form method="post" noValidate key={given.length}>
          <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
          <Field id="fnr" label={t("fullmakt.fnr")} hint={t("fullmakt.fnr.hint")} error={errors.fnr} t={t}>
            {(describedBy, invalid) => (
              <input
                id="fnr"
                name="fnr"
                inputMode="numeric"
                autoComplete="off"
                defaultValue={values.fnr}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="lastName" label={t("fullmakt.lastName")} error={errors.lastName} t={t}>
            {(describedBy, invalid) => (
              <input
                id="lastName"
                name="lastName"
                autoComplete="off"
                defaultValue={values.lastName}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className={inputClass}
              />
            )}
          </Field>
          <div className={`mb-6 ${errors.confirm ? "border-l-4 border-danger pl-4" : ""}`}>
            {errors.confirm ? (
              <p id="confirm-error" className="font-semibold text-danger">
                {t("fullmakt.errors.confirm")}
              </p>
            ) : null}
            <div className="flex items-start gap-2">
              <input type="checkbox" id="confirm" name="confirm" value="ja" className="mt-1 h-5 w-5" aria-describedby={errors.confirm ? "confirm-error" : undefined} />
              <label htmlFor="confirm">{t("fullmakt.confirm")}</label>
            </div>
          </div>
          <ErrorSummary errors={errors} t={t} order={["fnr", "lastName", "confirm"]} />
          <button type="submit" name="intent" value="give" className={buttonClass}>
            {t("fullmakt.submit")}
          </button>
        </Form>
      </Card>

      <Card>
        <h2 className="mb-4 text-xl font-bold">{t("fullmakt.received.title")}</h2>
        {received.length === 0 ? <p>{t("fullmakt.none")}</p> : null}
        <ul className="space-y-2" data-testid="fullmakt-received">
          {received.map((r) => (
            <li key={r.id}>
              <span className="font-semibold">{r.name}</span> – {t("fullmakt.since", { date: r.since })}
              {r.withdrawn ? `, ${t("fullmakt.withdrawnOn", { date: r.withdrawn })}` : ""}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
