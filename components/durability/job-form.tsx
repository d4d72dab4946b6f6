"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { updateJobAction } from "@/lib/actions/durability";
import { ZUpdateJobInput, type TUpdateJobInput } from "@/lib/domain/durability/schemas";

/** A job's details the advisor keeps: the person employed (a name only), the position, the evidence. */
export function JobForm({ jobId, values }: { jobId: string; values: TUpdateJobInput }) {
  const t = useTranslations("durability.job");
  const tc = useTranslations("common");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<TUpdateJobInput, unknown, TUpdateJobInput>({
    resolver: zodResolver(ZUpdateJobInput, undefined, { raw: true }),
    defaultValues: values,
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (input) => {
    setSaved(false);
    if (!apply(await updateJobAction(jobId, input))) return;
    setSaved(true);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 md:grid-cols-3">
      {formError ? (
        <Alert tone="error" className="md:col-span-3">
          {formError}
        </Alert>
      ) : null}
      {saved ? (
        <Alert tone="success" className="md:col-span-3">
          {tc("saved")}
        </Alert>
      ) : null}
      <Field label={t("personName")} hint={t("personNameHint")} error={fieldError(errors.personName?.message)}>
        {(p) => <input {...p} {...form.register("personName")} className={inputClass(Boolean(errors.personName))} />}
      </Field>
      <Field label={t("position")} error={fieldError(errors.position?.message)}>
        {(p) => <input {...p} {...form.register("position")} className={inputClass(Boolean(errors.position))} />}
      </Field>
      <Field label={t("evidence")} error={fieldError(errors.evidence?.message)}>
        {(p) => <input {...p} {...form.register("evidence")} className={inputClass(Boolean(errors.evidence))} />}
      </Field>
      <div className="md:col-span-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {tc("save")}
        </Button>
      </div>
    </form>
  );
}
