import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useCovers } from "~/components/services";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { ErrorSummary } from "~/components/form";
import { Alert, Card, PageHeading, buttonClass } from "~/components/ui";
import { formatDate } from "~/i18n";
import { useRootData, useT } from "~/i18n/use-t";
import { getPerson } from "~/models/person.server";
import { ConfirmSchema, fieldErrorsOf } from "~/schemas/self-service";
import { liftReservation, reserve } from "~/services/cases.server";
import { todayOslo } from "~/utils/clock.server";
import { osloDate } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { requireCsrf, requireCitizen } from "~/utils/session.server";
import { intentOf, readForm } from "~/utils/form.server";
import { ReservationIntent } from "~/schemas/intents";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reservation.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const person = await getPerson(context.database.db, user.personId);
  if (!person) throw new Response("Not Found", { status: 404 });
  const today = todayOslo();
  return {
    reserved: person.reservedAt !== null,
    reservedOn: person.reservedAt ? osloDate(person.reservedAt) : null,
    year: Number(today.slice(0, 4)),
    idempotencyKey: randomUUID(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCitizen(request, context.config);
  const form = await readForm(request);
  requireCsrf(user.csrf, form);
  const parsed = ConfirmSchema.safeParse({ confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return data({ errors: fieldErrorsOf(parsed.error) }, { status: 400 });
  const key = String(form.get("idempotencyKey") ?? "").slice(0, 64) || randomUUID();
  const intent = intentOf(form, ReservationIntent);
  const db = context.database.db;
  const row = intent === "lift" ? await liftReservation(db, user.personId, key, todayOslo()) : await reserve(db, user.personId, key, todayOslo());
  if (!row) return redirect("/mine/reservasjon");
  return redirect(`/mine/saker/${row.id}?sendt=1`);
}

export default function Reservation() {
  const covers = useCovers();
  const { t, lang } = useT();
  const { user } = useRootData();
  const { reserved, reservedOn, year, idempotencyKey } = useLoaderData<typeof loader>();
  const errors: Record<string, string> = useActionData<typeof action>()?.errors ?? {};
  return (
    <>
      <PageHeading>{t(reserved ? "reservation.lift.title" : "reservation.title")}</PageHeading>
      {reserved ? (
        <>
          <Alert kind="info">
            {t("reservation.isReserved", { date: reservedOn ? formatDate(reservedOn, lang) : "–" })} <Link to="/mine/frikort-soknad">{t("application.title")}</Link>
          </Alert>
          <Card className="mb-6">
            <h2 className="mb-2 text-xl font-bold">{t("reservation.lift.whatHappens")}</h2>
            <ul className="list-disc space-y-1 pl-6">
              <li>{t("reservation.lift.1")}</li>
              <li>{t("reservation.lift.2")}</li>
              <li>{t("reservation.lift.3")}</li>
            </ul>
          </Card>
        </>
      ) : (
        <>
          <p className="mb-4 max-w-prose">{t("reservation.lead")}</p>
          <Card className="mb-6">
            <h2 className="mb-2 text-xl font-bold">{t("reservation.effects")}</h2>
            <ul className="list-disc space-y-1 pl-6" data-testid="effects">
              <li>{t("reservation.effect.noAutomatic")}</li>
              <li>{t("reservation.effect.receipts")}</li>
              <li>{t("reservation.effect.apply")}</li>
              <li>{t("reservation.effect.providers")}</li>
              <li>{t("reservation.effect.refunds")}</li>
            </ul>
          </Card>
          <Card className="mb-6">
            <h2 className="mb-2 text-xl font-bold">{t("reservation.data")}</h2>
            <ul className="list-disc space-y-1 pl-6" data-testid="data-effects">
              <li>{t("reservation.data.thisYear", { year })}</li>
              <li>{t("reservation.data.earlier", { year })}</li>
              <li>{t("reservation.data.new")}</li>
            </ul>
          </Card>
        </>
      )}
      <Form method="post" noValidate className="max-w-2xl">
        <input type="hidden" name="csrf" value={user?.csrf ?? ""} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <input type="hidden" name="intent" value={reserved ? "lift" : "reserve"} />
        <div className={`mb-6 ${errors.confirm ? "border-l-4 border-danger pl-4" : ""}`}>
          {errors.confirm ? (
            <p id="confirm-error" className="font-semibold text-danger">
              {t(errors.confirm as "errors.confirm.required")}
            </p>
          ) : null}
          <div className="flex items-start gap-2">
            <input type="checkbox" id="confirm" name="confirm" value="ja" className="mt-1 h-5 w-5" aria-describedby={errors.confirm ? "confirm-error" : undefined} />
            <label htmlFor="confirm">{t(reserved ? "reservation.lift.confirm" : "reservation.confirm")}</label>
          </div>
        </div>
        <ErrorSummary errors={errors} t={t} order={["confirm"]} />
        <button type="submit" className={buttonClass}>
          {t(reserved ? "reservation.lift.submit" : "reservation.submit")}
        </button>
      </Form>
      {covers("cases") ? (
        <p className="mt-6">
          <Link to="/mine/saker">{t("cases.title")}</Link>
        </p>
      ) : null}
    </>
  );
}
