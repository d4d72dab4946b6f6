"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { FormProvider, useFormContext } from "react-hook-form";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import { logExchangeAction, updateExchangeAction } from "@/lib/actions/cooperation";
import type { TExchangeFormOptions } from "@/lib/domain/cooperation/exchange-form";
import type { TLoggedExchange } from "@/lib/domain/cooperation/exchanges";
import { emptyExchange, EXCHANGE_CHANNELS, EXCHANGE_DIRECTIONS, SUBJECT_MAX, ZExchangeInput, type TExchangeInput } from "@/lib/domain/cooperation/schemas";
import { ExchangeClientField, type TClientChoice } from "./exchange-client-field";
import { useCooperationFieldError } from "./use-cooperation-field-error";

type TProps = {
  mode: { kind: "create" } | { kind: "edit"; exchangeId: string };
  defaults: TExchangeInput;
  options: TExchangeFormOptions;
  /** The institution directory, for a caller who may add to it; null otherwise. */
  directoryHref: string | null;
};

/**
 * Logs an exchange of information with an institution, or edits one. Once saved, it says where the
 * exchange shows — the client's page, the timeline of the path open on its date — and, for a new
 * one, offers the form again for the next.
 */
export function ExchangeForm({ mode, defaults, options, directoryHref }: TProps) {
  const t = useTranslations("cooperation");
  const fieldError = useCooperationFieldError();
  const [clients, setClients] = useState<TClientChoice[]>(options.clients);
  const [done, setDone] = useState<TLoggedExchange | null>(null);
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TExchangeInput, TLoggedExchange>({
    schema: ZExchangeInput,
    defaultValues: defaults,
    action: (values) => (mode.kind === "create" ? logExchangeAction(values) : updateExchangeAction(mode.exchangeId, values)),
    onSuccess: (logged) => setDone(logged),
  });

  function addClients(found: TClientChoice[]) {
    setClients((current) => [...current, ...found.filter((c) => !current.some((o) => o.id === c.id))]);
  }

  if (done) {
    return (
      <SavedPanel
        logged={done}
        onAnother={
          mode.kind === "create"
            ? () => {
                form.reset(emptyExchange(options.today, form.getValues("clientId") ?? ""));
                setDone(null);
              }
            : null
        }
      />
    );
  }

  const institutionHint = directoryHref ? (
    <>
      {t("hints.institution")} <TextLink href={directoryHref}>{t("form.directoryLink")}</TextLink>
    </>
  ) : null;

  return (
    <FormProvider {...form}>
      <FormShell onSubmit={onSubmit} className="max-w-2xl" error={formError} submitLabel={t("form.submit")} submitting={submitting}>
        <Field label={t("fields.date")} error={fieldError(errors.date?.message)} required>
          {(p) => <input {...p} {...form.register("date")} type="date" max={options.today} className={inputClass(Boolean(errors.date))} />}
        </Field>
        <Field label={t("fields.institution")} error={fieldError(errors.institutionId?.message)} required>
          {(p) => (
            <select {...p} {...form.register("institutionId")} className={inputClass(Boolean(errors.institutionId))}>
              <option value="">{t("form.chooseInstitution")}</option>
              {options.institutions.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.retired ? t("form.retiredOption", { name: i.name }) : i.town && !i.name.includes(i.town) ? `${i.name} (${i.town})` : i.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {options.institutions.length === 0 ? <p className="text-sm text-slate-700">{t("form.noInstitutions")}</p> : null}
        {institutionHint ? <p className="-mt-2 text-sm text-slate-700">{institutionHint}</p> : null}
        <DirectionField error={fieldError(errors.direction?.message)} />
        <Field label={t("fields.channel")} error={fieldError(errors.channel?.message)} required>
          {(p) => (
            <EnumSelect
              {...p}
              {...form.register("channel")}
              options={EXCHANGE_CHANNELS}
              namespace="cooperation.channels"
              placeholder={t("form.choose")}
              invalid={Boolean(errors.channel)}
            />
          )}
        </Field>
        <Field label={t("fields.contactPerson")} error={fieldError(errors.contactPerson?.message)}>
          {(p) => <input {...p} {...form.register("contactPerson")} autoComplete="off" className={inputClass(Boolean(errors.contactPerson))} />}
        </Field>
        <Field label={t("fields.subject")} hint={t("hints.subject")} error={fieldError(errors.subject?.message)} required>
          {(p) => <textarea {...p} {...form.register("subject")} rows={3} maxLength={SUBJECT_MAX} className={inputClass(Boolean(errors.subject))} />}
        </Field>
        <ExchangeClientField clients={clients} onFound={addClients} error={fieldError(errors.clientId?.message)} />
        <Field label={t("fields.documentReference")} error={fieldError(errors.documentReference?.message)}>
          {(p) => <input {...p} {...form.register("documentReference")} autoComplete="off" className={inputClass(Boolean(errors.documentReference))} />}
        </Field>
        <Field label={t("fields.followUpOn")} hint={t("hints.followUpOn")} error={fieldError(errors.followUpOn?.message)}>
          {(p) => <input {...p} {...form.register("followUpOn")} type="date" className={inputClass(Boolean(errors.followUpOn))} />}
        </Field>
      </FormShell>
    </FormProvider>
  );
}

/** Sent or received: two radio buttons in a labelled group, with the group's error announced with it. */
function DirectionField({ error }: { error: string | undefined }) {
  const t = useTranslations("cooperation");
  const form = useFormContext<TExchangeInput, unknown, TExchangeInput>();
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-900">
        {t("fields.direction")}
        <span aria-hidden="true" className="text-red-700"> *</span>
      </legend>
      <div className="flex flex-wrap gap-4">
        {EXCHANGE_DIRECTIONS.map((direction) => (
          <label key={direction} className="flex items-center gap-2">
            <input type="radio" value={direction} {...form.register("direction")} className="size-4" required />
            {t(`directions.${direction}`)}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** What the saved exchange's user wants next: see it where it shows, or log the next one. */
function SavedPanel({ logged, onAnother }: { logged: TLoggedExchange; onAnother: (() => void) | null }) {
  const tf = useTranslations("cooperation.form");
  const ref = useRef<HTMLDivElement>(null);
  // The form is gone: move focus to what replaced it, so keyboard and screen-reader users land on the outcome.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="flex max-w-2xl flex-col gap-3 outline-none">
      <Alert tone="success" data-testid="exchange-saved">
        {tf("saved")}
      </Alert>
      <ul className="flex flex-col gap-2">
        {logged.pathId ? (
          <li>
            <TextLink href={`/paths/${logged.pathId}?tab=timeline`}>{tf("showOnTimeline")}</TextLink>
          </li>
        ) : null}
        {logged.clientId ? (
          <li>
            <TextLink href={`/clients/${logged.clientId}`}>{tf("backToClient")}</TextLink>
          </li>
        ) : null}
      </ul>
      {onAnother ? (
        <p>
          <Button variant="secondary" onClick={onAnother}>
            {tf("another")}
          </Button>
        </p>
      ) : null}
    </div>
  );
}
