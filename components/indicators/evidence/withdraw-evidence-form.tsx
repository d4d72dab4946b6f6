"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field, inputClass } from "@/components/ui/field";
import { withdrawEvidenceAction } from "@/lib/actions/indicators";
import { ZWithdrawInput, type TWithdrawInput } from "@/lib/domain/indicators/schemas";
import { useEvidenceFieldError } from "./use-evidence-field-error";

/** Withdraws a record with a reason: it stays listed as withdrawn and no longer counts. */
export function WithdrawEvidenceForm({ evidenceId }: { evidenceId: string }) {
  const t = useTranslations("indicatorEvidence.withdraw");
  const fieldError = useEvidenceFieldError();
  const router = useRouter();
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TWithdrawInput, unknown>({
    schema: ZWithdrawInput,
    defaultValues: { reason: "" },
    action: (values) => withdrawEvidenceAction(evidenceId, values),
    onSuccess: () => router.refresh(),
  });
  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={t("submit")} submitting={submitting}>
      <Field label={t("reason")} hint={t("reasonHint")} error={fieldError(errors.reason?.message)} required>
        {(p) => <textarea {...p} {...form.register("reason")} rows={2} className={inputClass(Boolean(errors.reason))} />}
      </Field>
    </FormShell>
  );
}
