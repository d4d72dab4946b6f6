"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { findClientsForServiceAction, logServiceAction, updateServiceAction } from "@/app/(app)/services/actions";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { SPECIALIST_AREAS, SUPPORT_TYPES, WORK_FORMS } from "@/lib/domain/paths/schemas";
import { DURATION_MAX, DURATION_MIN, SERVICE_CHANNELS, ZServiceInput, type TServiceInput } from "@/lib/domain/consultations/schemas";
import type { TPlanActionOption } from "@/lib/domain/consultations/service";

type TClientOption = { id: string; name: string };

/** The form's values as typed (the schema parses and coerces them again on the server). */
export type TServiceFormValues = {
  date: string;
  startTime: string;
  durationMinutes: string;
  form: (typeof WORK_FORMS)[number];
  channel: (typeof SERVICE_CHANNELS)[number];
  supportType: (typeof SUPPORT_TYPES)[number] | "";
  specialistArea: (typeof SPECIALIST_AREAS)[number] | "";
  topic: string;
  notes: string;
  nextSteps: string;
  clientIds: string[];
  providerIds: string[];
  planActionIds: Record<string, string>;
  officeId: string;
};

export type TServiceFormOptions = {
  providers: { id: string; name: string }[];
  offices: { id: string; name: string }[];
  clients: TClientOption[];
  planActions: TPlanActionOption[];
};

/**
 * The form's whole state, and so its draft: the values, the idempotency key chosen when the form
 * opened, the clients (and their plan actions) added by search, and whether a draft was restored.
 */
type TFormState = TServiceFormValues & {
  idempotencyKey: string;
  extraClients: TClientOption[];
  extraActions: TPlanActionOption[];
  draftRestored: boolean;
};

type TProps = {
  /** A new record, or an edit of an existing one (then `serviceId` and where to go once saved). */
  mode: { kind: "create" } | { kind: "edit"; serviceId: string; returnHref: string };
  /** The localStorage key of this form's draft: what was typed survives a reload until it is saved. */
  draftKey: string;
  defaults: TServiceFormValues;
  options: TServiceFormOptions;
};

const newKey = () => crypto.randomUUID();

/**
 * Quick entry of a service (consultation): only date, duration, type and client(s) must be filled
 * in; every control is a native input, so the whole form works from the keyboard. The draft is
 * kept in the browser until saved, and a repeated submit of one form is one record on the server
 * (the idempotency key chosen when the form opened).
 */
