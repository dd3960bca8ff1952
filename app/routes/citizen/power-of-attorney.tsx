import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Checkbox, ErrorSummary, secondaryButtonClass, TextField } from "~/components/form";
import { FULLMAKT_SCOPES, fullmaktInForce } from "~/domain/representation";
import { formatDate, type MessageKey, type Translate } from "~/i18n";
import { Alert, Card, PageHeading, buttonClass } from "~/components/ui";
import { useRootData, useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { FullmaktIntent } from "~/schemas/intents";
import { giveFullmaktSchema, OpaqueIdSchema } from "~/schemas/representation";
import { fieldErrorsOf } from "~/schemas/self-service";
import { fullmakterOf, giveFullmakt, withdrawGivenFullmakt } from "~/services/representation.server";
import { intentOf, readForm } from "~/utils/form.server";
import { osloDateTime } from "~/utils/format.server";
import { todayOslo } from "~/utils/clock.server";
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
  const today = todayOslo();
  const view = (r: (typeof given)[number]) => ({
    id: r.id,
    name: r.otherName,
    since: osloDateTime(r.createdAt, lang),
    withdrawn: r.withdrawnAt ? osloDateTime(r.withdrawnAt, lang) : null,
    scopes: r.scopes,
    until: r.validUntil ? formatDate(r.validUntil, lang) : null,
    expired: !r.withdrawnAt && !fullmaktInForce({ scopes: r.scopes, validUntil: r.validUntil }, today),
  });
  // received: only the ones not withdrawn (a withdrawn fullmakt gives the former holder nothing, not even the giver's name)
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
    if (!ok) return data({ errors: { form: "fullmakt.errors.gone" } as Record<string, string>, values: EMPTY }, { status: 404 });
    return redirect("/mine/fullmakt?trukket=1");
  }
  const values = {
    fnr: String(form.get("fnr") ?? ""),
    lastName: String(form.get("lastName") ?? ""),
    scopes: form.getAll("scopes").map(String),
    validUntil: String(form.get("validUntil") ?? ""),
  };
  const parsed = giveFullmaktSchema(todayOslo()).safeParse({ ...values, confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error), values }, { status: 400 });
  const given = await giveFullmakt(db, user.actorPersonId, parsed.data);
  if (!given.ok) return data({ errors: { fnr: given.error } as Record<string, string>, values }, { status: 400 });
  return redirect("/mine/fullmakt?gitt=1");
}

const EMPTY = { fnr: "", lastName: "", scopes: [] as string[], validUntil: "" };

/** "Se saker og meldinger, refusjon for fysioterapi i utlandet" */
function scopeList(scopes: readonly string[], t: Translate): string {
  return scopes.map((s) => t(`fullmakt.scope.${s}` as MessageKey)).join("; ");
}

export default function PowerOfAttorney() {
  const { t } = useT();
  const { user } = useRootData();
  const { actingFor, given, received } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values ?? EMPTY;
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
            <li key={g.id} className="flex flex-wrap items-center gap-3" data-state={g.withdrawn ? "withdrawn" : g.expired ? "expired" : "live"}>
              <span>
                <span className="font-semibold">{g.name}</span> – {t("fullmakt.since", { date: g.since })}
                {g.until ? `, ${t("fullmakt.until", { date: g.until })}` : ""}
                {g.withdrawn ? `, ${t("fullmakt.withdrawnOn", { date: g.withdrawn })}` : ""}
                {g.expired ? <span className="ml-2 rounded bg-warning-bg px-1 font-semibold">{t("fullmakt.expired")}</span> : null}
                <span className="block text-muted">{t("fullmakt.covers", { services: scopeList(g.scopes, t) })}</span>
              </span>
              {g.withdrawn || g.expired ? null : (
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
          <TextField id="fnr" inputMode="numeric" label={t("fullmakt.fnr")} hint={t("fullmakt.fnr.hint")} error={errors.fnr} defaultValue={values.fnr} t={t} />
          <TextField id="lastName" label={t("fullmakt.lastName")} error={errors.lastName} defaultValue={values.lastName} t={t} />
          <fieldset className={`mb-6 ${errors.scopes ? "border-l-4 border-danger pl-4" : ""}`} aria-describedby={errors.scopes ? "scopes-error" : undefined}>
            <legend className="font-semibold">{t("fullmakt.scopes")}</legend>
            {errors.scopes ? (
              <p id="scopes-error" className="font-semibold text-danger">
                {t(errors.scopes as MessageKey)}
              </p>
            ) : null}
            <ul className="mt-2 space-y-2">
              {FULLMAKT_SCOPES.map((scope, n) => (
                <li key={scope}>
                  {/* the first box carries the group's id, so the error summary's link lands in the group */}
                  <Checkbox
                    id={n === 0 ? "scopes" : `scopes-${scope}`}
                    name="scopes"
                    value={scope}
                    label={t(`fullmakt.scope.${scope}` as MessageKey)}
                    defaultChecked={values.scopes.includes(scope)}
                    t={t}
                  />
                </li>
              ))}
            </ul>
          </fieldset>
          <TextField
            id="validUntil"
            width="max-w-xs"
            label={t("fullmakt.validUntil")}
            hint={t("fullmakt.validUntil.hint")}
            error={errors.validUntil}
            defaultValue={values.validUntil}
            t={t}
          />
          <div className="mb-6">
            <Checkbox id="confirm" label={t("fullmakt.confirm")} error={errors.confirm} t={t} />
          </div>
          <ErrorSummary errors={errors} t={t} order={["fnr", "lastName", "scopes", "validUntil", "confirm"]} />
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
            <li key={r.id} data-state={r.expired ? "expired" : "live"}>
              <span className="font-semibold">{r.name}</span> – {t("fullmakt.since", { date: r.since })}
              {r.until ? `, ${t("fullmakt.until", { date: r.until })}` : ""}
              {r.expired ? <span className="ml-2 rounded bg-warning-bg px-1 font-semibold">{t("fullmakt.expired")}</span> : null}
              <span className="block text-muted">{t("fullmakt.covers", { services: scopeList(r.scopes, t) })}</span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
