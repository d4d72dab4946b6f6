"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { regenerateRecoveryCodesAction } from "@/lib/actions/two-factor";
import { ZTwoFactorCodeInput, type TTwoFactorCodeInput } from "@/lib/domain/two-factor/schemas";
import { RecoveryCodes } from "./recovery-codes";

/** A new set of recovery codes, for a current code from the app; the old set stops working. */
export function RegenerateRecoveryCodesForm() {
  const t = useTranslations("account.security");
  const [codes, setCodes] = useState<string[] | null>(null);
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm({
    schema: ZTwoFactorCodeInput,
    defaultValues: { code: "" } satisfies TTwoFactorCodeInput,
    action: regenerateRecoveryCodesAction,
    onSuccess: (data) => setCodes(data.recoveryCodes),
  });
  if (codes) return <RecoveryCodes codes={codes} title={t("codesRenewed")} />;
  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={t("codesRenew")} submitting={submitting}>
      <p className="text-slate-700">{t("codesRenewHint")}</p>
      <Field label={t("code")} hint={t("codeHint")} error={fieldError(errors.code?.message)} required>
        {(p) => (
          <input
            {...p}
            {...form.register("code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            className={cn(inputClass(Boolean(errors.code)), "max-w-40")}
          />
        )}
      </Field>
    </FormShell>
  );
}
