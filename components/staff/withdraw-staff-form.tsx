"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field, inputClass } from "@/components/ui/field";
import { withdrawStaffRecordAction } from "@/lib/actions/staff";
import { ZStaffWithdrawInput, type TStaffWithdrawInput } from "@/lib/domain/staff/schemas";
import { useStaffFieldError } from "./use-staff-field-error";

/** Withdraws a staff record with a reason: it stays listed as withdrawn and no longer counts. */
export function WithdrawStaffForm({ staffId }: { staffId: string }) {
  const t = useTranslations("staff.withdraw");
  const fieldError = useStaffFieldError();
  const router = useRouter();
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TStaffWithdrawInput, unknown>({
    schema: ZStaffWithdrawInput,
    defaultValues: { reason: "" },
    action: (values) => withdrawStaffRecordAction(staffId, values),
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
