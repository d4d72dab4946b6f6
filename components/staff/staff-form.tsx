"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { createStaffRecordAction, updateStaffRecordAction } from "@/lib/actions/staff";
import { STAFF_CONTRACT_KINDS, STAFF_POSITIONS, ZStaffInput, type TStaffInput } from "@/lib/domain/staff/schemas";
import { useStaffFieldError } from "./use-staff-field-error";

type TChoice = { id: string; name: string };
type TProps = { options: { users: TChoice[]; partners: TChoice[]; offices: TChoice[] } } & (
  { mode: "create" } | { mode: "edit"; id: string; defaults: TStaffInput }
);

const EMPTY: TStaffInput = { userId: "", personName: "", position: "", contractKind: "", reference: "", startsOn: "", endsOn: "", partnerId: "", officeId: "" };

/** Adds a staff record (who is employed as what, on which contract) or corrects one. */
export function StaffForm(props: TProps) {
  const t = useTranslations("staff");
  const tc = useTranslations("common");
  const fieldError = useStaffFieldError();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TStaffInput, { id: string }>({
    schema: ZStaffInput,
    defaultValues: props.mode === "edit" ? props.defaults : EMPTY,
    action: (values) => {
      setSaved(false);
      return props.mode === "create" ? createStaffRecordAction(values) : updateStaffRecordAction(props.id, values);
    },
    onSuccess: (data) => {
      if (props.mode === "create") {
        router.push(`/admin/staff/${data.id}`);
        return;
      }
      setSaved(true);
      router.refresh();
    },
  });
  function select(name: "userId" | "partnerId" | "officeId", choices: TChoice[], none: string) {
    return function ChoiceSelect(p: Record<string, unknown>) {
      return (
        <select {...p} {...form.register(name)} className={inputClass(Boolean(errors[name]))}>
          <option value="">{none}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      );
    };
  }

  return (
    <FormShell
      onSubmit={onSubmit}
      className="max-w-xl"
      error={formError}
      submitLabel={props.mode === "create" ? t("form.create") : tc("save")}
      submitting={submitting}
    >
      {saved ? <Alert tone="success">{tc("saved")}</Alert> : null}
      <Field label={t("fields.user")} hint={t("hints.user")} error={fieldError(errors.userId?.message)}>
        {select("userId", props.options.users, t("form.noUser"))}
      </Field>
      <Field label={t("fields.personName")} hint={t("hints.personName")} error={fieldError(errors.personName?.message)}>
        {(p) => <input {...p} {...form.register("personName")} autoComplete="off" className={inputClass(Boolean(errors.personName))} />}
      </Field>
      <Field label={t("fields.position")} error={fieldError(errors.position?.message)} required>
        {(p) => (
          <EnumSelect
            {...p}
            {...form.register("position")}
            options={STAFF_POSITIONS}
            namespace="staff.positions"
            placeholder={t("form.choose")}
            invalid={Boolean(errors.position)}
          />
        )}
      </Field>
      <Field label={t("fields.contractKind")} error={fieldError(errors.contractKind?.message)} required>
        {(p) => (
          <EnumSelect
            {...p}
            {...form.register("contractKind")}
            options={STAFF_CONTRACT_KINDS}
            namespace="staff.contractKinds"
            placeholder={t("form.choose")}
            invalid={Boolean(errors.contractKind)}
          />
        )}
      </Field>
      <Field label={t("fields.reference")} error={fieldError(errors.reference?.message)} required>
        {(p) => <input {...p} {...form.register("reference")} autoComplete="off" className={inputClass(Boolean(errors.reference))} />}
      </Field>
      <Field label={t("fields.startsOn")} error={fieldError(errors.startsOn?.message)} required>
        {(p) => <input {...p} {...form.register("startsOn")} type="date" className={inputClass(Boolean(errors.startsOn))} />}
      </Field>
      <Field label={t("fields.endsOn")} hint={t("hints.endsOn")} error={fieldError(errors.endsOn?.message)}>
        {(p) => <input {...p} {...form.register("endsOn")} type="date" className={inputClass(Boolean(errors.endsOn))} />}
      </Field>
      <Field label={t("fields.partner")} error={fieldError(errors.partnerId?.message)}>
        {select("partnerId", props.options.partners, t("form.none"))}
      </Field>
      <Field label={t("fields.office")} error={fieldError(errors.officeId?.message)}>
        {select("officeId", props.options.offices, t("form.none"))}
      </Field>
    </FormShell>
  );
}
