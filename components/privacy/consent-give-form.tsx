"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { giveConsentAction } from "@/lib/actions/client-privacy";
import { ZGiveConsentInput, type TGiveConsentInput } from "@/lib/domain/privacy/consent-schemas";
import { usePrivacyFieldError } from "./consent-field-error";
import type { TClauseOption } from "./legal-basis-form";

type TProps = {
  clientId: string;
  /** The purposes without an active consent: the ones a consent can be given for now. */
  purposes: string[];
  clauses: TClauseOption[];
  /** The clause preselected (the one the person was given, else the latest). */
  defaultClauseId: string;
  /** Today in Poland (YYYY-MM-DD). */
  today: string;
};

/** Records a consent given: for what, on which day, with which clause version. */
export function ConsentGiveForm({ clientId, purposes, clauses, defaultClauseId, today }: TProps) {
  const t = useTranslations("privacy.consents");
  const fieldError = usePrivacyFieldError();
  const router = useRouter();
  const [given, setGiven] = useState(false);
  const defaults: TGiveConsentInput = {
    purpose: purposes.length === 1 ? (purposes[0] as TGiveConsentInput["purpose"]) : "",
    givenOn: today,
    clauseId: defaultClauseId,
  };
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TGiveConsentInput, unknown>({
    schema: ZGiveConsentInput,
    defaultValues: defaults,
    action: (values) => {
      setGiven(false);
      return giveConsentAction(clientId, values);
    },
    onSuccess: () => {
      setGiven(true);
      form.reset({ ...defaults, purpose: "" });
      router.refresh();
    },
  });

  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={t("give")} submitting={submitting}>
      {given ? <Alert tone="success">{t("given")}</Alert> : null}
      <Field label={t("purpose")} error={fieldError(errors.purpose?.message)} required>
        {(p) => (
          <EnumSelect
            {...p}
            {...form.register("purpose")}
            options={purposes}
            namespace="privacy.consentPurposes"
            placeholder={t("choosePurpose")}
            invalid={Boolean(errors.purpose)}
          />
        )}
      </Field>
      <Field label={t("givenOn")} error={fieldError(errors.givenOn?.message)} required>
        {(p) => <input {...p} {...form.register("givenOn")} type="date" className={inputClass(Boolean(errors.givenOn)) + " max-w-48"} />}
      </Field>
      <Field label={t("clause")} error={fieldError(errors.clauseId?.message)}>
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
    </FormShell>
  );
}