export function ServiceForm({ mode, draftKey, defaults, options }: TProps) {
  const t = useTranslations("services");
  const tp = useTranslations("paths");
  const tc = useTranslations("common");
  const router = useRouter();
  const idBase = useId();
  const [saved, setSaved] = useState<{ minutes: number; clients: number } | null>(null);
  const [firstKey] = useState(newKey);
  const fresh = (values: TServiceFormValues, idempotencyKey: string): TFormState => ({
    ...values,
    idempotencyKey,
    extraClients: [],
    extraActions: [],
    draftRestored: false,
  });

  const form = useForm<TFormState, unknown, TFormState>({
    // The schema checks the typed values and ignores the draft's bookkeeping fields, which its
    // input type does not list.
    resolver: zodResolver(ZServiceInput, undefined, { raw: true }) as unknown as Resolver<TFormState>,
    defaultValues: fresh(defaults, firstKey),
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;
  const values = useWatch({ control: form.control }) as TFormState;
  const isDirty = form.formState.isDirty;
  const selected = values.clientIds ?? [];
  const extraClients = values.extraClients ?? [];
  const clients = [...options.clients, ...extraClients.filter((c) => !options.clients.some((o) => o.id === c.id))];
  const actions = [...options.planActions, ...(values.extraActions ?? [])];

  // Restore a draft once, after hydration (localStorage exists only in the browser): the server
  // cannot render it, so it comes in as a reset of the form.
  useEffect(() => {
    const raw = window.localStorage.getItem(draftKey);
    if (!raw) return;
    try {
      form.reset({ ...(JSON.parse(raw) as TFormState), draftRestored: true });
    } catch {
      window.localStorage.removeItem(draftKey);
    }
  }, [draftKey, form]);

  // Keep the draft as the user types (an untouched form leaves a stored draft alone).
  useEffect(() => {
    if (isDirty) window.localStorage.setItem(draftKey, JSON.stringify(values));
  }, [values, isDirty, draftKey]);

  function discardDraft() {
    window.localStorage.removeItem(draftKey);
    form.reset(fresh(defaults, newKey()));
  }

  function toggle(field: "clientIds" | "providerIds", id: string, on: boolean) {
    const current = form.getValues(field) ?? [];
    const next = on ? [...current.filter((v) => v !== id), id] : current.filter((v) => v !== id);
    form.setValue(field, next, { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
  }

  const onSubmit = form.handleSubmit(async (submitted) => {
    setSaved(null);
    // Links only for the clients still selected.
    const { idempotencyKey, extraClients: _clients, extraActions: _actions, draftRestored: _restored, ...typed } = submitted;
    const planActionIds = Object.fromEntries(Object.entries(typed.planActionIds ?? {}).filter(([clientId, id]) => id && typed.clientIds.includes(clientId)));
    // The resolver has checked the values (a type is chosen); the server parses them again.
    const input = { ...typed, planActionIds } as TServiceInput;
    if (mode.kind === "edit") {
      const result = await updateServiceAction(mode.serviceId, input);
      if (!apply(result)) return;
      window.localStorage.removeItem(draftKey);
      router.push(mode.returnHref);
      router.refresh();
      return;
    }
    const result = await logServiceAction({ ...input, idempotencyKey });
    if (!apply(result)) return;
    window.localStorage.removeItem(draftKey);
    setSaved({ minutes: Number(submitted.durationMinutes), clients: submitted.clientIds.length });
    form.reset(fresh({ ...defaults, date: submitted.date }, newKey()));
    router.refresh();
  });

  const clientsError = fieldError(errors.clientIds?.message ?? (errors.clientIds as { root?: { message?: string } } | undefined)?.root?.message);
  const providerError = fieldError(errors.providerIds?.message);

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label={mode.kind === "create" ? t("newTitle") : t("editTitle")}>
      <p className="text-sm text-slate-700">{tc("requiredHint")}</p>
      {formError ? (
        <Alert tone="error" data-testid="service-form-error">
          {formError}
        </Alert>
      ) : null}
      {saved ? (
        <Alert tone="success" data-testid="service-saved">
          {t("saved", { minutes: saved.minutes, clients: saved.clients })}
        </Alert>
      ) : null}
      {values.draftRestored ? (
        <Alert tone="info">
          {t("draftRestored")}{" "}
          <Button variant="link" onClick={discardDraft}>
            {t("discardDraft")}
          </Button>
        </Alert>
      ) : null}

      <fieldset className="rounded-md border border-slate-300 p-3" aria-describedby={clientsError ? `${idBase}-clients-error` : undefined}>
        <legend className="px-1 text-sm font-medium text-slate-900">
          {t("fields.clients")}
          <span aria-hidden="true" className="text-red-700"> *</span>
        </legend>
        {clients.length === 0 ? <p className="text-sm text-slate-700">{t("noClientsYet")}</p> : null}
        <ul className="flex max-h-56 flex-col gap-1 overflow-y-auto">
          {clients.map((client) => (
            <li key={client.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={selected.includes(client.id)}
                  onChange={(e) => toggle("clientIds", client.id, e.target.checked)}
                  aria-invalid={Boolean(clientsError)}
                />
                {client.name}
              </label>
            </li>
          ))}
        </ul>
        {clientsError ? (
          <p id={`${idBase}-clients-error`} className="mt-1 text-sm font-medium text-red-700">
            {clientsError}
          </p>
        ) : null}
        <ClientSearch
          onFound={(found, foundActions) => {
            const known = (id: string) => clients.some((c) => c.id === id);
            const knownAction = (id: string) => actions.some((a) => a.id === id);
            form.setValue("extraClients", [...extraClients, ...found.filter((f) => !known(f.id))], { shouldDirty: true });
            form.setValue("extraActions", [...(values.extraActions ?? []), ...foundActions.filter((a) => !knownAction(a.id))], { shouldDirty: true });
          }}
        />
      </fieldset>

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
            <select {...p} {...form.register("supportType")} className={inputClass(Boolean(errors.supportType))}>
              <option value="">{t("chooseSupportType")}</option>
              {SUPPORT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {tp(`supportTypes.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("fields.form")} error={fieldError(errors.form?.message)}>
          {(p) => (
            <select {...p} {...form.register("form")} className={inputClass(Boolean(errors.form))}>
              {WORK_FORMS.map((f) => (
                <option key={f} value={f}>
                  {tp(`workForms.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("fields.channel")} error={fieldError(errors.channel?.message)}>
          {(p) => (
            <select {...p} {...form.register("channel")} className={inputClass(Boolean(errors.channel))}>
              {SERVICE_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channels.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      {values.supportType === "SPECIALIST_ADVISORY" ? (
        <Field label={t("fields.specialistArea")} error={fieldError(errors.specialistArea?.message)} required>
          {(p) => (
            <select {...p} {...form.register("specialistArea")} className={cn(inputClass(Boolean(errors.specialistArea)), "max-w-md")}>
              <option value="">{t("chooseArea")}</option>
              {SPECIALIST_AREAS.map((area) => (
                <option key={area} value={area}>
                  {tp(`specialistAreas.${area}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}

      <Field label={t("fields.topic")} error={fieldError(errors.topic?.message)}>
        {(p) => <input {...p} {...form.register("topic")} type="text" maxLength={300} className={inputClass(Boolean(errors.topic))} />}
      </Field>

      {selected.map((clientId) => {
        const own = actions.filter((a) => a.clientId === clientId);
        if (own.length === 0) return null;
        const name = clients.find((c) => c.id === clientId)?.name ?? "";
        const error = (errors.planActionIds as Record<string, { message?: string }> | undefined)?.[clientId]?.message;
        return (
          <Field key={clientId} label={t("fields.planAction", { client: name })} error={fieldError(error)}>
            {(p) => (
              <select {...p} {...form.register(`planActionIds.${clientId}`)} className={inputClass(Boolean(error))}>
                <option value="">{t("noPlanAction")}</option>
                {own.map((a) => (
                  <option key={a.id} value={a.id}>
                    {`${a.position + 1}. ${tp(`supportTypes.${a.supportType}`)} — ${a.description}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      })}

      <Field label={t("fields.notes")} error={fieldError(errors.notes?.message)}>
        {(p) => <textarea {...p} {...form.register("notes")} rows={3} className={inputClass(Boolean(errors.notes))} />}
      </Field>
      <Field label={t("fields.nextSteps")} error={fieldError(errors.nextSteps?.message)}>
        {(p) => <textarea {...p} {...form.register("nextSteps")} rows={2} className={inputClass(Boolean(errors.nextSteps))} />}
      </Field>

      <details className="rounded-md border border-slate-300 p-3" open={Boolean(providerError) || undefined}>
        <summary className="cursor-pointer text-sm font-medium">
          {t("fields.providers")}: {values.providerIds?.length ? options.providers.filter((u) => values.providerIds.includes(u.id)).map((u) => u.name).join(", ") : t("providersDefault")}
        </summary>
        <fieldset className="mt-2">
          <legend className="text-sm text-slate-700">{t("providersHint")}</legend>
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {options.providers.map((user) => (
              <li key={user.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={values.providerIds?.includes(user.id) ?? false}
                    onChange={(e) => toggle("providerIds", user.id, e.target.checked)}
                  />
                  {user.name}
                </label>
              </li>
            ))}
          </ul>
          {providerError ? <p className="mt-1 text-sm font-medium text-red-700">{providerError}</p> : null}
        </fieldset>
        <div className="mt-3 max-w-md">
          <Field label={t("fields.office")} error={fieldError(errors.officeId?.message)}>
            {(p) => (
              <select {...p} {...form.register("officeId")} className={inputClass(Boolean(errors.officeId))}>
                <option value="">{tc("none")}</option>
                {options.offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </details>

      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : mode.kind === "create" ? t("submit") : tc("save")}
        </Button>
      </div>
    </form>
  );
}

/** Finds more clients by name or identifier and offers them as further checkboxes. */
function ClientSearch({ onFound }: { onFound: (clients: TClientOption[], actions: TPlanActionOption[]) => void }) {
  const t = useTranslations("services");
  const tc = useTranslations("common");
  const id = useId();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function search() {
    const q = query.trim();
    if (q.length < 2) {
      setStatus(t("searchTooShort"));
      return;
    }
    setBusy(true);
    const result = await findClientsForServiceAction(q);
    setBusy(false);
    if (!result.ok) {
      setStatus(t("searchFailed"));
      return;
    }
    onFound(result.data.clients, result.data.planActions);
    setStatus(t("searchFound", { count: result.data.clients.length }));
  }

  return (
    <div className="mt-3 flex flex-wrap items-end gap-2">
      <div className="flex min-w-64 flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-sm font-medium">
          {t("searchClients")}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          maxLength={100}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of submitting the service.
            if (e.key === "Enter") {
              e.preventDefault();
              void search();
            }
          }}
          className={inputClass()}
        />
      </div>
      <Button variant="secondary" onClick={() => void search()} disabled={busy}>
        {tc("search")}
      </Button>
      <p role="status" className="w-full text-sm text-slate-700">
        {status}
      </p>
    </div>
  );
}
