"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { updateTenantPolicyAction } from "@/lib/actions/tenant-policy";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { ROLES } from "@/lib/auth/permissions";
import { POLICY_MAX_CLIENTS_CEILING, TRAINING_LIMIT_CEILING, ZTenantPolicyInput } from "@/lib/domain/tenancy/schemas";

type TPolicy = {
  maxClientsPerAdvisor: number;
  monitoringOverdueDays: number;
  serviceEditWindowDays: number;
  trainingLimitPerPerson: number;
  /** Roles that must sign in with a second factor. */
  twoFactorRoles: string[];
};

export function TenantPolicyForm({ maxClientsPerAdvisor, monitoringOverdueDays, serviceEditWindowDays, trainingLimitPerPerson, twoFactorRoles }: TPolicy) {
  const t = useTranslations("policy");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm({
    schema: ZTenantPolicyInput,
    defaultValues: {
      maxClientsPerAdvisor: String(maxClientsPerAdvisor),
      monitoringOverdueDays: String(monitoringOverdueDays),
      serviceEditWindowDays: String(serviceEditWindowDays),
      trainingLimitPerPerson: String(trainingLimitPerPerson),
      twoFactorRoles: ROLES.filter((role) => twoFactorRoles.includes(role)),
    },
    action: (values) => {
      setSaved(false);
      return updateTenantPolicyAction(values);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const error = errors.maxClientsPerAdvisor;
  const overdueError = errors.monitoringOverdueDays;
  const windowError = errors.serviceEditWindowDays;
  const trainingError = errors.trainingLimitPerPerson;
  const twoFactorError = fieldError(errors.twoFactorRoles?.message);

  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={tc("save")} submitting={submitting}>
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
      <Field label={t("trainingLimit")} hint={t("trainingLimitHint")} error={fieldError(trainingError?.message)} required>
        {(p) => (
          <input
            {...p}
            {...form.register("trainingLimitPerPerson")}
            type="number"
            inputMode="numeric"
            min={0}
            max={TRAINING_LIMIT_CEILING}
            step={1}
            className={cn(inputClass(Boolean(trainingError)), "max-w-32")}
          />
        )}
      </Field>
      <fieldset aria-describedby="two-factor-roles-hint" className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-900">{t("twoFactorRoles")}</legend>
        <p id="two-factor-roles-hint" className="text-sm text-slate-600">
          {t("twoFactorRolesHint")}
        </p>
        <div className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2">
              <input type="checkbox" value={role} {...form.register("twoFactorRoles")} className="size-4" />
              {tr(role)}
            </label>
          ))}
        </div>
        {twoFactorError ? <p className="text-sm font-medium text-red-700">{twoFactorError}</p> : null}
      </fieldset>
    </FormShell>
  );
}
