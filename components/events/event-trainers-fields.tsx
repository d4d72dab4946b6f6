"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useFieldError } from "@/components/forms/use-action-errors";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { TRAINERS_MAX, type TEventInput } from "@/lib/domain/events/schemas";
import { FormSection } from "@/components/forms/form-section";

/**
 * Who runs the event: each trainer a staff member (the hours go to their timesheet) or, with no
 * staff member chosen, an external trainer by name.
 */
export function EventTrainersFields({ staff }: { staff: { id: string; name: string }[] }) {
  const t = useTranslations("events.form");
  const fieldError = useFieldError();
  const form = useFormContext<TEventInput, unknown, TEventInput>();
  const trainers = useFieldArray({ control: form.control, name: "trainers", keyName: "key" });
  const values = useWatch({ control: form.control, name: "trainers" }) ?? [];
  const addRef = useRef<HTMLButtonElement>(null);
  const errors = form.formState.errors.trainers;

  return (
    <FormSection legend={t("sections.trainers")} error={fieldError(errors?.message ?? errors?.root?.message)}>
      {trainers.fields.length === 0 ? <p className="text-sm text-slate-700">{t("noTrainers")}</p> : null}
      <ol className="flex flex-col gap-4">
        {trainers.fields.map((row, index) => {
          const rowErrors = errors?.[index];
          const external = !values[index]?.userId;
          return (
            <li key={row.key}>
              <fieldset className="min-w-0 rounded-md border border-slate-300 p-4" data-testid="event-trainer-fields">
                <legend className="px-1 text-sm font-semibold">{t("trainerLegend", { n: index + 1 })}</legend>
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label={t("fields.staff")} error={fieldError(rowErrors?.userId?.message)}>
                    {(p) => (
                      <select {...p} {...form.register(`trainers.${index}.userId`)} className={inputClass(Boolean(rowErrors?.userId))}>
                        <option value="">{t("externalOption")}</option>
                        {staff.map((user) => (
                          <option key={user.id} value={user.id}>
                            {user.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {external ? (
                    <Field label={t("fields.externalName")} hint={t("hints.externalName")} error={fieldError(rowErrors?.externalName?.message)}>
                      {(p) => <input {...p} {...form.register(`trainers.${index}.externalName`)} type="text" maxLength={200} autoComplete="off" className={inputClass(Boolean(rowErrors?.externalName))} />}
                    </Field>
                  ) : null}
                </div>
                <Button
                  variant="secondary"
                  className="mt-3"
                  onClick={() => {
                    trainers.remove(index);
                    addRef.current?.focus();
                  }}
                >
                  {t("removeTrainer", { n: index + 1 })}
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {trainers.fields.length < TRAINERS_MAX ? (
        <div>
          <button ref={addRef} type="button" className={buttonClass("secondary")} onClick={() => trainers.append({ userId: "", externalName: "" })}>
            {t("addTrainer")}
          </button>
        </div>
      ) : null}
    </FormSection>
  );
}
