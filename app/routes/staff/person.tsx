import { readForm } from "~/utils/form.server";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Card, PageHeading } from "~/components/ui";
import { checkDeathDate } from "~/domain/staff-register";
import { can, STAFF_BASE } from "~/domain/staff-roles";
import { formatShortDate, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { DeathDateFormSchema } from "~/schemas/staff-register";
import { loadPersonRecord, setDateOfDeath } from "~/services/staff-register.server";
import { todayOslo } from "~/utils/clock.server";
import { osloDateTime } from "~/utils/format.server";
import { pageTitle } from "~/utils/meta";
import { getLang } from "~/utils/session.server";
import { notFound, requireStaff, requireStaffCsrf } from "~/utils/staff-session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.person.title");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  // every staff read of a resident's data is audit-logged (loadPersonRecord writes the row first)
  const p = await loadPersonRecord(context.database.db, staff, params.personId ?? "");
  if (!p) throw notFound();
  const lang = await getLang(request);
  return {
    csrf: staff.csrf,
    canChange: can(staff.roles, "decide"),
    person: { id: p.id, name: p.name, birthDate: p.birthDate, diedOn: p.diedOn },
    changes: p.changes.map((c) => ({ id: c.id, at: osloDateTime(c.at, lang), by: c.staffIdent, before: c.before, after: c.after, reason: c.reason })),
    saved: new URL(request.url).searchParams.get("lagret") === "1",
  };
}

type Errors = Partial<Record<"diedOn" | "reason", MessageKey>>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "decide");
  const form = await readForm(request);
  requireStaffCsrf(staff, form);
  const db = context.database.db;
  const p = await loadPersonRecord(db, staff, params.personId ?? "");
  if (!p) throw notFound();
  const parsed = DeathDateFormSchema.parse({ diedOn: form.get("diedOn") ?? "", reason: form.get("reason") ?? "" });
  const checked = checkDeathDate(parsed, { today: todayOslo(), birthDate: p.birthDate });
  if (!checked.ok) {
    const errors: Errors = {};
    for (const [field, code] of Object.entries(checked.errors)) errors[field as "diedOn" | "reason"] = `staff.person.error.${code}` as MessageKey;
    return data({ errors, values: parsed }, { status: 400 });
  }
  await setDateOfDeath(db, staff, p.id, checked.diedOn, checked.reason);
  return redirect(`${STAFF_BASE}/person/${p.id}?lagret=1`);
}

export default function PersonRecord() {
  const { t, lang } = useT();
  const { csrf, canChange, person, changes, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Errors = result?.errors ?? {};
  const values = result?.values ?? { diedOn: person.diedOn ?? "", reason: "" };
  return (
    <>
      <PageHeading>{person.name ?? t("staff.person.title")}</PageHeading>
      {saved ? <Alert kind="success">{t("staff.person.saved")}</Alert> : null}
      <dl className="mb-6" data-testid="person-record">
        <div className="mb-2 grid grid-cols-[12rem_1fr] gap-2">
          <dt className="font-semibold">{t("staff.person.birthDate")}</dt>
          <dd>{person.birthDate ? formatShortDate(person.birthDate, lang) : "–"}</dd>
        </div>
        <div className="mb-2 grid grid-cols-[12rem_1fr] gap-2">
          <dt className="font-semibold">{t("staff.person.diedOn")}</dt>
          <dd data-testid="died-on">{person.diedOn ? formatShortDate(person.diedOn, lang) : "–"}</dd>
        </div>
      </dl>
      {canChange ? (
        <Card className="mb-6">
          <h2 className="mb-3 text-xl font-bold">{t("staff.person.setDiedOn")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="csrf" value={csrf} />
            <label htmlFor="diedOn" className="mb-1 block font-semibold">
              {t("staff.person.diedOn")}
            </label>
            <p id="diedOn-hint" className="mb-1 text-muted">
              {t("staff.person.diedOnHint")}
            </p>
            {errors.diedOn ? (
              <p id="diedOn-error" className="mb-1 font-semibold text-danger">
                {t(errors.diedOn)}
              </p>
            ) : null}
            <input
              id="diedOn"
              name="diedOn"
              type="date"
              defaultValue={values.diedOn}
              className="mb-4 block rounded border-2 border-ink p-2"
              aria-describedby={errors.diedOn ? "diedOn-hint diedOn-error" : "diedOn-hint"}
              aria-invalid={errors.diedOn ? true : undefined}
            />
            <label htmlFor="reason" className="mb-1 block font-semibold">
              {t("staff.person.reason")}
            </label>
            {errors.reason ? (
              <p id="reason-error" className="mb-1 font-semibold text-danger">
                {t(errors.reason)}
              </p>
            ) : null}
            <textarea
              id="reason"
              name="reason"
              rows={3}
              maxLength={500}
              defaultValue={values.reason}
              className="mb-4 w-full rounded border-2 border-ink p-2"
              aria-describedby={errors.reason ? "reason-error" : undefined}
              aria-invalid={errors.reason ? true : undefined}
            />
            <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white">
              {t("staff.person.save")}
            </button>
          </Form>
        </Card>
      ) : null}
      <h2 className="mb-3 text-xl font-bold">{t("staff.person.changes")}</h2>
      {changes.length ? (
        <ul className="mb-6" data-testid="person-changes">
          {changes.map((c) => (
            <li key={c.id} className="mb-2">
              {c.at} · {c.by} · {t("staff.person.diedOn")}: {c.before ? formatShortDate(c.before, lang) : "–"} → {c.after ? formatShortDate(c.after, lang) : "–"}
              <span className="block whitespace-pre-wrap text-muted">{c.reason}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-6">{t("staff.person.noChanges")}</p>
      )}
    </>
  );
}
