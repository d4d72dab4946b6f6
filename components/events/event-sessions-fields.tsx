"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { useFieldError } from "@/components/forms/use-action-errors";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { SESSIONS_MAX, type TEventInput } from "@/lib/domain/events/schemas";
import { FormSection } from "@/components/forms/form-section";
import { nextSession } from "./event-form-values";

/**
 * The event's sessions as a list the user grows and shrinks: date, start, end or hours, place and
 * online link each. A session whose attendance has been taken stays (the service history holds
 * it): instead of a remove button it says why.
 */
export function EventSessionsFields({ lockedSessionIds }: { lockedSessionIds: readonly string[] }) {
  const t = useTranslations("events.form");
  const fieldError = useFieldError();
  const form = useFormContext<TEventInput, unknown, TEventInput>();
  const sessions = useFieldArray({ control: form.control, name: "sessions", keyName: "key" });
  const addRef = useRef<HTMLButtonElement>(null);
  const errors = form.formState.errors.sessions;

  return (
    <FormSection legend={t("sections.sessions")} hint={t("hints.sessions")} error={fieldError(errors?.message ?? errors?.root?.message)}>
      <ol className="flex flex-col gap-4">
        {sessions.fields.map((row, index) => {
          const rowErrors = errors?.[index];
          const locked = Boolean(row.id && lockedSessionIds.includes(row.id));
          return (
            <li key={row.key}>
              <fieldset className="min-w-0 rounded-md border border-slate-300 p-4" data-testid="event-session-fields">
                <legend className="px-1 text-sm font-semibold">{t("sessionLegend", { n: index + 1 })}</legend>
                <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                  <Field label={t("fields.date")} error={fieldError(rowErrors?.date?.message ?? rowErrors?.id?.message)} required>
                    {(p) => <input {...p} {...form.register(`sessions.${index}.date`)} type="date" className={inputClass(Boolean(rowErrors?.date))} />}
                  </Field>
                  <Field label={t("fields.startTime")} error={fieldError(rowErrors?.startTime?.message)}>
                    {(p) => <input {...p} {...form.register(`sessions.${index}.startTime`)} type="time" className={inputClass(Boolean(rowErrors?.startTime))} />}
                  </Field>
                  <Field label={t("fields.endTime")} error={fieldError(rowErrors?.endTime?.message)}>
                    {(p) => <input {...p} {...form.register(`sessions.${index}.endTime`)} type="time" className={inputClass(Boolean(rowErrors?.endTime))} />}
                  </Field>
                  <Field label={t("fields.hours")} hint={t("hints.hours")} error={fieldError(rowErrors?.hours?.message)}>
                    {(p) => <input {...p} {...form.register(`sessions.${index}.hours`)} type="text" inputMode="decimal" autoComplete="off" className={inputClass(Boolean(rowErrors?.hours))} />}
                  </Field>
                </div>
                <div className="mt-4 grid gap-4 sm:grid-cols-2">
                  <Field label={t("fields.place")} error={fieldError(rowErrors?.place?.message)}>
                    {(p) => <input {...p} {...form.register(`sessions.${index}.place`)} type="text" maxLength={300} className={inputClass(Boolean(rowErrors?.place))} />}
                  </Field>
                  <Field label={t("fields.onlineUrl")} error={fieldError(rowErrors?.onlineUrl?.message)}>
                    {(p) => <input {...p} {...form.register(`sessions.${index}.onlineUrl`)} type="url" inputMode="url" maxLength={500} className={inputClass(Boolean(rowErrors?.onlineUrl))} />}
                  </Field>
                </div>
                {locked ? (
                  <p className="mt-3 text-sm text-slate-700">{t("sessionLocked")}</p>
                ) : (
                  <Button
                    variant="secondary"
                    className="mt-3"
                    onClick={() => {
                      sessions.remove(index);
                      addRef.current?.focus();
                    }}
                  >
                    {t("removeSession", { n: index + 1 })}
                  </Button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {sessions.fields.length < SESSIONS_MAX ? (
        <div>
          <button ref={addRef} type="button" className={buttonClass("secondary")} onClick={() => sessions.append(nextSession(form.getValues("sessions").at(-1)))}>
            {t("addSession")}
          </button>
        </div>
      ) : null}
    </FormSection>
  );
}
