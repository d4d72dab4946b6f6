"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { createOfficeAction, updateOfficeAction } from "@/lib/actions/offices";
import { createPartnerAction, updatePartnerAction } from "@/lib/actions/partners";
import { ZOfficeInput, ZOrganisationUnitInput, type TOfficeInput } from "@/lib/domain/tenancy/schemas";

/**
 * The two units a centre is organised in differ only in an office's address: one form, told
 * which unit it edits. Its values are an office's; a partner's schema and actions ignore the address.
 */
const UNITS = {
  office: {
    schema: ZOfficeInput,
    create: createOfficeAction,
    update: updateOfficeAction,
    hasAddress: true,
    createLabel: "newOffice",
    createdMessage: "officeCreated",
  },
  partner: {
    schema: ZOrganisationUnitInput,
    create: createPartnerAction,
    update: updatePartnerAction,
    hasAddress: false,
    createLabel: "newPartner",
    createdMessage: "partnerCreated",
  },
} as const;

const EMPTY: TOfficeInput = { name: "", address: "" };

type TProps = { unit: keyof typeof UNITS } & ({ mode: "create" } | { mode: "edit"; id: string; defaults: TOfficeInput });

/** Adds a partner or an office (inline on the list, the form empties for the next one) or edits one. */
export function OrganisationUnitForm(props: TProps) {
  const t = useTranslations("organisation");
  const tc = useTranslations("common");
  const router = useRouter();
  const unit = UNITS[props.unit];
  const [saved, setSaved] = useState(false);
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm<TOfficeInput, unknown>({
    schema: unit.schema,
    defaultValues: props.mode === "edit" ? props.defaults : EMPTY,
    action: (values) => {
      setSaved(false);
      return props.mode === "create" ? unit.create(values) : unit.update(props.id, values);
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
      submitLabel={props.mode === "create" ? t(unit.createLabel) : tc("save")}
      submitting={submitting}
    >
      {saved ? <Alert tone="success">{props.mode === "create" ? t(unit.createdMessage) : tc("saved")}</Alert> : null}
      <Field label={t("name")} error={fieldError(errors.name?.message)} required>
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass(Boolean(errors.name))} />}
      </Field>
      {unit.hasAddress ? (
        <Field label={t("address")} error={fieldError(errors.address?.message)}>
          {(p) => <input {...p} {...form.register("address")} autoComplete="off" className={inputClass(Boolean(errors.address))} />}
        </Field>
      ) : null}
    </FormShell>
  );
}
