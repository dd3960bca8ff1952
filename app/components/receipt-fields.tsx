import { SERVICE_TYPES } from "~/kernel/types";
import type { Translate } from "~/i18n";
import { MAX_UPLOAD_BYTES } from "~/utils/upload-limits";
import { FileInput } from "./file-input";
import { Field, inputClass } from "./form";

/** The fields of one paid egenandel, as a receipt shows it. */
export type ReceiptValues = Partial<Record<"providerName" | "providerOrgnr" | "serviceDate" | "serviceType" | "amount", string>>;

/**
 * The fields of one receipt line (provider, date, service, amount, the receipt file), shared by
 * "report a missing egenandel" and the frikort application by receipts. The missing-egenandel
 * report also asks the provider's organisation number and explains the provider field.
 */
export function ReceiptFields({
  values,
  errors,
  t,
  withOrgnr = false,
  keptUpload = null,
}: {
  values: ReceiptValues;
  errors: Record<string, string>;
  t: Translate;
  withOrgnr?: boolean;
  keptUpload?: { name: string } | null;
}) {
  return (
    <>
      <Field id="providerName" label={t("missing.providerName")} hint={withOrgnr ? t("missing.providerName.hint") : undefined} error={errors.providerName} t={t}>
        {(d, inv) => (
          <input
            id="providerName"
            name="providerName"
            defaultValue={values.providerName}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            className={inputClass}
            autoComplete="off"
          />
        )}
      </Field>
      {withOrgnr ? (
        <Field id="providerOrgnr" label={t("missing.providerOrgnr")} hint={t("missing.providerOrgnr.hint")} error={errors.providerOrgnr} t={t}>
          {(d, inv) => (
            <input
              id="providerOrgnr"
              name="providerOrgnr"
              inputMode="numeric"
              defaultValue={values.providerOrgnr}
              aria-describedby={d}
              aria-invalid={inv || undefined}
              className={`${inputClass} max-w-xs`}
            />
          )}
        </Field>
      ) : null}
      <Field id="serviceDate" label={t("missing.serviceDate")} hint={t("missing.serviceDate.hint")} error={errors.serviceDate} t={t}>
        {(d, inv) => (
          <input id="serviceDate" name="serviceDate" defaultValue={values.serviceDate} aria-describedby={d} aria-invalid={inv || undefined} className={`${inputClass} max-w-xs`} />
        )}
      </Field>
      <Field id="serviceType" label={t("missing.serviceType")} error={errors.serviceType} t={t}>
        {(d, inv) => (
          <select
            id="serviceType"
            name="serviceType"
            defaultValue={values.serviceType ?? ""}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            className={`${inputClass} max-w-xs`}
          >
            <option value="">{t("missing.serviceType.choose")}</option>
            {SERVICE_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`service.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="amount" label={t("missing.amount")} hint={t("missing.amount.hint")} error={errors.amount} t={t}>
        {(d, inv) => (
          <input
            id="amount"
            name="amount"
            inputMode="decimal"
            defaultValue={values.amount}
            aria-describedby={d}
            aria-invalid={inv || undefined}
            className={`${inputClass} max-w-xs`}
          />
        )}
      </Field>
      <Field id="receipt" label={t("missing.receipt")} hint={t("missing.receipt.hint")} error={errors.receipt} t={t}>
        {(d, inv) => (
          <>
            {keptUpload ? (
              <p className="mb-1" data-testid="kept-upload">
                {t("missing.receipt.kept", { name: keptUpload.name })}
              </p>
            ) : null}
            <FileInput id="receipt" name="receipt" t={t} describedBy={d} invalid={inv} maxBytes={MAX_UPLOAD_BYTES} />
          </>
        )}
      </Field>
    </>
  );
}
