"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { findPersonsAction } from "@/lib/actions/privacy-requests";

export type TPersonOption = { id: string; name: string; kind: string; town: string | null; anonymised: boolean };

type TProps = {
  /** The chosen person's id, or "" for none. */
  value: string;
  onChange: (id: string) => void;
  /** Already translated message for the field, if any. */
  error?: string;
};

/**
 * The person a request concerns: a search of the centre's clients by name or PESEL/NIP (the IOD
 * sees nothing of their record here) whose matches are offered as choices, with "not identified"
 * for a request from someone not found. Enter searches instead of submitting the form.
 */
export function PersonPicker({ value, onChange, error }: TProps) {
  const t = useTranslations("privacy.requests.picker");
  const tk = useTranslations("clients.kinds");
  const id = useId();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<TPersonOption[]>([]);
  const [chosen, setChosen] = useState<TPersonOption | null>(null);
  // The chosen person stays offered when a later search does not find them again.
  const options = chosen && !found.some((p) => p.id === chosen.id) ? [chosen, ...found] : found;

  async function search() {
    const q = query.trim();
    if (q.length < 2) {
      setStatus(t("tooShort"));
      return;
    }
    setBusy(true);
    const result = await findPersonsAction(q);
    setBusy(false);
    if (!result.ok) {
      setStatus(t("failed"));
      return;
    }
    setFound(result.data.map((p) => ({ id: p.id, name: p.name, kind: p.kind, town: p.town, anonymised: p.anonymisedAt !== null })));
    setStatus(t("found", { count: result.data.length }));
  }

  function choose(person: TPersonOption | null) {
    setChosen(person);
    onChange(person?.id ?? "");
  }

  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-300 p-3" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="px-1 text-sm font-medium text-slate-900">{t("legend")}</legend>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {t("hint")}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-64 flex-col gap-1">
          <label htmlFor={`${id}-q`} className="text-sm font-medium">
            {t("search")}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            maxLength={100}
            autoComplete="off"
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
          {t("submit")}
        </Button>
      </div>
      <p role="status" className="text-sm text-slate-700">
        {status}
      </p>
      <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto">
        <li>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${id}-person`} className="size-4" checked={value === ""} onChange={() => choose(null)} />
            {t("none")}
          </label>
        </li>
        {options.map((person) => (
          <li key={person.id}>
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name={`${id}-person`} className="mt-0.5 size-4" checked={value === person.id} onChange={() => choose(person)} />
              <span>
                <span className="font-medium">{person.name}</span>
                <span className="text-slate-700">
                  {" "}
                  · {tk(person.kind)}
                  {person.town ? ` · ${person.town}` : ""}
                  {person.anonymised ? ` · ${t("anonymised")}` : ""}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
