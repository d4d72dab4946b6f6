"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { useFieldError } from "@/components/forms/use-action-errors";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { findClientsForServiceAction } from "@/lib/actions/services";
import type { TServiceInput } from "@/lib/domain/services/schemas";
import type { TPlanActionOption } from "@/lib/domain/services/service";
import { toggleIn } from "./toggle";

export type TClientOption = { id: string; name: string };

type TProps = {
  /** The clients offered as checkboxes: the caller's own, then those added by search. */
  clients: TClientOption[];
  /** Search found more clients (and the plan actions of their open paths). */
  onFound: (clients: TClientOption[], actions: TPlanActionOption[]) => void;
};

/** Who took part: a checkbox per client, and a search that adds further clients to the list. */
export function ClientPicker({ clients, onFound }: TProps) {
  const t = useTranslations("services");
  const idBase = useId();
  const fieldError = useFieldError();
  const form = useFormContext<TServiceInput, unknown, TServiceInput>();
  const selected = useWatch({ control: form.control, name: "clientIds" });
  const { error } = form.getFieldState("clientIds", form.formState);
  const message = fieldError(error?.message ?? error?.root?.message);

  function toggle(id: string, on: boolean) {
    form.setValue("clientIds", toggleIn(form.getValues("clientIds"), id, on), { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
  }

  return (
    <fieldset className="rounded-md border border-slate-300 p-3" aria-describedby={message ? `${idBase}-clients-error` : undefined}>
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
                onChange={(e) => toggle(client.id, e.target.checked)}
                aria-invalid={Boolean(message)}
              />
              {client.name}
            </label>
          </li>
        ))}
      </ul>
      {message ? (
        <p id={`${idBase}-clients-error`} className="mt-1 text-sm font-medium text-red-700">
          {message}
        </p>
      ) : null}
      <ClientSearch onFound={onFound} />
    </fieldset>
  );
}

/** Finds more clients by name or identifier and offers them as further checkboxes. */
function ClientSearch({ onFound }: Pick<TProps, "onFound">) {
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
