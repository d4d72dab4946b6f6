"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { createInstitutionAction, updateInstitutionAction } from "@/lib/actions/cooperation";
import { INSTITUTION_KINDS, ZInstitutionInput, type TInstitutionInput } from "@/lib/domain/cooperation/schemas";
import { useCooperationFieldError } from "./use-cooperation-field-error";

const EMPTY: TInstitutionInput = { name: "", kind: "", town: "", address: "", email: "", phone: "" };

type TProps = { mode: "create" } | { mode: "edit"; id: string; defaults: TInstitutionInput };

/** Adds an institution to the directory (inline on the list; the form empties for the next one) or edits one. */
export function InstitutionForm(props: TProps) {
  const t = useTranslations("cooperation");
  const tc = useTranslations("common");
  const fieldError = useCooperationFieldError();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TInstitutionInput, unknown>({
    schema: ZInstitutionInput,
    defaultValues: props.mode === "edit" ? props.defaults : EMPTY,
    action: (values) => {
      setSaved(false);
      return props.mode === "create" ? createInstitutionAction(values) : updateInstitutionAction(props.id, values);
    },
    onSuccess: () => {
      if (props.mode === "create") form.reset(EMPTY);
      setSaved(true);
      router.refresh();
    },
  });

  return (
    <FormShell
      onSubmit={onSubmit}
      className="max-w-xl"
      error={formError}
      submitLabel={props.mode === "create" ? t("directory.create") : tc("save")}
      submitting={submitting}
    >
      {saved ? <Alert tone="success">{props.mode === "create" ? t("directory.created") : tc("saved")}</Alert> : null}
      <Field label={t("fields.name")} hint={t("hints.name")} error={fieldError(errors.name?.message)} required>
        {(p) => <input {...p} {...form.register("name")} autoComplete="organization" className={inputClass(Boolean(errors.name))} />}
      </Field>
      <Field label={t("fields.kind")} error={fieldError(errors.kind?.message)} required>
        {(p) => (
          <EnumSelect
            {...p}
            {...form.register("kind")}
            options={INSTITUTION_KINDS}
            namespace="cooperation.institutionKinds"
            placeholder={t("form.choose")}
            invalid={Boolean(errors.kind)}
          />
        )}
      </Field>
      <Field label={t("fields.town")} error={fieldError(errors.town?.message)}>
        {(p) => <input {...p} {...form.register("town")} autoComplete="off" className={inputClass(Boolean(errors.town))} />}
      </Field>
      <Field label={t("fields.address")} error={fieldError(errors.address?.message)}>
        {(p) => <input {...p} {...form.register("address")} autoComplete="off" className={inputClass(Boolean(errors.address))} />}
      </Field>
      <Field label={t("fields.email")} error={fieldError(errors.email?.message)}>
        {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="off" className={inputClass(Boolean(errors.email))} />}
      </Field>
      <Field label={t("fields.phone")} error={fieldError(errors.phone?.message)}>
        {(p) => <input {...p} {...form.register("phone")} type="tel" autoComplete="off" className={inputClass(Boolean(errors.phone))} />}
      </Field>
    </FormShell>
  );
}
