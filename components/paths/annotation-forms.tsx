"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { addAnnotationAction, reviseAnnotationAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ZAnnotationInput, ZReviseAnnotationInput, type TAnnotationInput } from "@/lib/domain/paths/schemas";
import { PATH_STEPS, type TPathStep } from "@/lib/domain/paths/state-machine";
import { usePathForm } from "./use-path-form";

export function AddAnnotationForm({ pathId, step }: { pathId: string; step: TPathStep }) {
  const t = useTranslations("paths");
  const form = useForm<TAnnotationInput, unknown, TAnnotationInput>({
    resolver: zodResolver(ZAnnotationInput, undefined, { raw: true }),
    defaultValues: { step, text: "" },
  });
  const { run, formError, fieldError, saved } = usePathForm(form, { resetOnSuccess: true });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => run(() => addAnnotationAction(pathId, values)));
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-3" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">{t("annotationSaved")}</Alert> : null}
      <Field label={t("fields.annotationStep")} error={fieldError(errors.step?.message)} required>
        {(p) => (
          <select {...p} {...form.register("step")} className={inputClass()}>
            {PATH_STEPS.map((s) => (
              <option key={s} value={s}>
                {t(`steps.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("fields.annotationText")} error={fieldError(errors.text?.message)} required>
        {(p) => <textarea {...p} {...form.register("text")} rows={3} className={inputClass(Boolean(errors.text))} />}
      </Field>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("addAnnotation")}
        </Button>
      </div>
    </form>
  );
}

/** An edit appends a revision: the earlier text stays in the history below it. */
export function ReviseAnnotationForm({ pathId, annotationId, text }: { pathId: string; annotationId: string; text: string }) {
  const t = useTranslations("paths");
  const [open, setOpen] = useState(false);
  const form = useForm<{ text: string }, unknown, { text: string }>({
    resolver: zodResolver(ZReviseAnnotationInput, undefined, { raw: true }),
    defaultValues: { text },
  });
  const { run, formError, fieldError } = usePathForm(form);
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => reviseAnnotationAction(pathId, annotationId, values));
    if (result.ok) setOpen(false);
  });
  if (!open) {
    return (
      <Button variant="link" onClick={() => setOpen(true)}>
        {t("reviseAnnotation")}
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-2" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field label={t("fields.annotationNewText")} error={fieldError(form.formState.errors.text?.message)} required>
        {(p) => <textarea {...p} {...form.register("text")} rows={3} className={inputClass()} />}
      </Field>
      <div className="flex gap-3">
        <Button type="submit">{t("saveRevision")}</Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
