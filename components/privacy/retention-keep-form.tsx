"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { keepRetentionAction } from "@/lib/actions/privacy-retention";
import { ZKeepRetentionInput, type TKeepRetentionInput } from "@/lib/domain/privacy/retention-schemas";
import { useRetentionError } from "./use-retention-error";

/** Keeps one person's data past retention: the reason is required and goes to the audit trail. */
export function RetentionKeepForm({ reviewId, onDone, onCancel }: { reviewId: string; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations("privacy.retention.pending");
  const tc = useTranslations("common");
  const message = useRetentionError();
  // A refusal of the review itself (decided meanwhile) is this area's message, not a field's.
  const [refusal, setRefusal] = useState<string | null>(null);
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TKeepRetentionInput, void>({
    schema: ZKeepRetentionInput,
    defaultValues: { reason: "" },
    action: (values) => keepRetentionAction(reviewId, values),
    onSuccess: () => {
      setRefusal(null);
      onDone();
    },
    onRefusal: (failure) => {
      if (Object.keys(failure.fieldErrors).some((path) => path !== "_form")) return false;
      setRefusal(message.failure(failure));
      return true;
    },
  });
  return (
    <FormShell
      onSubmit={onSubmit}
      error={refusal ?? formError}
      submitLabel={t("keepSubmit")}
      submitting={submitting}
      footer={
        <Button variant="secondary" onClick={onCancel}>
          {tc("cancel")}
        </Button>
      }
    >
      <Field label={t("reason")} hint={t("reasonHint")} error={message.field(errors.reason?.message)} required>
        {(p) => <textarea {...p} {...form.register("reason")} rows={3} className={inputClass(Boolean(errors.reason))} />}
      </Field>
    </FormShell>
  );
}
