"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { findRegistrationCandidatesAction, registerPersonAction } from "@/lib/actions/registrations";
import type { TRegistrationCandidate } from "@/lib/domain/events/registration-candidates";
import { RegistrationPerson, TrainingCount } from "./registration-person";

type TCandidateState = {
  busy?: boolean;
  /** The refusal, translated, shown next to the person. */
  error?: string;
  /** The person is at the training limit: a holder of events.limit_exception may admit them with a reason. */
  overLimit?: boolean;
  reason?: string;
  reasonError?: string;
};

/**
 * "Zapisz osobę": find a person by name among the caller's clients (individuals, representatives,
 * members) and register them with one button. A refusal shows next to the person; a person at the
 * training limit can be admitted by a manager with a written reason ("Dopuść mimo limitu").
 */
export function RegistrationSearch({
  eventId,
  canGrantException,
  onRegistered,
}: {
  eventId: string;
  canGrantException: boolean;
  /** A registration landed: the sentence to announce (the caller refreshes the page). */
  onRegistered: (message: string) => void;
}) {
  const t = useTranslations("events.registrations.register");
  const te = useTranslations("errors");
  const id = useId();
  const [query, setQuery] = useState("");
  const [queryError, setQueryError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [searching, setSearching] = useState(false);
  const [candidates, setCandidates] = useState<TRegistrationCandidate[] | null>(null);
  const [limit, setLimit] = useState<{ limit: number; year: number } | null>(null);
  const [states, setStates] = useState<Record<string, TCandidateState>>({});
  // After a refusal, focus moves to what the user does next — the reason field, or the message
  // itself — once the render showing it is committed.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const patch = (key: string, next: TCandidateState) => setStates((all) => ({ ...all, [key]: { ...all[key], ...next } }));
  const domId = (candidate: TRegistrationCandidate, part: string) => `${id}-${candidate.key.replace(":", "-")}-${part}`;

  async function search(event: React.FormEvent) {
    event.preventDefault();
    if (query.trim().length < 2) {
      setQueryError(t("tooShort"));
      return;
    }
    setQueryError(null);
    setSearching(true);
    const result = await findRegistrationCandidatesAction(eventId, { q: query });
    setSearching(false);
    if (!result.ok) {
      setStatus(result.fieldErrors.q ? t("tooShort") : t("failed"));
      return;
    }
    setCandidates(result.data.items);
    setLimit(result.data.limit);
    setStates({});
    setStatus(result.data.items.length === 0 ? t("noneFound") : t("found", { count: result.data.items.length }));
  }

  async function register(candidate: TRegistrationCandidate, exceptionReason?: string) {
    if (exceptionReason !== undefined && !exceptionReason.trim()) {
      patch(candidate.key, { reasonError: t("reasonRequired") });
      focusNext.current = domId(candidate, "reason");
      return;
    }
    patch(candidate.key, { busy: true, reasonError: undefined });
    const person = candidate.personClientId !== null ? { personClientId: candidate.personClientId } : { clientPersonId: candidate.clientPersonId ?? "" };
    const result = await registerPersonAction(eventId, exceptionReason === undefined ? person : { ...person, exceptionReason });
    if (result.ok) {
      patch(candidate.key, { busy: false, error: undefined, overLimit: false });
      setCandidates((list) => list?.map((c) => (c.key === candidate.key ? { ...c, alreadyRegistered: true } : c)) ?? null);
      const { status: placed, position, byException } = result.data;
      onRegistered(
        placed === "WAITING"
          ? t("waiting", { person: candidate.name, position: position ?? 0 })
          : byException
            ? t("admitted", { person: candidate.name })
            : t("registered", { person: candidate.name }),
      );
      return;
    }
    const overLimit = result.code === "TRAINING_LIMIT_REACHED";
    const error = result.code === "ALREADY_EXISTS" ? t("alreadyRegistered", { person: candidate.name }) : te(result.code, result.params);
    patch(candidate.key, { busy: false, error, overLimit });
    focusNext.current = overLimit && canGrantException ? domId(candidate, "reason") : domId(candidate, "error");
  }

  return (
    <section aria-labelledby={`${id}-title`} className="mt-6 rounded-md border border-slate-300 p-4">
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {t("title")}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{t("hint")}</p>
      <form role="search" aria-labelledby={`${id}-title`} onSubmit={(e) => void search(e)} noValidate className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <Field label={t("query")} error={queryError ?? undefined}>
            {(p) => <input {...p} type="search" value={query} maxLength={100} autoComplete="off" onChange={(e) => setQuery(e.target.value)} className={inputClass(Boolean(queryError))} />}
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={searching}>
          {searching ? t("searching") : t("search")}
        </Button>
      </form>
      <p role="status" className="mt-2 text-sm text-slate-700">
        {status}
      </p>
      {candidates && candidates.length > 0 ? (
        <ul aria-label={t("resultsLabel")} className="mt-2 flex flex-col divide-y divide-slate-200">
          {candidates.map((candidate) => {
            const state = states[candidate.key] ?? {};
            const errorId = domId(candidate, "error");
            return (
              <li key={candidate.key} className="flex flex-col gap-2 py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0 text-sm">
                    <RegistrationPerson name={candidate.name} kind={candidate.kind} client={candidate.client} canOpenClient={false} />
                    {limit && candidate.count !== null ? (
                      <span className="block">
                        <TrainingCount count={candidate.count} limit={limit.limit} />
                      </span>
                    ) : null}
                  </div>
                  {candidate.alreadyRegistered ? (
                    <span className="text-sm font-medium text-green-800">{t("already")}</span>
                  ) : (
                    <Button
                      className="px-3 py-1"
                      onClick={() => void register(candidate)}
                      disabled={state.busy}
                      aria-label={t("submitLabel", { person: candidate.name })}
                      aria-describedby={state.error ? errorId : undefined}
                    >
                      {state.busy ? t("submitting") : t("submit")}
                    </Button>
                  )}
                </div>
                {state.error && !candidate.alreadyRegistered ? (
                  <p id={errorId} tabIndex={-1} className="rounded-md border-l-4 border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
                    {state.error}
                  </p>
                ) : null}
                {state.overLimit && canGrantException && !candidate.alreadyRegistered ? (
                  <ExceptionForm
                    inputId={domId(candidate, "reason")}
                    reason={state.reason ?? ""}
                    error={state.reasonError}
                    busy={Boolean(state.busy)}
                    describedBy={errorId}
                    onChange={(reason) => patch(candidate.key, { reason })}
                    onSubmit={() => void register(candidate, state.reason ?? "")}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

/** A manager's written reason for admitting a person over the limit, and the button that re-submits with it. */
function ExceptionForm(props: {
  inputId: string;
  reason: string;
  error: string | undefined;
  busy: boolean;
  describedBy: string;
  onChange: (reason: string) => void;
  onSubmit: () => void;
}) {
  const t = useTranslations("events.registrations.register");
  const errorId = `${props.inputId}-error`;
  const hintId = `${props.inputId}-hint`;
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={props.inputId} className="text-sm font-medium text-slate-900">
        {t("exceptionReason")}
        <span aria-hidden="true" className="text-red-700"> *</span>
      </label>
      <textarea
        id={props.inputId}
        value={props.reason}
        onChange={(e) => props.onChange(e.target.value)}
        rows={2}
        maxLength={500}
        aria-required
        aria-invalid={Boolean(props.error)}
        aria-describedby={[hintId, props.error ? errorId : null, props.describedBy].filter(Boolean).join(" ")}
        className={inputClass(Boolean(props.error))}
      />
      <p id={hintId} className="text-sm text-slate-600">
        {t("exceptionHint")}
      </p>
      {props.error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {props.error}
        </p>
      ) : null}
      <div>
        <Button variant="danger" onClick={props.onSubmit} disabled={props.busy}>
          {props.busy ? t("submitting") : t("admit")}
        </Button>
      </div>
    </div>
  );
}
