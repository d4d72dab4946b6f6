"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { correctCheckAction, recordCheckAction } from "@/lib/actions/durability";
import { JOB_CHECK_OUTCOMES, ZRecordCheckInput, type TRecordCheckInput } from "@/lib/domain/durability/schemas";

type TProps = {
  jobId: string;
  checkId: string;
  /** "record" an open check, or "correct" a recorded one. */
  mode: "record" | "correct";
  /** The check's name for the button's accessible name ("Kontrola po 12 miesiącach"). */
  label: string;
  values: TRecordCheckInput;
};

/** Records a durability check (maintained, or ended with a date) or corrects a recorded one, in a dialog. */
export function CheckForm({ jobId, checkId, mode, label, values }: TProps) {
  const t = useTranslations("durability.form");
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<TRecordCheckInput, unknown, TRecordCheckInput>({
    resolver: zodResolver(ZRecordCheckInput, undefined, { raw: true }),
    defaultValues: values,
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;
  const outcome = useWatch({ control: form.control, name: "outcome" });
  const onSubmit = form.handleSubmit(async (input) => {
    const action = mode === "record" ? recordCheckAction : correctCheckAction;
    if (!apply(await action(jobId, checkId, input))) return;
    setOpen(false);
    router.refresh();
  });
  return (
    <>
      <Button variant={mode === "record" ? "primary" : "link"} onClick={() => setOpen(true)} aria-label={`${t(mode)}: ${label}`}>
        {t(mode)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`${t(mode)}: ${label}`} closeLabel={tc("cancel")} description={t("hint")}>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <fieldset className="flex flex-col gap-2" aria-describedby={errors.outcome ? `${checkId}-outcome-error` : undefined}>
            <legend className="text-sm font-medium">{t("outcome")}</legend>
            {JOB_CHECK_OUTCOMES.map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" value={value} className="size-4" {...form.register("outcome")} />
                {t(`outcomes.${value}`)}
              </label>
            ))}
            {errors.outcome ? (
              <p id={`${checkId}-outcome-error`} className="text-sm font-medium text-red-700">
                {fieldError(errors.outcome.message)}
              </p>
            ) : null}
          </fieldset>
          <Field label={t("checkedOn")} error={fieldError(errors.checkedOn?.message)} required>
            {(p) => <input {...p} type="date" {...form.register("checkedOn")} className={inputClass(Boolean(errors.checkedOn))} />}
          </Field>
          {outcome === "ENDED" ? (
            <Field label={t("endedOn")} error={fieldError(errors.endedOn?.message)} required>
              {(p) => <input {...p} type="date" {...form.register("endedOn")} className={inputClass(Boolean(errors.endedOn))} />}
            </Field>
          ) : null}
          <Field label={t("evidence")} hint={t("evidenceHint")} error={fieldError(errors.evidence?.message)} required>
            {(p) => <input {...p} {...form.register("evidence")} className={inputClass(Boolean(errors.evidence))} />}
          </Field>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("save")}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
