"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useWatch } from "react-hook-form";
import { FormSection } from "@/components/forms/form-section";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { correctEvidenceAction, findClientsForEvidenceAction, registerEvidenceAction } from "@/lib/actions/indicators";
import { KPRES_SPHERES } from "@/lib/domain/clients/schemas";
import { ZEvidenceInput, type TEvidenceInput } from "@/lib/domain/indicators/schemas";
import { useEvidenceFieldError } from "./use-evidence-field-error";

type TChoice = { id: string; name: string };
type TProps = {
  indicators: (TChoice & { evidenceKind: string; active: boolean })[];
  clients: TChoice[];
  today: string;
} & ({ mode: "create" } | { mode: "edit"; id: string; defaults: TEvidenceInput });

/** Registers a piece of evidence for an indicator counted by hand, or corrects one. */
export function EvidenceForm(props: TProps) {
  const t = useTranslations("indicatorEvidence");
  const tc = useTranslations("common");
  const fieldError = useEvidenceFieldError();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [clients, setClients] = useState(props.clients);
  const empty: TEvidenceInput = {
    indicatorId: props.indicators.filter((i) => i.active).length === 1 ? (props.indicators[0]?.id ?? "") : "",
    documentKind: "",
    documentDate: props.today,
    reference: "",
    quantity: "1",
    clientId: "",
    spheresFromClient: true,
    kpresSpheres: [],
    description: "",
  };
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TEvidenceInput, { id: string }>({
    schema: ZEvidenceInput,
    defaultValues: props.mode === "edit" ? props.defaults : empty,
    action: (values) => {
      setSaved(false);
      return props.mode === "create" ? registerEvidenceAction(values) : correctEvidenceAction(props.id, values);
    },
    onSuccess: (data) => {
      if (props.mode === "create") {
        router.push(`/indicators/evidence/${data.id}`);
        return;
      }
      setSaved(true);
      router.refresh();
    },
  });
  const [clientId, spheresFromClient] = useWatch({ control: form.control, name: ["clientId", "spheresFromClient"] });
  const fromClient = Boolean(clientId) && spheresFromClient;
  const offered = props.mode === "create" ? props.indicators.filter((i) => i.active) : props.indicators;

  return (
    <FormShell
      onSubmit={onSubmit}
      className="max-w-xl"
      error={formError}
      submitLabel={props.mode === "create" ? t("form.register") : t("form.correct")}
      submitting={submitting}
    >
      {saved ? <Alert tone="success">{tc("saved")}</Alert> : null}
      <Field label={t("fields.indicator")} hint={t("hints.indicator")} error={fieldError(errors.indicatorId?.message)} required>
        {(p) => (
          <select {...p} {...form.register("indicatorId")} className={inputClass(Boolean(errors.indicatorId))}>
            <option value="">{t("form.choose")}</option>
            {offered.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("fields.documentKind")} hint={t("hints.documentKind")} error={fieldError(errors.documentKind?.message)} required>
        {(p) => <input {...p} {...form.register("documentKind")} autoComplete="off" className={inputClass(Boolean(errors.documentKind))} />}
      </Field>
      <Field label={t("fields.documentDate")} hint={t("hints.documentDate")} error={fieldError(errors.documentDate?.message)} required>
        {(p) => <input {...p} {...form.register("documentDate")} type="date" max={props.today} className={inputClass(Boolean(errors.documentDate))} />}
      </Field>
      <Field label={t("fields.reference")} error={fieldError(errors.reference?.message)} required>
        {(p) => <input {...p} {...form.register("reference")} autoComplete="off" className={inputClass(Boolean(errors.reference))} />}
      </Field>
      <Field label={t("fields.quantity")} hint={t("hints.quantity")} error={fieldError(errors.quantity?.message)} required>
        {(p) => (
          <input {...p} {...form.register("quantity")} inputMode="numeric" autoComplete="off" className={inputClass(Boolean(errors.quantity)) + " max-w-32"} />
        )}
      </Field>
      <div className="flex flex-col gap-2">
        <Field label={t("fields.client")} hint={t("hints.client")} error={fieldError(errors.clientId?.message)}>
          {(p) => (
            <select {...p} {...form.register("clientId")} className={inputClass(Boolean(errors.clientId))}>
              <option value="">{t("form.noClient")}</option>
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ClientSearch onFound={(found) => setClients((old) => [...old, ...found.filter((f) => !old.some((o) => o.id === f.id))])} />
      </div>
      <FormSection legend={t("fields.kpresSpheres")} hint={t("hints.kpresSpheres")} error={fieldError(errors.kpresSpheres?.message)}>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register("spheresFromClient")} disabled={!clientId} />
          {t("form.spheresFromClient")}
        </label>
        {KPRES_SPHERES.map((sphere) => (
          <label key={sphere} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={sphere} {...form.register("kpresSpheres")} disabled={fromClient} />
            {t(`spheres.${sphere}`)}
          </label>
        ))}
      </FormSection>
      <Field label={t("fields.description")} error={fieldError(errors.description?.message)}>
        {(p) => <textarea {...p} {...form.register("description")} rows={3} className={inputClass(Boolean(errors.description))} />}
      </Field>
    </FormShell>
  );
}

/** Finds clients the caller may read by name or identifier and adds them to the choice. */
function ClientSearch({ onFound }: { onFound: (clients: TChoice[]) => void }) {
  const tsearch = useTranslations("indicatorEvidence.search");
  const id = useId();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function search() {
    const q = query.trim();
    if (q.length < 2) {
      setStatus(tsearch("tooShort"));
      return;
    }
    setBusy(true);
    const result = await findClientsForEvidenceAction(q);
    setBusy(false);
    if (!result.ok) {
      setStatus(tsearch("failed"));
      return;
    }
    onFound(result.data);
    setStatus(tsearch("found", { count: result.data.length }));
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          {tsearch("label")}
        </label>
        <input
          id={id}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void search();
            }
          }}
          className={inputClass()}
        />
      </div>
      <Button variant="secondary" onClick={() => void search()} disabled={busy}>
        {tsearch("submit")}
      </Button>
      <p role="status" className="w-full text-sm text-slate-700">
        {status}
      </p>
    </div>
  );
}
