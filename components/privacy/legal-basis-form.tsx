"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { setLegalBasisAction } from "@/lib/actions/client-privacy";
import { PROCESSING_BASES, ZLegalBasisInput, type TLegalBasisInput } from "@/lib/domain/privacy/consent-schemas";
import { usePrivacyFieldError } from "./consent-field-error";

/** A clause version as a choice: its id and a label the page wrote ("wersja 2: … (od 01.03.2026)"). */
export type TClauseOption = { id: string; label: string };

type TProps = {
  clientId: string;
  defaults: TLegalBasisInput;
  clauses: TClauseOption[];
};

/** The client's legal basis of processing and the information clause they were given, with the day. */
export function LegalBasisForm({ clientId, defaults, clauses }: TProps) {
  const t = useTranslations("privacy.legalBasis");
  const tc = useTranslations("common");
  const fieldError = usePrivacyFieldError();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TLegalBasisInput, unknown>({
    schema: ZLegalBasisInput,
    defaultValues: defaults,
    action: (values) => {
      setSaved(false);
      return setLegalBasisAction(clientId, values);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });

  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={tc("save")} submitting={submitting}>
      {saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Field label={t("basis")} error={fieldError(errors.processingBasis?.message)} required>
        {(p) => (
          <EnumSelect
            {...p}
            {...form.register("processingBasis")}
            options={PROCESSING_BASES}
            namespace="privacy.bases"
            placeholder={t("chooseBasis")}
            invalid={Boolean(errors.processingBasis)}
          />
        )}
      </Field>
      <Field label={t("clause")} hint={clauses.length === 0 ? t("noClausesYet") : undefined} error={fieldError(errors.clauseId?.message)}>
        {(p) => (
          <select {...p} {...form.register("clauseId")} className={inputClass(Boolean(errors.clauseId))}>
            <option value="">{t("noClause")}</option>
            {clauses.map((clause) => (
              <option key={clause.id} value={clause.id}>
                {clause.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("clauseGivenOn")} error={fieldError(errors.clauseGivenOn?.message)}>
        {(p) => <input {...p} {...form.register("clauseGivenOn")} type="date" className={inputClass(Boolean(errors.clauseGivenOn)) + " max-w-48"} />}
      </Field>
    </FormShell>
  );
}
