"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormProvider, useWatch } from "react-hook-form";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { useFormDraft } from "@/components/forms/use-form-draft";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { logServiceAction, updateServiceAction } from "@/lib/actions/services";
import type { TOwnServices } from "@/lib/domain/services/service";
import { useServicesDay } from "./day-services";
import { DURATION_MAX, DURATION_MIN, SERVICE_CHANNELS, ZServiceInput, type TServiceInput } from "@/lib/domain/services/schemas";
import type { TPlanActionOption } from "@/lib/domain/services/service";
import { WORK_FORMS } from "@/lib/domain/paths/schemas";
import { CatalogueSelect } from "@/components/catalogue/catalogue-select";
import type { TCatalogueOption, TSupportTypeOption } from "@/lib/domain/catalogue/names";
import { ClientPicker, type TClientOption } from "./client-picker";
import { DuplicateServiceWarning, possibleDuplicateOf, type TPossibleDuplicate } from "./duplicate-service-warning";
import { onlySelectedClientsLinks, PlanActionLinks } from "./plan-action-links";
import { ProvidersField } from "./providers-field";

export type TServiceFormOptions = {
  providers: { id: string; name: string }[];
  offices: { id: string; name: string }[];
  clients: TClientOption[];
  planActions: TPlanActionOption[];
  /** The tenant's catalogue lists (retired entries too: an edit keeps the record's own). */
  supportTypes: TSupportTypeOption[];
  specialistAreas: TCatalogueOption[];
};

/**
 * Kept in the draft beside the values: the idempotency key chosen when the form opened (a reload
 * and a resubmit still make one record), and the clients (with their plan actions) added by search.
 */
type TDraftExtra = { idempotencyKey: string; foundClients: TClientOption[]; foundActions: TPlanActionOption[] };
/** Bumped when TServiceInput or TDraftExtra change shape: older drafts are then dropped. */
const DRAFT_VERSION = 2;

const freshExtra = (): TDraftExtra => ({ idempotencyKey: crypto.randomUUID(), foundClients: [], foundActions: [] });

type TProps = {
  /** A new record, or an edit of an existing one (then `serviceId` and where to go once saved). */
  mode: { kind: "create" } | { kind: "edit"; serviceId: string; returnHref: string };
  /** The localStorage key of this form's draft: what was typed survives a reload until it is saved. */
  draftKey: string;
  defaults: TServiceInput;
  options: TServiceFormOptions;
};

/**
 * Quick entry of a service (consultation): only date, duration, type and client(s) must be filled
 * in; every control is a native input, so the whole form works from the keyboard. The draft is
 * kept in the browser until saved, and a repeated submit of one form is one record on the server
 * (the idempotency key). A likely duplicate of a saved record is a warning the user may overrule.
 */
