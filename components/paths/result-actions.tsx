"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { correctResultAction, withdrawResultAction } from "@/lib/actions/paths";
import { ZCorrectResultInput, ZWithdrawResultInput, type TCorrectResultInput, type TWithdrawResultInput } from "@/lib/domain/paths/schemas";
import { SphereCheckboxes } from "./sphere-checkboxes";

type TProps = {
  pathId: string;
  resultId: string;
  /** The result's name for the buttons' accessible names ("Popraw: Miejsca pracy, 3"). */
  label: string;
  values: TCorrectResultInput;
  /** A JOBS_CREATED result: its quantity is the number of job records. */
  createsJobs: boolean;
};

/** "Popraw" and "Wycofaj" of one result: each a dialog; the page refreshes after a change. */
export function ResultActions(props: TProps) {
  return (
    <span className="ml-2 inline-flex gap-2">
      <CorrectResultButton {...props} />
      <WithdrawResultButton {...props} />
    </span>
  );
}

function CorrectResultButton({ pathId, resultId, label, values, createsJobs }: TProps) {
  const t = useTranslations("paths");
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<TCorrectResultInput, unknown, TCorrectResultInput>({
    resolver: zodResolver(ZCorrectResultInput, undefined, { raw: true }),
    defaultValues: values,
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (input) => {
    if (!apply(await correctResultAction(pathId, resultId, input))) return;
    setOpen(false);
    router.refresh();
  });
  return (
    <>
      <Button variant="link" onClick={() => setOpen(true)} aria-label={t("results.correctFor", { result: label })}>
        {t("results.correct")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("results.correctTitle")}
        closeLabel={tc("cancel")}
        description={createsJobs ? t("results.correctJobsHint") : undefined}
      >
        <form onSubmit={onSubmit} noValidate className="grid gap-3 md:grid-cols-3">
          {formError ? (
            <Alert tone="error" className="md:col-span-3">
              {formError}
            </Alert>
          ) : null}
          <Field label={t("fields.quantity")} error={fieldError(errors.quantity?.message)} required>
            {(p) => <input {...p} type="number" min={1} {...form.register("quantity")} className={inputClass(Boolean(errors.quantity))} />}
          </Field>
          <Field label={t("fields.achievedOn")} error={fieldError(errors.achievedOn?.message)} required>
            {(p) => <input {...p} type="date" {...form.register("achievedOn")} className={inputClass(Boolean(errors.achievedOn))} />}
          </Field>
          <Field label={t("fields.evidenceKind")} error={fieldError(errors.evidenceKind?.message)} required>
            {(p) => <input {...p} {...form.register("evidenceKind")} className={inputClass(Boolean(errors.evidenceKind))} />}
          </Field>
          <Field label={t("fields.evidenceReference")} error={fieldError(errors.evidenceReference?.message)}>
            {(p) => <input {...p} {...form.register("evidenceReference")} className={inputClass(Boolean(errors.evidenceReference))} />}
          </Field>
          <Field label={t("results.description")} error={fieldError(errors.description?.message)}>
            {(p) => <input {...p} {...form.register("description")} className={inputClass(Boolean(errors.description))} />}
          </Field>
          <SphereCheckboxes legend={t("results.spheres")} registration={form.register("kpresSpheres")} error={fieldError(errors.kpresSpheres?.message)} />
          <div className="flex flex-wrap gap-3 md:col-span-3">
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("results.saveCorrection")}
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

function WithdrawResultButton({ pathId, resultId, label, createsJobs }: TProps) {
  const t = useTranslations("paths");
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<TWithdrawResultInput, unknown, TWithdrawResultInput>({
    resolver: zodResolver(ZWithdrawResultInput, undefined, { raw: true }),
    defaultValues: { reason: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const reasonError = form.formState.errors.reason?.message;
  const onSubmit = form.handleSubmit(async (input) => {
    if (!apply(await withdrawResultAction(pathId, resultId, input))) return;
    setOpen(false);
    router.refresh();
  });
  return (
    <>
      <Button variant="link" onClick={() => setOpen(true)} aria-label={t("results.withdrawFor", { result: label })}>
        {t("results.withdraw")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("results.withdrawTitle")}
        closeLabel={tc("cancel")}
        description={createsJobs ? t("results.withdrawJobsHint") : t("results.withdrawHint")}
      >
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <Field label={t("results.withdrawReason")} error={fieldError(reasonError)} required>
            {(p) => <textarea {...p} {...form.register("reason")} rows={2} maxLength={500} className={inputClass(Boolean(reasonError))} />}
          </Field>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>
              {t("results.withdrawSubmit")}
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
