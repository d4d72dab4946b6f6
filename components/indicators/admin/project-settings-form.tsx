"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormSection } from "@/components/forms/form-section";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { updateProjectSettingsAction } from "@/lib/actions/indicators";
import { ZProjectSettingsInput, type TProjectSettingsInput } from "@/lib/domain/indicators/schemas";
import { useIndicatorsAdminFieldError } from "./use-indicators-admin-field-error";

type TValues = TProjectSettingsInput;

/** The project period and the months after a job's start when its durability is checked (up to three). */
export function ProjectSettingsForm({ defaults }: { defaults: { projectStartsOn: string | null; projectEndsOn: string | null; jobCheckMonths: number[] } }) {
  const t = useTranslations("indicatorsAdmin.settings");
  const tc = useTranslations("common");
  const fieldError = useIndicatorsAdminFieldError();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const months = [0, 1, 2].map((i) => (defaults.jobCheckMonths[i] === undefined ? "" : String(defaults.jobCheckMonths[i])));
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TValues, unknown>({
    schema: ZProjectSettingsInput,
    defaultValues: { projectStartsOn: defaults.projectStartsOn ?? "", projectEndsOn: defaults.projectEndsOn ?? "", jobCheckMonths: months },
    // Empty month boxes are not sent: one, two or three checks.
    prepare: (values) => ({ ...values, jobCheckMonths: values.jobCheckMonths.filter((m) => String(m ?? "").trim() !== "") }),
    action: (values) => {
      setSaved(false);
      return updateProjectSettingsAction(values);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const monthsError = fieldError(errors.jobCheckMonths?.message ?? errors.jobCheckMonths?.root?.message);

  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={tc("save")} submitting={submitting}>
      {saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Field label={t("startsOn")} error={fieldError(errors.projectStartsOn?.message)}>
        {(p) => <input {...p} {...form.register("projectStartsOn")} type="date" className={inputClass(Boolean(errors.projectStartsOn))} />}
      </Field>
      <Field label={t("endsOn")} error={fieldError(errors.projectEndsOn?.message)}>
        {(p) => <input {...p} {...form.register("projectEndsOn")} type="date" className={inputClass(Boolean(errors.projectEndsOn))} />}
      </Field>
      <FormSection legend={t("checkMonths")} hint={t("checkMonthsHint")} error={monthsError}>
        {[0, 1, 2].map((i) => (
          <Field key={i} label={t("checkMonth", { number: i + 1 })} error={fieldError(errors.jobCheckMonths?.[i]?.message)}>
            {(p) => (
              <input
                {...p}
                {...form.register(`jobCheckMonths.${i}`)}
                inputMode="numeric"
                autoComplete="off"
                className={inputClass(Boolean(errors.jobCheckMonths?.[i])) + " max-w-32"}
              />
            )}
          </Field>
        ))}
      </FormSection>
    </FormShell>
  );
}
