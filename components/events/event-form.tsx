"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FormProvider } from "react-hook-form";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field, inputClass } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import { createEventAction, updateEventAction } from "@/lib/actions/events";
import type { TEventFormOptions } from "@/lib/domain/events/event-page";
import { CAPACITY_MAX, DESCRIPTION_MAX, EVENT_KINDS, LIMIT_COUNTING_KINDS, TITLE_MAX, ZEventInput, type TEventInput } from "@/lib/domain/events/schemas";
import { FormSection } from "@/components/forms/form-section";
import { EventSessionsFields } from "./event-sessions-fields";
import { EventTrainersFields } from "./event-trainers-fields";

type TProps = {
  /** A new event, or an edit of one (its sessions with attendance taken cannot be removed). */
  mode: { kind: "create" } | { kind: "edit"; eventId: string; lockedSessionIds: string[] };
  defaults: TEventInput;
  options: TEventFormOptions;
};

/** A catalogue entry's name in the reader's language (the Polish one when it has no English name). */
const entryName = (entry: { name: string; nameEn: string | null }, locale: string) => (locale === "en" && entry.nameEn ? entry.nameEn : entry.name);

/**
 * Creates or edits an event: what it is, its sessions, its trainers, who runs it and how people
 * register. Every control is a native input, so the whole form works from the keyboard; what was
 * typed stays whatever the server answers, with its messages next to the fields.
 */
export function EventForm({ mode, defaults, options }: TProps) {
  const t = useTranslations("events.form");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm({
    schema: ZEventInput,
    defaultValues: defaults,
    action: (values) => (mode.kind === "edit" ? updateEventAction(mode.eventId, values) : createEventAction(values)),
    onSuccess: (data) => {
      router.push(`/events/${data.id}?${mode.kind === "create" ? "created" : "saved"}=1`);
      router.refresh();
    },
  });

  // A new training or workshop counts toward the per-person limit, other kinds not — until the
  // user ticks or unticks it themself; an edit keeps what the event has.
  const [countsChosen, setCountsChosen] = useState(mode.kind === "edit");
  const kindField = form.register("kind", {
    onChange: (event: React.ChangeEvent<HTMLSelectElement>) => {
      if (countsChosen) return;
      form.setValue("countsTowardLimit", (LIMIT_COUNTING_KINDS as readonly string[]).includes(event.target.value));
    },
  });
  const countsField = form.register("countsTowardLimit", { onChange: () => setCountsChosen(true) });
  const partner = options.partners.find((p) => p.id === options.myPartnerId);

  return (
    <FormProvider {...form}>
      <FormShell
        onSubmit={onSubmit}
        aria-label={mode.kind === "create" ? t("newTitle") : t("editTitle")}
        className="max-w-4xl gap-6"
        error={formError}
        errorTestId="event-form-error"
        submitLabel={mode.kind === "create" ? t("submitCreate") : tc("save")}
        submitting={submitting}
        footer={mode.kind === "edit" ? <TextLink href={`/events/${mode.eventId}`}>{tc("cancel")}</TextLink> : null}
      >
        <FormSection legend={t("sections.basics")}>
          <Field label={t("fields.title")} error={fieldError(errors.title?.message)} required>
            {(p) => <input {...p} {...form.register("title")} type="text" maxLength={TITLE_MAX} autoComplete="off" className={inputClass(Boolean(errors.title))} />}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("fields.kind")} error={fieldError(errors.kind?.message)} required>
              {(p) => <EnumSelect {...p} {...kindField} options={EVENT_KINDS} namespace="events.kinds" invalid={Boolean(errors.kind)} />}
            </Field>
            <Field label={t("fields.supportType")} error={fieldError(errors.supportType?.message)} required>
              {(p) => (
                <select {...p} {...form.register("supportType")} className={inputClass(Boolean(errors.supportType))}>
                  <option value="">{t("choose")}</option>
                  {options.supportTypes.map((entry) => (
                    <option key={entry.code} value={entry.code}>
                      {entry.retired ? t("retired", { name: entryName(entry, locale) }) : entryName(entry, locale)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label={t("fields.description")} error={fieldError(errors.description?.message)}>
            {(p) => <textarea {...p} {...form.register("description")} rows={4} maxLength={DESCRIPTION_MAX} className={inputClass(Boolean(errors.description))} />}
          </Field>
        </FormSection>

        <EventSessionsFields lockedSessionIds={mode.kind === "edit" ? mode.lockedSessionIds : []} />
        <EventTrainersFields staff={options.staff} />

        <FormSection legend={t("sections.organisation")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("fields.office")} error={fieldError(errors.officeId?.message)}>
              {(p) => (
                <select {...p} {...form.register("officeId")} className={inputClass(Boolean(errors.officeId))}>
                  <option value="">{t("none")}</option>
                  {options.offices.map((office) => (
                    <option key={office.id} value={office.id}>
                      {office.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {options.partnerFixed ? (
              <Field label={t("fields.partner")} hint={t("hints.partnerFixed")} error={fieldError(errors.partnerId?.message)}>
                {(p) => <input {...p} type="text" value={partner?.name ?? t("none")} readOnly className={inputClass(Boolean(errors.partnerId))} />}
              </Field>
            ) : (
              <Field label={t("fields.partner")} error={fieldError(errors.partnerId?.message)}>
                {(p) => (
                  <select {...p} {...form.register("partnerId")} className={inputClass(Boolean(errors.partnerId))}>
                    <option value="">{t("none")}</option>
                    {options.partners.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label={t("fields.capacity")} hint={t("hints.capacity")} error={fieldError(errors.capacity?.message)}>
              {(p) => <input {...p} {...form.register("capacity")} type="number" inputMode="numeric" min={1} max={CAPACITY_MAX} step={1} className={inputClass(Boolean(errors.capacity))} />}
            </Field>
            <Field label={t("fields.registrationDeadline")} hint={t("hints.registrationDeadline")} error={fieldError(errors.registrationDeadline?.message)}>
              {(p) => <input {...p} {...form.register("registrationDeadline")} type="date" className={inputClass(Boolean(errors.registrationDeadline))} />}
            </Field>
          </div>
          <CountsTowardLimitField hint={t("hints.countsTowardLimit")} label={t("fields.countsTowardLimit")} error={fieldError(errors.countsTowardLimit?.message)} input={countsField} />
        </FormSection>
      </FormShell>
    </FormProvider>
  );
}

function CountsTowardLimitField({ label, hint, error, input }: { label: string; hint: string; error?: string; input: React.InputHTMLAttributes<HTMLInputElement> & { ref: React.Ref<HTMLInputElement> } }) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" aria-describedby={`${id}-hint`} aria-invalid={Boolean(error)} className="mt-1 size-4 shrink-0" {...input} />
      <div className="flex flex-col">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
        {error ? <p className="text-sm font-medium text-red-700">{error}</p> : null}
      </div>
    </div>
  );
}
