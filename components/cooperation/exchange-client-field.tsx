"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { findClientsForExchangeAction } from "@/lib/actions/cooperation";
import type { TExchangeInput } from "@/lib/domain/cooperation/schemas";

export type TClientChoice = { id: string; name: string };

type TProps = {
  /** The clients offered: the caller's own, the one the form is about, then those added by search. */
  clients: TClientChoice[];
  onFound: (clients: TClientChoice[]) => void;
  error: string | undefined;
};

/** Which client the exchange concerns (optional): a choice among the caller's clients, and a search that adds others. */
export function ExchangeClientField({ clients, onFound, error }: TProps) {
  const t = useTranslations("cooperation");
  const form = useFormContext<TExchangeInput, unknown, TExchangeInput>();
  return (
    <div className="flex flex-col gap-2">
      <Field label={t("fields.client")} hint={t("hints.client")} error={error}>
        {(p) => (
          <select {...p} {...form.register("clientId")} className={inputClass(Boolean(error))}>
            <option value="">{t("form.noClient")}</option>
            {clients.map((client) => (
              <option key={client.id} value={client.id}>
                {client.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ClientSearch onFound={onFound} />
    </div>
  );
}

/** Finds clients the caller may read by name or identifier and adds them to the choice. */
function ClientSearch({ onFound }: Pick<TProps, "onFound">) {
  const tf = useTranslations("cooperation.form");
  const tc = useTranslations("common");
  const id = useId();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function search() {
    const q = query.trim();
    if (q.length < 2) {
      setStatus(tf("searchTooShort"));
      return;
    }
    setBusy(true);
    const result = await findClientsForExchangeAction(q);
    setBusy(false);
    if (!result.ok) {
      setStatus(tf("searchFailed"));
      return;
    }
    onFound(result.data.map((c) => ({ id: c.id, name: c.town ? `${c.name} (${c.town})` : c.name })));
    setStatus(tf("searchFound", { count: result.data.length }));
  }

  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex max-w-full min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-sm font-medium">
          {tf("searchClients")}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          maxLength={100}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of submitting the exchange.
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
