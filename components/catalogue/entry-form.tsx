"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Controller } from "react-hook-form";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Field, inputClass } from "@/components/ui/field";
import { createEntryAction, updateEntryAction } from "@/lib/actions/catalogue";
import type { TActionResult } from "@/lib/actions/result";
import { entryName, type TCatalogueOption } from "@/lib/domain/catalogue/names";
import { ENTRY_NAME_MAX, ZEntryInput, type TCatalogueListName, type TEntryInput } from "@/lib/domain/catalogue/schemas";

type TProps = {
  list: TCatalogueListName;
  /** A new entry of the list, or the entry with this code. */
  mode: { kind: "create" } | { kind: "edit"; code: string };
  defaults: TEntryInput;
  /** The tenant's support types: a template's obligatory types are chosen among them. */
  supportTypes: readonly TCatalogueOption[];
};

const toggleIn = (codes: readonly string[], code: string, on: boolean) => (on ? [...codes.filter((c) => c !== code), code] : codes.filter((c) => c !== code));

/**
 * An entry of the support catalogue: its names, and — for a support type — whether services of it
 * need a specialist area, or — for a path template — the support types obligatory on the path.
 * Every control is native and labelled; errors sit next to their fields.
 */
export function EntryForm({ list, mode, defaults, supportTypes }: TProps) {
  const t = useTranslations("catalogue");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const checkboxId = useId();
  const [done, setDone] = useState<string | null>(null);
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm({
    schema: ZEntryInput,
    defaultValues: defaults,
    action: async (values): Promise<TActionResult<unknown>> => {
      setDone(null);
      return mode.kind === "create" ? createEntryAction(list, values) : updateEntryAction(list, mode.code, values);
    },
    onSuccess: (_data, values) => {
      setDone(mode.kind === "create" ? t("added", { name: values.name }) : t("saved"));
      if (mode.kind === "create") form.reset(defaults);
      router.refresh();
    },
  });
  const kept = defaults.obligatorySupportTypes ?? [];
  // Offered: active types, and the retired ones the template already obliges (an edit may keep them).
  const offeredTypes = supportTypes.filter((type) => !type.retired || kept.includes(type.code));
  const obligatoryError = fieldError(errors.obligatorySupportTypes?.message ?? errors.obligatorySupportTypes?.root?.message);

  return (
    <FormShell onSubmit={onSubmit} className="max-w-xl" error={formError} submitLabel={mode.kind === "create" ? t(`lists.${list}.add`) : tc("save")} submitting={submitting}>
      {done ? (
        <Alert tone="success" data-testid="catalogue-saved">
          {done}
        </Alert>
      ) : null}
      <Field label={t("fields.name")} error={fieldError(errors.name?.message)} required>
        {(p) => <input {...p} {...form.register("name")} type="text" maxLength={ENTRY_NAME_MAX} className={inputClass(Boolean(errors.name))} />}
      </Field>
      <Field label={t("fields.nameEn")} hint={t("fields.nameEnHint")} error={fieldError(errors.nameEn?.message)}>
        {(p) => <input {...p} {...form.register("nameEn")} type="text" lang="en" maxLength={ENTRY_NAME_MAX} className={inputClass(Boolean(errors.nameEn))} />}
      </Field>
      {list === "supportType" ? (
        <div className="flex items-start gap-2">
          <input id={checkboxId} type="checkbox" className="mt-1 size-4 shrink-0" aria-describedby={`${checkboxId}-hint`} {...form.register("requiresSpecialistArea")} />
          <div>
            <label htmlFor={checkboxId} className="text-sm font-medium">
              {t("fields.requiresSpecialistArea")}
            </label>
            <p id={`${checkboxId}-hint`} className="text-sm text-slate-600">
              {t("fields.requiresSpecialistAreaHint")}
            </p>
          </div>
        </div>
      ) : null}
      {list === "pathTemplate" ? (
        <Controller
          control={form.control}
          name="obligatorySupportTypes"
          render={({ field }) => (
            <fieldset aria-describedby={`${checkboxId}-obligatory-hint${obligatoryError ? ` ${checkboxId}-obligatory-error` : ""}`} className="rounded-md border border-slate-300 p-3">
              <legend className="px-1 text-sm font-medium">{t("fields.obligatory")}</legend>
              <p id={`${checkboxId}-obligatory-hint`} className="text-sm text-slate-600">
                {t("fields.obligatoryHint")}
              </p>
              <ul className="mt-2 grid gap-1 sm:grid-cols-2">
                {offeredTypes.map((type) => (
                  <li key={type.code}>
                    <label className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4 shrink-0"
                        checked={(field.value ?? []).includes(type.code)}
                        onChange={(e) => field.onChange(toggleIn(field.value ?? [], type.code, e.target.checked))}
                        onBlur={field.onBlur}
                      />
                      {type.retired ? t("retiredOption", { name: entryName(type, locale) }) : entryName(type, locale)}
                    </label>
                  </li>
                ))}
              </ul>
              {obligatoryError ? (
                <p id={`${checkboxId}-obligatory-error`} className="mt-1 text-sm font-medium text-red-700">
                  {obligatoryError}
                </p>
              ) : null}
            </fieldset>
          )}
        />
      ) : null}
    </FormShell>
  );
}
