"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { publishClauseAction } from "@/lib/actions/privacy-settings";
import { CLAUSE_BODY_MAX, ZClauseInput, type TClauseInput } from "@/lib/domain/privacy/consent-schemas";
import { usePrivacyFieldError } from "./consent-field-error";

type TProps = {
  /** The number the published version will get. */
  nextVersion: number;
  /** The latest version's title and text, to start the new one from (empty for the first). */
  defaults: { title: string; body: string };
  /** Today in Poland (YYYY-MM-DD): the default day the version applies from. */
  today: string;
};

/** Publishes the next version of the information clause: never an edit of one already given to people. */
export function ClausePublishForm({ nextVersion, defaults, today }: TProps) {
  const t = useTranslations("privacy.clauses");
  const fieldError = usePrivacyFieldError();
  const router = useRouter();
  const [published, setPublished] = useState<number | null>(null);
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TClauseInput, { version: number }>({
    schema: ZClauseInput,
    defaultValues: { title: defaults.title, body: defaults.body, effectiveFrom: today },
    action: (values) => {
      setPublished(null);
      return publishClauseAction(values);
    },
    onSuccess: (data) => {
      setPublished(data.version);
      router.refresh();
    },
  });

  return (
    <FormShell onSubmit={onSubmit} error={formError} submitLabel={t("publish", { version: nextVersion })} submitting={submitting}>
      {published !== null ? <Alert tone="success">{t("published", { version: published })}</Alert> : null}
      <Field label={t("title")} error={fieldError(errors.title?.message)} required>
        {(p) => <input {...p} {...form.register("title")} maxLength={200} autoComplete="off" className={inputClass(Boolean(errors.title))} />}
      </Field>
      <Field label={t("body")} hint={t("bodyHint")} error={fieldError(errors.body?.message)} required>
        {(p) => <textarea {...p} {...form.register("body")} rows={16} maxLength={CLAUSE_BODY_MAX} className={inputClass(Boolean(errors.body))} />}
      </Field>
      <Field label={t("effectiveFrom")} hint={t("effectiveFromHint")} error={fieldError(errors.effectiveFrom?.message)} required>
        {(p) => <input {...p} {...form.register("effectiveFrom")} type="date" className={inputClass(Boolean(errors.effectiveFrom)) + " max-w-48"} />}
      </Field>
    </FormShell>
  );
}
