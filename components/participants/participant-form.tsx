"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useFormContext, type UseFormRegisterReturn } from "react-hook-form";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormSection } from "@/components/forms/form-section";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { saveParticipantDataAction } from "@/lib/actions/participants";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import {
  DECLARED_ANSWERS,
  EDUCATION_LEVELS,
  END_SITUATIONS,
  LABOUR_MARKET_STATUSES,
  SEXES,
  URBANISATIONS,
  ZParticipantDataInput,
  type TParticipantDataInput,
} from "@/lib/domain/participants/schemas";
import { useParticipantFieldError } from "./use-participant-field-error";

type TProps = {
  clientId: string;
  defaults: TParticipantDataInput;
  /** What the client's PESEL says, offered to fill sex and birth date; null without a valid PESEL. */
  fromPesel: { sex: (typeof SEXES)[number]; birthDate: string } | null;
  /** The special-category fields are withheld from this user: not shown, and the save keeps them. */
  sensitiveHidden: boolean;
  today: string;
};

/**
 * A person's EFS+ monitoring data, every field optional, in groups with legends: the person, the
 * situation at the start (the special-category answers in their own group, only for those who may
 * see them) and the participation. Saved, the page reloads its list of what is still missing;
 * refused, what was typed stays and the message sits next to its field.
 */
export function ParticipantForm({ clientId, defaults, fromPesel, sensitiveHidden, today }: TProps) {
  const t = useTranslations("participants");
  const format = useFormatter();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, submitting, onSubmit, formError } = useActionForm<TParticipantDataInput, unknown>({
    schema: ZParticipantDataInput,
    defaultValues: defaults,
    action: (values) => {
      setSaved(false);
      return saveParticipantDataAction(clientId, values);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });

  function fillFromPesel() {
    if (!fromPesel) return;
    form.setValue("sex", fromPesel.sex, { shouldDirty: true, shouldValidate: true });
    form.setValue("birthDate", fromPesel.birthDate, { shouldDirty: true, shouldValidate: true });
  }

  return (
    <FormProvider {...form}>
      <FormShell onSubmit={onSubmit} className="max-w-3xl" error={formError} submitLabel={t("form.submit")} submitting={submitting}>
        {saved ? (
          <Alert tone="success" data-testid="participant-saved">
            {t("form.saved")}
          </Alert>
        ) : null}
        <FormSection legend={t("form.sectionPerson")}>
          {fromPesel ? (
            <div className="flex flex-col items-start gap-2">
              <p className="text-sm text-slate-700">
                {t("form.fromPeselHint", { sex: t(`sexes.${fromPesel.sex}`), birthDate: format.dateTime(dateOnly(fromPesel.birthDate), CALENDAR_DATE) })}
              </p>
              <Button variant="secondary" onClick={fillFromPesel}>
                {t("form.fromPesel")}
              </Button>
            </div>
          ) : null}
          <ChoiceField field="sex">{(p) => <EnumSelect {...p} options={SEXES} namespace="participants.sexes" />}</ChoiceField>
          <DateField field="birthDate" max={today} />
          <ChoiceField field="educationLevel">{(p) => <EnumSelect {...p} options={EDUCATION_LEVELS} namespace="participants.educationLevels" />}</ChoiceField>
        </FormSection>
        <FormSection legend={t("form.sectionSituation")}>
          <ChoiceField field="labourMarketStatus">
            {(p) => <EnumSelect {...p} options={LABOUR_MARKET_STATUSES} namespace="participants.labourStatuses" />}
          </ChoiceField>
          <ChoiceField field="homeless">{(p) => <EnumSelect {...p} options={DECLARED_ANSWERS} namespace="participants.answers" />}</ChoiceField>
          <ChoiceField field="urbanisation">{(p) => <EnumSelect {...p} options={URBANISATIONS} namespace="participants.urbanisation" />}</ChoiceField>
        </FormSection>
        {sensitiveHidden ? null : (
          <FormSection legend={t("form.sectionSensitive")} hint={t("form.sensitiveHint")}>
            <ChoiceField field="disability">{(p) => <EnumSelect {...p} options={DECLARED_ANSWERS} namespace="participants.answers" />}</ChoiceField>
            <ChoiceField field="foreignOrigin">{(p) => <EnumSelect {...p} options={DECLARED_ANSWERS} namespace="participants.answers" />}</ChoiceField>
            <ChoiceField field="minority">{(p) => <EnumSelect {...p} options={DECLARED_ANSWERS} namespace="participants.answers" />}</ChoiceField>
          </FormSection>
        )}
        <FormSection legend={t("form.sectionParticipation")} hint={t("form.participationHint")}>
          <DateField field="participationStart" />
          <DateField field="participationEnd" />
          <ChoiceField field="situationAtEnd">{(p) => <EnumSelect {...p} options={END_SITUATIONS} namespace="participants.endSituations" />}</ChoiceField>
        </FormSection>
      </FormShell>
    </FormProvider>
  );
}

type TChoiceField =
  "sex" | "educationLevel" | "labourMarketStatus" | "disability" | "foreignOrigin" | "minority" | "homeless" | "urbanisation" | "situationAtEnd";
type TSelectProps = UseFormRegisterReturn & { id: string; "aria-invalid": boolean; "aria-describedby"?: string; placeholder: string; invalid: boolean };

/** One coded field: its label, its select (given by the caller, with the options' messages) and its error. */
function ChoiceField({ field, children }: { field: TChoiceField; children: (props: TSelectProps) => React.ReactNode }) {
  const t = useTranslations("participants");
  const fieldError = useParticipantFieldError();
  const form = useFormContext<TParticipantDataInput>();
  const error = form.formState.errors[field]?.message;
  return (
    <Field label={t(`fields.${field}`)} error={fieldError(error)}>
      {(p) => children({ ...p, ...form.register(field), placeholder: t("form.choose"), invalid: Boolean(error) })}
    </Field>
  );
}

/** One optional date of the form. */
function DateField({ field, max }: { field: "birthDate" | "participationStart" | "participationEnd"; max?: string }) {
  const t = useTranslations("participants");
  const fieldError = useParticipantFieldError();
  const form = useFormContext<TParticipantDataInput>();
  const error = form.formState.errors[field]?.message;
  return (
    <Field label={t(`fields.${field}`)} error={fieldError(error)}>
      {(p) => <input {...p} {...form.register(field)} type="date" max={max} className={inputClass(Boolean(error))} />}
    </Field>
  );
}
