"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { updatePrivacySettingsAction } from "@/lib/actions/privacy-settings";
import { ACCESS_LOG_MONTHS, RETENTION_YEARS, ZPrivacySettingsInput, type TPrivacySettingsInput } from "@/lib/domain/privacy/consent-schemas";
import { usePrivacyFieldError } from "./consent-field-error";

type TProps = { defaults: { lastPaymentOn: string | null; retentionYears: number; accessLogRetentionMonths: number } };

/** The retention rules: the last payment to the beneficiary, the years kept after its year, the months access-log entries are kept. */
export function PrivacySettingsForm({ defaults }: TProps) {
  const t = useTranslations("privacy.settings");
  const tc = useTranslations("common");
  const fieldError = usePrivacyFieldError();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TPrivacySettingsInput, unknown>({
    schema: ZPrivacySettingsInput,
    defaultValues: {
      lastPaymentOn: defaults.lastPaymentOn ?? "",
      retentionYears: String(defaults.retentionYears),
      accessLogRetentionMonths: String(defaults.accessLogRetentionMonths),
    },
    action: (values) => {
      setSaved(false);
      return updatePrivacySettingsAction(values);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });

  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={tc("save")} submitting={submitting}>
      {saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Field label={t("lastPaymentOn")} hint={t("lastPaymentOnHint")} error={fieldError(errors.lastPaymentOn?.message)}>
        {(p) => <input {...p} {...form.register("lastPaymentOn")} type="date" className={inputClass(Boolean(errors.lastPaymentOn)) + " max-w-48"} />}
      </Field>
      <Field label={t("retentionYears")} hint={t("retentionYearsHint", RETENTION_YEARS)} error={fieldError(errors.retentionYears?.message)} required>
        {(p) => (
          <input
            {...p}
            {...form.register("retentionYears")}
            inputMode="numeric"
            autoComplete="off"
            className={inputClass(Boolean(errors.retentionYears)) + " max-w-32"}
          />
        )}
      </Field>
      <Field
        label={t("accessLogMonths")}
        hint={t("accessLogMonthsHint", ACCESS_LOG_MONTHS)}
        error={fieldError(errors.accessLogRetentionMonths?.message)}
        required
      >
        {(p) => (
          <input
            {...p}
            {...form.register("accessLogRetentionMonths")}
            inputMode="numeric"
            autoComplete="off"
            className={inputClass(Boolean(errors.accessLogRetentionMonths)) + " max-w-32"}
          />
        )}
      </Field>
    </FormShell>
  );
}
