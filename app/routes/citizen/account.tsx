import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useCovers } from "~/components/services";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Alert, buttonClass, Card, PageHeading } from "~/components/ui";
import { type AccountError, parseAccountForm } from "~/domain/frikort-proof";
import { formatKontonummer } from "~/kernel/kontonummer";
import { formatOre } from "~/kernel/money";
import { formatDate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { checkForeignAccount, type ForeignAccountError, maskIban } from "~/domain/foreign-account";
import type { MessageKey } from "~/i18n";
import { AccountIntent } from "~/schemas/intents";
import { loadAccountState, saveForeignPayoutAccount, savePayoutAccount } from "~/services/account.server";
import { todayOslo } from "~/utils/clock.server";
import { log } from "~/utils/log.server";
import { pageTitle } from "~/utils/meta";
import { clearSessionCookie, requireCsrf, requireCitizen } from "~/utils/session.server";
import { intentOf, readForm } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

const FIELD = "kontonummer";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const state = await loadAccountState(context.database.db, user.personId, todayOslo());
  if (!state) throw redirect("/logg-inn?grunn=invalid", { headers: { "Set-Cookie": await clearSessionCookie(context.config) } });
  return {
    account: state.account ? formatKontonummer(state.account) : null,
    foreign: state.foreign ? { iban: maskIban(state.foreign.iban), bic: state.foreign.bic } : null,
    eligibility: state.eligibility,
    waiting: state.waiting,
    pending: state.pending,
    saved: new URL(request.url).searchParams.get("lagret") === "1",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const intent = intentOf(form, AccountIntent);
  let result;
  if (intent === "foreign") {
    // An account abroad (issue 22, item 10): IBAN and BIC checked here and next to each field.
    const iban = String(form.get("iban") ?? "").slice(0, 64);
    const bic = String(form.get("bic") ?? "").slice(0, 32);
    const checked = checkForeignAccount(iban, bic);
    if (!checked.ok) return data({ foreignErrors: checked.errors, iban, bic }, { status: 400 });
    result =
      checked.kind === "no"
        ? await savePayoutAccount(context.database.db, user.personId, checked.kontonummer, todayOslo())
        : await saveForeignPayoutAccount(context.database.db, user.personId, { iban: checked.iban, bic: checked.bic }, todayOslo());
  } else {
    const parsed = parseAccountForm({ kontonummer: form.get(FIELD) ?? undefined });
    if (!parsed.ok) return data({ error: parsed.error, value: parsed.value }, { status: 400 });
    result = await savePayoutAccount(context.database.db, user.personId, parsed.kontonummer, todayOslo());
  }
  if (result.kind === "not-found") {
    throw redirect("/logg-inn?grunn=invalid", { headers: { "Set-Cookie": await clearSessionCookie(context.config) } });
  }
  // Not allowed: the page explains why (the form is not shown to them in the first place).
  if (result.kind === "not-allowed") return redirect("/mine/kontonummer");
  log.info("payout account saved", { requestId: context.requestId, changed: result.changed, payoutsToAccount: result.released });
  return redirect("/mine/kontonummer?lagret=1");
}

function ErrorSummary({ error, t }: { error: AccountError; t: ReturnType<typeof useT>["t"] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      className="mb-6 border-4 border-danger bg-white p-4 focus:outline-3 focus:outline-focus"
      data-testid="error-summary"
    >
      <h2 id="error-summary-title" className="mb-2 text-xl font-bold">
        {t("account.errorSummary")}
      </h2>
      <ul>
        <li>
          <a
            href={`#${FIELD}`}
            className="font-semibold text-danger"
            onClick={(e) => {
              const input = document.getElementById(FIELD);
              if (input) {
                e.preventDefault();
                input.focus();
                input.scrollIntoView({ block: "center" });
              }
            }}
          >
            {t(`account.error.${error}`)}
          </a>
        </li>
      </ul>
    </div>
  );
}

/** An account abroad: IBAN and BIC, each with its own error next to it; works without JavaScript. */
function ForeignAccountForm({
  csrf,
  failure,
  submitting,
}: {
  csrf: string;
  failure: { foreignErrors: Partial<Record<"iban" | "bic", ForeignAccountError>>; iban: string; bic: string } | null;
  submitting: boolean;
}) {
  const { t } = useT();
  const errors = failure?.foreignErrors ?? {};
  const field = (name: "iban" | "bic") => {
    const err = errors[name];
    return (
      <div className={`mb-4 ${err ? "border-l-4 border-danger pl-4" : ""}`}>
        <label htmlFor={`foreign-${name}`} className="block text-lg font-semibold">
          {t(`account.foreign.${name}`)}
        </label>
        <p id={`foreign-${name}-hint`} className="mb-2 text-muted">
          {t(`account.foreign.${name}.hint`)}
        </p>
        {err ? (
          <p id={`foreign-${name}-error`} className="mb-2 font-semibold text-danger" data-testid={`foreign-${name}-error`}>
            <span className="sr-only">{t("account.errorPrefix")} </span>
            {t(`account.foreign.error.${err}` as MessageKey)}
          </p>
        ) : null}
        <input
          id={`foreign-${name}`}
          name={name}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={failure?.[name] ?? ""}
          aria-describedby={err ? `foreign-${name}-hint foreign-${name}-error` : `foreign-${name}-hint`}
          aria-invalid={err ? true : undefined}
          className={`w-full ${name === "iban" ? "max-w-[24rem]" : "max-w-[12rem]"} rounded border-2 bg-white px-3 py-2 font-mono text-lg ${err ? "border-danger" : "border-ink"}`}
        />
      </div>
    );
  };
  return (
    <section aria-labelledby="foreign-heading" className="mt-10" id="utland">
      <h2 id="foreign-heading" className="mb-2 text-2xl font-bold">
        {t("account.foreign.heading")}
      </h2>
      <p className="mb-4 max-w-prose">{t("account.foreign.lead")}</p>
      {failure ? (
        <div role="alert" className="mb-4 border-4 border-danger bg-white p-4" data-testid="foreign-error-summary">
          <h3 className="mb-2 text-lg font-bold">{t("account.errorSummary")}</h3>
          <ul>
            {(["iban", "bic"] as const)
              .filter((n) => errors[n])
              .map((n) => (
                <li key={n}>
                  <a href={`#foreign-${n}`} className="font-semibold text-danger">
                    {t(`account.foreign.error.${errors[n]!}` as MessageKey)}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" noValidate preventScrollReset>
        <input type="hidden" name="csrf" value={csrf} />
        {field("iban")}
        {field("bic")}
        <button type="submit" name="intent" value="foreign" className={buttonClass} disabled={submitting}>
          {t("account.foreign.submit")}
        </button>
      </Form>
    </section>
  );
}

export default function Account() {
  const covers = useCovers();
  const { t, lang } = useT();
  const { user } = useRootData();
  const { account, foreign, eligibility, waiting, pending, saved } = useLoaderData<typeof loader>();
  const rawAction = useActionData<typeof action>();
  const foreignFailure = rawAction && "foreignErrors" in rawAction ? rawAction : null;
  const actionData = rawAction && "error" in rawAction ? rawAction : undefined;
  const navigation = useNavigation();
  // The same schema as the server, run before submitting when JavaScript is on (no round trip for a typo).
  const [clientError, setClientError] = useState<{ error: AccountError; value: string } | null>(null);
  useEffect(() => {
    setClientError(null);
  }, [actionData]);
  const failure = clientError ?? actionData ?? null;
  const error = failure?.error ?? null;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const value = new FormData(e.currentTarget).get(FIELD);
    const r = parseAccountForm({ kontonummer: typeof value === "string" ? value : "" });
    if (r.ok) {
      setClientError(null);
      return;
    }
    e.preventDefault();
    setClientError({ error: r.error, value: r.value });
  }

  useEffect(() => {
    if (error) document.title = `${t("account.titleError")}: ${t("account.title")} – ${t("site.name")}`;
    else document.title = `${t("account.title")} – ${t("site.name")}`;
  }, [error, t]);

  return (
    <>
      <PageHeading>{t("account.title")}</PageHeading>
      <p className="mb-6 max-w-prose text-lg">{t("account.lead")}</p>

      {saved && foreign && !error ? (
        <Alert kind="success">
          <p className="font-semibold">{t("account.foreign.saved", { iban: foreign.iban })}</p>
        </Alert>
      ) : null}
      {saved && account && !error ? (
        <Alert kind="success">
          <p className="font-semibold">{t("account.saved", { account })}</p>
          {pending.count > 0 ? <p className="mt-1">{t("account.saved.pending", { amount: formatOre(pending.amountOre, lang) })}</p> : null}
        </Alert>
      ) : null}

      <Card className="mb-8">
        <h2 className="mb-2 text-xl font-bold">{t("account.current.heading")}</h2>
        {account ? (
          <p className="font-mono text-2xl font-semibold tracking-wide" data-testid="current-account">
            {account}
          </p>
        ) : foreign ? (
          <p className="font-mono text-xl font-semibold tracking-wide" data-testid="current-account">
            {t("account.current.foreign", { iban: foreign.iban, bic: foreign.bic })}
          </p>
        ) : (
          <p data-testid="current-account">{t("account.current.none")}</p>
        )}
        {account && pending.count > 0 && !saved ? <p className="mt-2">{t("account.pending", { amount: formatOre(pending.amountOre, lang) })}</p> : null}
        {waiting.count > 0 ? (
          <div className="mt-4 border-l-4 border-[#b36b00] bg-warning-bg p-4">
            <p>{t("account.waiting", { amount: formatOre(waiting.amountOre, lang) })}</p>
          </div>
        ) : null}
        {covers("overview") ? (
          <p className="mt-4">
            <Link to="/mine">{t("account.seePayouts")}</Link>
          </p>
        ) : null}
      </Card>

      {eligibility.allowed ? (
        <section aria-labelledby="form-heading" className="max-w-xl">
          <h2 id="form-heading" className="mb-4 text-2xl font-bold">
            {account ? t("account.form.change") : t("account.form.new")}
          </h2>
          <Form method="post" noValidate onSubmit={onSubmit}>
            <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
            <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
              <label htmlFor={FIELD} className="block text-lg font-semibold">
                {t("account.field.label")}
              </label>
              <p id={`${FIELD}-hint`} className="mb-2 text-muted">
                {t("account.field.hint")}
              </p>
              {error ? (
                <p id={`${FIELD}-error`} className="mb-2 font-semibold text-danger" data-testid="field-error">
                  <span className="sr-only">{t("account.errorPrefix")} </span>
                  {t(`account.error.${error}`)}
                </p>
              ) : null}
              <input
                id={FIELD}
                name={FIELD}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                key={`${account ?? ""}:${saved ? "saved" : ""}:${failure?.value ?? ""}`}
                defaultValue={failure?.value ?? ""}
                aria-describedby={error ? `${FIELD}-hint ${FIELD}-error` : `${FIELD}-hint`}
                aria-invalid={error ? true : undefined}
                className={`w-full max-w-[16rem] rounded border-2 bg-white px-3 py-2 font-mono text-lg ${error ? "border-danger" : "border-ink"}`}
              />
            </div>
            {error ? <ErrorSummary error={error} t={t} /> : null}
            <button type="submit" name="intent" value="norwegian" className={buttonClass} disabled={navigation.state === "submitting"}>
              {t("account.submit")}
            </button>
          </Form>
          <ForeignAccountForm csrf={user?.csrf ?? ""} failure={foreignFailure} submitting={navigation.state === "submitting"} />
        </section>
      ) : (
        <Alert kind="info">
          <h2 className="mb-2 text-xl font-bold">{t("account.minor.heading")}</h2>
          <p className="mb-2">{eligibility.reason === "under-16" ? t("account.minor.under-16") : t("account.minor.16-17", { age: eligibility.age })}</p>
          <p>{t("account.minor.from", { date: formatDate(eligibility.from, lang) })}</p>
        </Alert>
      )}
    </>
  );
}