export function ServiceForm({ mode, draftKey, defaults, options }: TProps) {
  const t = useTranslations("services");
  const tc = useTranslations("common");
  const router = useRouter();
  const day = useServicesDay();
  const [saved, setSaved] = useState<{ minutes: number; clients: number } | null>(null);
  const [duplicate, setDuplicate] = useState<TPossibleDuplicate | null>(null);
  const [extra, setExtra] = useState(freshExtra);

  function send(values: TServiceInput, confirmPossibleDuplicate: boolean) {
    setSaved(null);
    if (mode.kind === "edit") return updateServiceAction(mode.serviceId, values);
    return logServiceAction({ ...values, confirmPossibleDuplicate, idempotencyKey: extra.idempotencyKey }, day?.period);
  }

  const { form, errors, submitting, onSubmit, submitWith, formError, fieldError } = useActionForm({
    schema: ZServiceInput,
    defaultValues: defaults,
    prepare: onlySelectedClientsLinks,
    action: (values) => send(values, false),
    onSuccess: (data, values) => {
      draft.clear();
      setDuplicate(null);
      if (mode.kind === "edit") {
        router.push(mode.returnHref);
        router.refresh();
        return;
      }
      setSaved({ minutes: Number(values.durationMinutes), clients: values.clientIds.length });
      form.reset({ ...defaults, date: values.date });
      setExtra(freshExtra());
      // In the day view the answer brought the fresh list; elsewhere (a client's page) the page is re-read.
      const own = data && typeof data === "object" && "own" in data ? (data.own as TOwnServices | null) : null;
      if (day && own) day.show(own);
      else router.refresh();
    },
    // The warning stays until the next answer, so "save anyway" keeps the keyboard where it is.
    onRefusal: (failure) => {
      const earlier = possibleDuplicateOf(failure);
      setDuplicate(earlier);
      return earlier !== null;
    },
  });
  const draft = useFormDraft({ storageKey: draftKey, version: DRAFT_VERSION, form, extra, onRestore: setExtra });
  const saveAnyway = submitWith((values) => send(values, true));
  const supportType = useWatch({ control: form.control, name: "supportType" });
  // The area is asked for where the chosen type's catalogue entry says so (the service decides the same).
  const needsArea = options.supportTypes.some((type) => type.code === supportType && type.requiresSpecialistArea);

  const clients = [...options.clients, ...extra.foundClients.filter((c) => !options.clients.some((o) => o.id === c.id))];
  const actions = [...options.planActions, ...extra.foundActions.filter((a) => !options.planActions.some((o) => o.id === a.id))];

  function addFound(found: TClientOption[], foundActions: TPlanActionOption[]) {
    setExtra((current) => ({
      ...current,
      foundClients: [...current.foundClients, ...found.filter((f) => !clients.some((c) => c.id === f.id))],
      foundActions: [...current.foundActions, ...foundActions.filter((a) => !actions.some((o) => o.id === a.id))],
    }));
  }

  function discardDraft() {
    draft.clear();
    form.reset(defaults);
    setExtra(freshExtra());
  }

  return (
    <FormProvider {...form}>
      <FormShell
        onSubmit={onSubmit}
        aria-label={mode.kind === "create" ? t("newTitle") : t("editTitle")}
        error={formError}
        errorTestId="service-form-error"
        submitLabel={mode.kind === "create" ? t("submit") : tc("save")}
        submitting={submitting}
      >
        {saved ? (
          <Alert tone="success" data-testid="service-saved">
            {t("saved", { minutes: saved.minutes, clients: saved.clients })}
          </Alert>
        ) : null}
        {draft.restored ? (
          <Alert tone="info">
            {t("draftRestored")}{" "}
            <Button variant="link" onClick={discardDraft}>
              {t("discardDraft")}
            </Button>
          </Alert>
        ) : null}

        <ClientPicker clients={clients} onFound={addFound} />

        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("fields.date")} error={fieldError(errors.date?.message)} required>
            {(p) => <input {...p} {...form.register("date")} type="date" max={defaults.date} className={inputClass(Boolean(errors.date))} />}
          </Field>
          <Field label={t("fields.startTime")} error={fieldError(errors.startTime?.message)}>
            {(p) => <input {...p} {...form.register("startTime")} type="time" className={inputClass(Boolean(errors.startTime))} />}
          </Field>
          <Field label={t("fields.durationMinutes")} hint={t("durationHint")} error={fieldError(errors.durationMinutes?.message)} required>
            {(p) => (
              <input
                {...p}
                {...form.register("durationMinutes")}
                type="number"
                inputMode="numeric"
                min={DURATION_MIN}
                max={DURATION_MAX}
                step={5}
                className={inputClass(Boolean(errors.durationMinutes))}
              />
            )}
          </Field>
        </div>

        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("fields.supportType")} error={fieldError(errors.supportType?.message)} required>
            {(p) => (
              <CatalogueSelect
                {...p}
                {...form.register("supportType")}
                entries={options.supportTypes}
                kept={[defaults.supportType]}
                placeholder={t("chooseSupportType")}
                invalid={Boolean(errors.supportType)}
              />
            )}
          </Field>
          <Field label={t("fields.form")} error={fieldError(errors.form?.message)}>
            {(p) => <EnumSelect {...p} {...form.register("form")} options={WORK_FORMS} namespace="paths.workForms" invalid={Boolean(errors.form)} />}
          </Field>
          <Field label={t("fields.channel")} error={fieldError(errors.channel?.message)}>
            {(p) => <EnumSelect {...p} {...form.register("channel")} options={SERVICE_CHANNELS} namespace="services.channels" invalid={Boolean(errors.channel)} />}
          </Field>
        </div>

        {needsArea ? (
          <Field label={t("fields.specialistArea")} error={fieldError(errors.specialistArea?.message)} required>
            {(p) => (
              <CatalogueSelect
                {...p}
                {...form.register("specialistArea")}
                entries={options.specialistAreas}
                kept={[defaults.specialistArea]}
                placeholder={t("chooseArea")}
                invalid={Boolean(errors.specialistArea)}
                className="max-w-md"
              />
            )}
          </Field>
        ) : null}

        <Field label={t("fields.topic")} error={fieldError(errors.topic?.message)}>
          {(p) => <input {...p} {...form.register("topic")} type="text" maxLength={300} className={inputClass(Boolean(errors.topic))} />}
        </Field>

        <PlanActionLinks clients={clients} actions={actions} supportTypes={options.supportTypes} />

        <Field label={t("fields.notes")} error={fieldError(errors.notes?.message)}>
          {(p) => <textarea {...p} {...form.register("notes")} rows={3} className={inputClass(Boolean(errors.notes))} />}
        </Field>
        <Field label={t("fields.nextSteps")} error={fieldError(errors.nextSteps?.message)}>
          {(p) => <textarea {...p} {...form.register("nextSteps")} rows={2} className={inputClass(Boolean(errors.nextSteps))} />}
        </Field>

        <ProvidersField providers={options.providers} offices={options.offices} />

        {duplicate ? <DuplicateServiceWarning duplicate={duplicate} onConfirm={() => void saveAnyway()} busy={submitting} /> : null}
      </FormShell>
    </FormProvider>
  );
}
