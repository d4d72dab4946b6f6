"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { createIndicatorAction, updateIndicatorAction } from "@/lib/actions/indicators";
import { INDICATOR_RESULT_TYPES, INDICATOR_SOURCES, ZIndicatorInput, type TIndicatorInput } from "@/lib/domain/indicators/schemas";
import { useIndicatorsAdminFieldError } from "./use-indicators-admin-field-error";

const EMPTY: TIndicatorInput = { code: "", name: "", nameEn: "", unit: "", evidenceKind: "", description: "", position: "0", source: "", resultType: "" };

type TProps =
  | { mode: "create" }
  | {
      mode: "edit";
      id: string;
      defaults: TIndicatorInput;
      /** Evidence counts toward it: its source and result type are fixed. */
      sourceLocked: boolean;
    };

/** Adds an indicator to the catalogue (the form empties for the next one) or edits one. */
export function IndicatorForm(props: TProps) {
  const t = useTranslations("indicatorsAdmin");
  const tc = useTranslations("common");
  const fieldError = useIndicatorsAdminFieldError();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const locked = props.mode === "edit" && props.sourceLocked;
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TIndicatorInput, unknown>({
    schema: ZIndicatorInput,
    defaultValues: props.mode === "edit" ? props.defaults : EMPTY,
    // A disabled select sends nothing: a locked indicator keeps what it counts.
    prepare: (values) => (props.mode === "edit" && locked ? { ...values, source: props.defaults.source, resultType: props.defaults.resultType } : values),
    action: (values) => {
      setSaved(false);
      if (props.mode === "create") return createIndicatorAction(values);
      const { code: _code, ...update } = values;
      return updateIndicatorAction(props.id, update);
    },
    onSuccess: () => {
      if (props.mode === "create") form.reset(EMPTY);
      setSaved(true);
      router.refresh();
    },
  });
  const source = useWatch({ control: form.control, name: "source" });

  return (
    <FormShell
      onSubmit={onSubmit}
      className="max-w-xl"
      error={formError}
      submitLabel={props.mode === "create" ? t("form.create") : tc("save")}
      submitting={submitting}
    >
      {saved ? <Alert tone="success">{props.mode === "create" ? t("form.created") : tc("saved")}</Alert> : null}
      <Field label={t("fields.code")} hint={t("hints.code")} error={fieldError(errors.code?.message)} required>
        {(p) => <input {...p} {...form.register("code")} readOnly={props.mode === "edit"} autoComplete="off" className={inputClass(Boolean(errors.code))} />}
      </Field>
      <Field label={t("fields.name")} error={fieldError(errors.name?.message)} required>
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass(Boolean(errors.name))} />}
      </Field>
      <Field label={t("fields.nameEn")} error={fieldError(errors.nameEn?.message)}>
        {(p) => <input {...p} {...form.register("nameEn")} autoComplete="off" className={inputClass(Boolean(errors.nameEn))} />}
      </Field>
      <Field label={t("fields.unit")} hint={t("hints.unit")} error={fieldError(errors.unit?.message)} required>
        {(p) => <input {...p} {...form.register("unit")} autoComplete="off" className={inputClass(Boolean(errors.unit))} />}
      </Field>
      <Field label={t("fields.evidenceKind")} hint={t("hints.evidenceKind")} error={fieldError(errors.evidenceKind?.message)} required>
        {(p) => <input {...p} {...form.register("evidenceKind")} autoComplete="off" className={inputClass(Boolean(errors.evidenceKind))} />}
      </Field>
      <Field label={t("fields.source")} hint={locked ? t("hints.sourceLocked") : t("hints.source")} error={fieldError(errors.source?.message)} required>
        {(p) => (
          <EnumSelect
            {...p}
            {...form.register("source")}
            disabled={locked}
            options={INDICATOR_SOURCES}
            namespace="indicators.sources"
            placeholder={t("form.choose")}
            invalid={Boolean(errors.source)}
          />
        )}
      </Field>
      {source === "PATH_RESULT" ? (
        <Field label={t("fields.resultType")} error={fieldError(errors.resultType?.message)} required>
          {(p) => (
            <EnumSelect
              {...p}
              {...form.register("resultType")}
              disabled={locked}
              options={INDICATOR_RESULT_TYPES}
              namespace="paths.resultTypes"
              placeholder={t("form.choose")}
              invalid={Boolean(errors.resultType)}
            />
          )}
        </Field>
      ) : null}
      <Field label={t("fields.position")} hint={t("hints.position")} error={fieldError(errors.position?.message)} required>
        {(p) => <input {...p} {...form.register("position")} inputMode="numeric" autoComplete="off" className={inputClass(Boolean(errors.position))} />}
      </Field>
      <Field label={t("fields.description")} hint={t("hints.description")} error={fieldError(errors.description?.message)}>
        {(p) => <textarea {...p} {...form.register("description")} rows={3} className={inputClass(Boolean(errors.description))} />}
      </Field>
    </FormShell>
  );
}
