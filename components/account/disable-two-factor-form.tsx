"use client";

import { useTranslations } from "next-intl";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { disableTwoFactorAction } from "@/lib/actions/two-factor";
import { ZDisableTwoFactorInput, type TDisableTwoFactorInput } from "@/lib/domain/two-factor/schemas";

/** Switching the second factor off: the password and a code from the app or a recovery code. The page refreshes on success. */
export function DisableTwoFactorForm() {
  const t = useTranslations("account.security");
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm({
    schema: ZDisableTwoFactorInput,
    defaultValues: { password: "", code: "" } satisfies TDisableTwoFactorInput,
    action: disableTwoFactorAction,
  });
  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={t("disableSubmit")} submitting={submitting}>
      <p className="text-slate-700">{t("disableHint")}</p>
      <Field label={t("password")} error={fieldError(errors.password?.message)} required>
        {(p) => (
          <input {...p} {...form.register("password")} type="password" autoComplete="current-password" className={inputClass(Boolean(errors.password))} />
        )}
      </Field>
      <Field label={t("codeOrRecovery")} hint={t("codeOrRecoveryHint")} error={fieldError(errors.code?.message)} required>
        {(p) => (
          <input
            {...p}
            {...form.register("code")}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            className={cn(inputClass(Boolean(errors.code)), "max-w-60")}
          />
        )}
      </Field>
    </FormShell>
  );
}
