"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { updateIdentificationAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { DEVELOPMENT_DIRECTIONS, WORK_FORMS, ZIdentificationInput, type TIdentificationInput } from "@/lib/domain/paths/schemas";
import { usePathForm } from "./use-path-form";

export function IdentificationForm({ pathId, defaults }: { pathId: string; defaults: TIdentificationInput }) {
  const t = useTranslations("paths");
  const tc = useTranslations("common");
  const form = useForm<TIdentificationInput, unknown, TIdentificationInput>({
    resolver: zodResolver(ZIdentificationInput, undefined, { raw: true }),
    defaultValues: defaults,
  });
  const { run, formError, fieldError, saved } = usePathForm(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => run(() => updateIdentificationAction(pathId, values)));
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">{tc("saved")}</Alert> : null}
      <div className="flex flex-col gap-4">
        <Field label={t("fields.direction")} error={fieldError(errors.direction?.message)} required>
          {(p) => (
            <select {...p} {...form.register("direction")} className={inputClass(Boolean(errors.direction))}>
              {DEVELOPMENT_DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`directions.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("fields.workForm")} error={fieldError(errors.workForm?.message)} required>
          {(p) => (
            <select {...p} {...form.register("workForm")} className={inputClass(Boolean(errors.workForm))}>
              {WORK_FORMS.map((w) => (
                <option key={w} value={w}>
                  {t(`workForms.${w}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("fields.identification")} hint={t("fields.identificationHint")} error={fieldError(errors.identification?.message)}>
          {(p) => <textarea {...p} {...form.register("identification")} rows={5} className={inputClass(Boolean(errors.identification))} />}
        </Field>
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {tc("save")}
          </Button>
        </div>
      </div>
    </form>
  );
}
