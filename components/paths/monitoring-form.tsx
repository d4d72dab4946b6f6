"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { addMonitoringAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ZMonitoringInput, type TMonitoringInput } from "@/lib/domain/paths/schemas";
import { usePathForm } from "./use-path-form";

export function MonitoringForm({ pathId }: { pathId: string }) {
  const t = useTranslations("paths");
  const form = useForm<TMonitoringInput, unknown, TMonitoringInput>({
    resolver: zodResolver(ZMonitoringInput, undefined, { raw: true }),
    defaultValues: { progress: "", risks: "", nextSteps: "" },
  });
  const { run, formError, fieldError, saved } = usePathForm(form, { resetOnSuccess: true });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => run(() => addMonitoringAction(pathId, values)));
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">{t("monitoringSaved")}</Alert> : null}
      <Field label={t("fields.progress")} error={fieldError(errors.progress?.message)} required>
        {(p) => <textarea {...p} {...form.register("progress")} rows={3} className={inputClass(Boolean(errors.progress))} />}
      </Field>
      <Field label={t("fields.risks")} error={fieldError(errors.risks?.message)}>
        {(p) => <textarea {...p} {...form.register("risks")} rows={2} className={inputClass()} />}
      </Field>
      <Field label={t("fields.nextSteps")} error={fieldError(errors.nextSteps?.message)}>
        {(p) => <textarea {...p} {...form.register("nextSteps")} rows={2} className={inputClass()} />}
      </Field>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("addMonitoring")}
        </Button>
      </div>
    </form>
  );
}
