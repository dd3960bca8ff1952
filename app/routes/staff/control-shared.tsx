/** Shared by the controller's risk signal pages (issue 20, part 4). */
import { Form } from "@remix-run/react";
import type { RiskLevel } from "~/domain/risk-signals";
import { useT } from "~/i18n/use-t";
import type { RiskSignalId } from "~/rules/parameters/risk-signals";

/** ?niva=behandler: the therapists' list; anything else: the providers'. */
export function levelOf(url: URL): RiskLevel {
  return url.searchParams.get("niva") === "behandler" ? "therapist" : "provider";
}

export const CONTROL_BASE = "/saksbehandling/kontroll";

export function signalHref(orgnr: string, therapistHpr: string | null, signal: RiskSignalId): string {
  return `${CONTROL_BASE}/signal/${orgnr}/${signal}${therapistHpr ? `?hpr=${encodeURIComponent(therapistHpr)}` : ""}`;
}

/** "Åpne kontrollsak": posts to the control cases' route (issue 20, part 5), which opens the case. */
export function OpenCaseForm({
  csrf,
  providerId,
  therapistHpr,
  signal,
  label,
}: {
  csrf: string;
  providerId: string;
  therapistHpr: string | null;
  signal: RiskSignalId;
  label: string;
}) {
  const { t } = useT();
  return (
    <Form method="post" action={`${CONTROL_BASE}/saker`} className="mt-1">
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="providerId" value={providerId} />
      {therapistHpr ? <input type="hidden" name="therapistHpr" value={therapistHpr} /> : null}
      <input type="hidden" name="signal" value={signal} />
      <button type="submit" className="rounded border-2 border-brand px-2 py-1 text-sm font-semibold text-brand">
        {t("risk.openCase")}
        <span className="sr-only">: {label}</span>
      </button>
    </Form>
  );
}
