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
import { cancelEventAction } from "@/lib/actions/events";
import { ZCancelEventInput, type TCancelEventInput } from "@/lib/domain/events/schemas";

/** "Odwołaj wydarzenie": asks why, then marks the event cancelled (it takes no more registrations). */
export function EventCancelButton({ eventId }: { eventId: string }) {
  const t = useTranslations("events.cancelEvent");
  const tc = useTranslations("common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<TCancelEventInput, unknown, TCancelEventInput>({
    resolver: zodResolver(ZCancelEventInput, undefined, { raw: true }),
    defaultValues: { reason: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const reasonError = form.formState.errors.reason?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    if (!apply(await cancelEventAction(eventId, values))) return;
    setOpen(false);
    router.refresh();
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("button")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("title")} closeLabel={tc("cancel")} description={t("description")}>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {formError ? (
            <Alert tone="error" data-testid="cancel-event-error">
              {formError}
            </Alert>
          ) : null}
          <Field label={t("reason")} error={fieldError(reasonError)} required>
            {(p) => <textarea {...p} {...form.register("reason")} rows={2} maxLength={500} className={inputClass(Boolean(reasonError))} />}
          </Field>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>
              {t("submit")}
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
