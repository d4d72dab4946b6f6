"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { saveContractAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { CONTRACT_STATUSES, ZContractInput, type TContractInput } from "@/lib/domain/paths/schemas";
import { usePathForm } from "./use-path-form";

/** The contract (umowa): a plan can be approved only once it is signed. */
export function ContractForm({ pathId, defaults }: { pathId: string; defaults: TContractInput }) {
  const t = useTranslations("paths");
  const tc = useTranslations("common");
  const form = useForm<TContractInput, unknown, TContractInput>({
    resolver: zodResolver(ZContractInput, undefined, { raw: true }),
    defaultValues: defaults,
  });
  const { run, formError, fieldError, saved } = usePathForm(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => run(() => saveContractAction(pathId, values)));
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">{tc("saved")}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("fields.contractNumber")} error={fieldError(errors.number?.message)} required>
          {(p) => <input {...p} {...form.register("number")} className={inputClass(Boolean(errors.number))} />}
        </Field>
        <Field label={t("fields.contractStatus")} error={fieldError(errors.status?.message)} required>
          {(p) => (
            <select {...p} {...form.register("status")} className={inputClass(Boolean(errors.status))}>
              {CONTRACT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`contractStatuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("fields.signedOn")} error={fieldError(errors.signedOn?.message)}>
          {(p) => <input {...p} {...form.register("signedOn")} type="date" className={inputClass(Boolean(errors.signedOn))} />}
        </Field>
        <Field label={t("fields.contractScope")} error={fieldError(errors.scope?.message)}>
          {(p) => <input {...p} {...form.register("scope")} className={inputClass(Boolean(errors.scope))} />}
        </Field>
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {t("saveContract")}
          </Button>
        </div>
      </div>
    </form>
  );
}
