"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { releaseClientAction } from "@/lib/actions/caseload";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { ZReleaseClientInput, type TReleaseClientInput } from "@/lib/domain/caseload/schemas";

type TProps = { clientId: string; clientName: string; advisorName: string };

/** "Zwolnij": sends the client back to the unassigned queue, with an optional reason kept in the history. */
export function ReleaseClientButton({ clientId, clientName, advisorName }: TProps) {
  const t = useTranslations("caseload.release");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          setDone(false);
          setOpen(true);
        }}
      >
        {t("button")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("title", { client: clientName })} closeLabel={t("close")} description={t("description", { client: clientName, advisor: advisorName })}>
        <ReleaseForm
          clientId={clientId}
          onCancel={() => setOpen(false)}
          onReleased={() => {
            setOpen(false);
            setDone(true);
            router.refresh();
          }}
        />
      </Dialog>
      {done ? (
        <Alert tone="success" className="mt-3 w-full">
          {t("done", { client: clientName })}
        </Alert>
      ) : null}
    </>
  );
}

function ReleaseForm({ clientId, onCancel, onReleased }: { clientId: string; onCancel: () => void; onReleased: () => void }) {
  const t = useTranslations("caseload.release");
  const tc = useTranslations("common");
  const form = useForm<TReleaseClientInput, unknown, TReleaseClientInput>({
    resolver: zodResolver(ZReleaseClientInput, undefined, { raw: true }),
    defaultValues: { clientId, reason: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const reasonError = form.formState.errors.reason?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    if (apply(await releaseClientAction(values))) onReleased();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? (
        <Alert tone="error" data-testid="release-error">
          {formError}
        </Alert>
      ) : null}
      <Field label={t("reason")} hint={t("reasonHint")} error={fieldError(reasonError)}>
        {(p) => <textarea {...p} {...form.register("reason")} rows={3} className={inputClass(Boolean(reasonError))} />}
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("submitting") : t("submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
