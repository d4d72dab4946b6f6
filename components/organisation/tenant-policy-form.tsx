"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { updateTenantPolicyAction } from "@/app/(app)/admin/policy/actions";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { POLICY_MAX_CLIENTS_CEILING, ZTenantPolicyInput, type TTenantPolicyInput } from "@/lib/domain/tenancy/schemas";

type TPolicy = { maxClientsPerAdvisor: number; monitoringOverdueDays: number; serviceEditWindowDays: number };

export function TenantPolicyForm({ maxClientsPerAdvisor, monitoringOverdueDays, serviceEditWindowDays }: TPolicy) {
  const t = useTranslations("policy");
  const tc = useTranslations("common");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  // `raw`: the form keeps what the user typed; the service parses (and coerces) it again.
  const form = useForm<TTenantPolicyInput, unknown, TTenantPolicyInput>({
    resolver: zodResolver(ZTenantPolicyInput, undefined, { raw: true }),
    defaultValues: {
      maxClientsPerAdvisor: String(maxClientsPerAdvisor),
      monitoringOverdueDays: String(monitoringOverdueDays),
      serviceEditWindowDays: String(serviceEditWindowDays),
    },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const error = form.formState.errors.maxClientsPerAdvisor;
  const overdueError = form.formState.errors.monitoringOverdueDays;
  const windowError = form.formState.errors.serviceEditWindowDays;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    const result = await updateTenantPolicyAction(values);
    if (!apply(result)) return;
    setSaved(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      <p className="text-sm text-slate-700">{tc("requiredHint")}</p>
      {formError ? (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}
      {saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Field label={t("maxClients")} hint={t("maxClientsHint")} error={fieldError(error?.message)} required>
        {(p) => (
          <input
            {...p}
            {...form.register("maxClientsPerAdvisor")}
            type="number"
            inputMode="numeric"
            min={1}
            max={POLICY_MAX_CLIENTS_CEILING}
            step={1}
            className={cn(inputClass(Boolean(error)), "max-w-32")}
          />
        )}
      </Field>
      <Field label={t("overdueDays")} hint={t("overdueDaysHint")} error={fieldError(overdueError?.message)} required>
        {(p) => (
          <input
            {...p}
            {...form.register("monitoringOverdueDays")}
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            className={cn(inputClass(Boolean(overdueError)), "max-w-32")}
          />
        )}
      </Field>
      <Field label={t("editWindowDays")} hint={t("editWindowDaysHint")} error={fieldError(windowError?.message)} required>
        {(p) => (
          <input
            {...p}
            {...form.register("serviceEditWindowDays")}
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            step={1}
            className={cn(inputClass(Boolean(windowError)), "max-w-32")}
          />
        )}
      </Field>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : tc("save")}
        </Button>
      </div>
    </form>
  );
}
