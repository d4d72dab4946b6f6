"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { saveNeedsAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { CatalogueSelect } from "@/components/catalogue/catalogue-select";
import type { TCatalogueOption } from "@/lib/domain/catalogue/names";
import { ZNeedsInput, type TNeedsInput } from "@/lib/domain/paths/schemas";
import { usePathForm } from "./use-path-form";

const EMPTY_NEED = { area: "", description: "", priority: 2, expectedEffects: [] } as const;

/**
 * Step 2: needs and the effects expected of meeting each (one effect per line). A need's area is a
 * support type of the tenant's catalogue: an active one, or the retired one a saved need already has.
 */
export function NeedsForm({ pathId, defaults, supportTypes }: { pathId: string; defaults: TNeedsInput; supportTypes: TCatalogueOption[] }) {
  const t = useTranslations("paths");
  const tc = useTranslations("common");
  const tcat = useTranslations("catalogue");
  const form = useForm<TNeedsInput, unknown, TNeedsInput>({
    resolver: zodResolver(ZNeedsInput, undefined, { raw: true }),
    defaultValues: defaults,
  });
  const needs = useFieldArray({ control: form.control, name: "needs" });
  const { run, formError, fieldError, saved } = usePathForm(form);
  const errors = form.formState.errors.needs;
  const onSubmit = form.handleSubmit((values) => run(() => saveNeedsAction(pathId, values)));
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">{tc("saved")}</Alert> : null}
      {needs.fields.length === 0 ? <p>{t("noNeeds")}</p> : null}
      {needs.fields.map((field, index) => (
        <fieldset key={field.id} className="grid gap-3 rounded-md border border-slate-300 bg-white p-4 md:grid-cols-2">
          <legend className="px-1 font-semibold">{t("needNumber", { number: index + 1 })}</legend>
          <Field label={t("fields.needArea")} error={fieldError(errors?.[index]?.area?.message)} required>
            {(p) => (
              <CatalogueSelect
                {...p}
                {...form.register(`needs.${index}.area`)}
                entries={supportTypes}
                kept={defaults.needs.map((need) => need.area)}
                placeholder={tcat("choose")}
                invalid={Boolean(errors?.[index]?.area)}
              />
            )}
          </Field>
          <Field label={t("fields.priority")} error={fieldError(errors?.[index]?.priority?.message)}>
            {(p) => (
              <select {...p} {...form.register(`needs.${index}.priority`)} className={inputClass()}>
                {[1, 2, 3].map((n) => (
                  <option key={n} value={n}>
                    {t(`priorities.${n}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("fields.needDescription")} error={fieldError(errors?.[index]?.description?.message)} required>
            {(p) => <textarea {...p} {...form.register(`needs.${index}.description`)} rows={3} className={inputClass(Boolean(errors?.[index]?.description))} />}
          </Field>
          <Controller
            control={form.control}
            name={`needs.${index}.expectedEffects`}
            render={({ field: effects }) => (
              <Field label={t("fields.expectedEffects")} hint={t("fields.expectedEffectsHint")}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    className={inputClass()}
                    value={(effects.value ?? []).join("\n")}
                    onChange={(event) => effects.onChange(event.target.value.split("\n"))}
                    onBlur={effects.onBlur}
                  />
                )}
              </Field>
            )}
          />
          <div className="md:col-span-2">
            <Button variant="secondary" onClick={() => needs.remove(index)}>
              {t("removeNeed", { number: index + 1 })}
            </Button>
          </div>
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => needs.append({ ...EMPTY_NEED, expectedEffects: [] })}>
          {t("addNeed")}
        </Button>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("saveNeeds")}
        </Button>
      </div>
    </form>
  );
}
