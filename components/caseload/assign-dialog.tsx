"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, useContext, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { assignClientAction } from "@/lib/actions/caseload";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import type { TAdvisorCaseload } from "@/lib/domain/caseload/board";
import { ZAssignClientInput, type TAssignClientInput } from "@/lib/domain/caseload/schemas";
import { LoadText } from "./load-bar";

/** The client the dialog acts on. */
export type TAssignTarget = { id: string; name: string; currentAdvisorId: string | null };

type TAssignContext = { openFor: (client: TAssignTarget) => void };
const AssignContext = createContext<TAssignContext | null>(null);

/**
 * Holds the one assign dialog of a page and the advisors it offers, so a queue of many clients
 * ships the advisor list once; {@link AssignClientButton}s inside open it for their client.
 */
export function AssignDialogProvider({ advisors, children }: { advisors: TAdvisorCaseload[]; children: React.ReactNode }) {
  const t = useTranslations("caseload.assign");
  const router = useRouter();
  const [client, setClient] = useState<TAssignTarget | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <AssignContext.Provider
      value={{
        openFor: (next) => {
          setDone(null);
          setClient(next);
        },
      }}
    >
      {done ? (
        <Alert tone="success" className="mb-4" data-testid="assign-done">
          {done}
        </Alert>
      ) : null}
      {children}
      <AssignDialog
        client={client}
        advisors={advisors}
        onClose={() => setClient(null)}
        onAssigned={(clientName, advisorName) => {
          setClient(null);
          setDone(t("done", { client: clientName, advisor: advisorName }));
          router.refresh();
        }}
      />
    </AssignContext.Provider>
  );
}

/** Opens the page's assign dialog for one client; `label` is the visible text, the client's name is added for screen readers. */
export function AssignClientButton({ client, label, variant = "secondary" }: { client: TAssignTarget; label: string; variant?: "primary" | "secondary" }) {
  const context = useContext(AssignContext);
  if (!context) throw new Error("AssignClientButton must be inside AssignDialogProvider");
  return (
    <Button variant={variant} onClick={() => context.openFor(client)}>
      {label}
      <span className="sr-only"> — {client.name}</span>
    </Button>
  );
}

type TDialogProps = {
  client: TAssignTarget | null;
  advisors: TAdvisorCaseload[];
  onClose: () => void;
  onAssigned: (clientName: string, advisorName: string) => void;
};

function AssignDialog({ client, advisors, onClose, onAssigned }: TDialogProps) {
  const t = useTranslations("caseload.assign");
  const tc = useTranslations("common");
  return (
    <Dialog
      open={client !== null}
      onClose={onClose}
      title={client ? t(client.currentAdvisorId ? "titleChange" : "title", { client: client.name }) : t("titleEmpty")}
      closeLabel={t("close")}
      description={t("description")}
    >
      {client ? (
        <AssignForm key={client.id} client={client} advisors={advisors} onCancel={onClose} onAssigned={onAssigned} cancelLabel={tc("cancel")} />
      ) : null}
    </Dialog>
  );
}

type TFormProps = {
  client: TAssignTarget;
  advisors: TAdvisorCaseload[];
  onCancel: () => void;
  onAssigned: (clientName: string, advisorName: string) => void;
  cancelLabel: string;
};

function AssignForm({ client, advisors, onCancel, onAssigned, cancelLabel }: TFormProps) {
  const t = useTranslations("caseload.assign");
  const tl = useTranslations("caseload.load");
  const [query, setQuery] = useState("");
  const groupId = useId();
  const errorId = useId();
  const filterId = useId();
  // `raw`: the form keeps what the user chose; the service parses the same schema again.
  const form = useForm<TAssignClientInput, unknown, TAssignClientInput>({
    resolver: zodResolver(ZAssignClientInput, undefined, { raw: true }),
    defaultValues: { clientId: client.id, advisorId: "", reason: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const advisorError = fieldError(form.formState.errors.advisorId?.message);
  const reasonError = form.formState.errors.reason?.message;

  const needle = query.trim().toLocaleLowerCase("pl");
  const shown = needle
    ? advisors.filter((a) => [a.name, a.partnerName, a.officeName].some((v) => v?.toLocaleLowerCase("pl").includes(needle)))
    : advisors;

  const onSubmit = form.handleSubmit(async (values) => {
    // The list may be stale: the server decides, under its lock, whether the advisor still has room.
    const result = await assignClientAction(values);
    if (!apply(result)) return;
    const advisor = advisors.find((a) => a.id === values.advisorId);
    onAssigned(client.name, advisor?.name ?? "");
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? (
        <Alert tone="error" data-testid="assign-error">
          {formError}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={filterId} className="text-sm font-medium">
          {t("filter")}
        </label>
        <input id={filterId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} className={inputClass()} />
      </div>
      <fieldset aria-describedby={advisorError ? errorId : undefined} className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">
          {t("advisor")}
          <span aria-hidden="true" className="text-red-700"> *</span>
        </legend>
        {shown.length === 0 ? <p className="text-sm">{t("noAdvisors")}</p> : null}
        <ul className="flex max-h-72 flex-col gap-1 overflow-y-auto rounded-md border border-slate-300 p-2">
          {shown.map((advisor) => {
            const current = advisor.id === client.currentAdvisorId;
            const unavailable = advisor.full || current;
            const inputId = `${groupId}-${advisor.id}`;
            return (
              <li key={advisor.id}>
                <label
                  htmlFor={inputId}
                  className={cn("flex items-start gap-3 rounded-md px-2 py-2", unavailable ? "text-slate-600" : "cursor-pointer hover:bg-slate-100")}
                >
                  <input
                    id={inputId}
                    type="radio"
                    value={advisor.id}
                    disabled={unavailable}
                    className="mt-1 size-4"
                    {...form.register("advisorId")}
                  />
                  <span className="flex flex-col">
                    <span className="font-medium text-slate-900">{advisor.name}</span>
                    <span className="text-sm">
                      {[advisor.partnerName, advisor.officeName].filter(Boolean).join(", ") || t("noUnit")}
                      {" · "}
                      <LoadText load={advisor.load} limit={advisor.limit} />
                      {current ? <strong className="font-semibold"> {t("current")}</strong> : null}
                      {advisor.full && !current ? (
                        <strong className="font-semibold text-red-800"> {advisor.overLimit ? tl("overLimitNote") : tl("fullNote")}</strong>
                      ) : null}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {advisorError ? (
          <p id={errorId} className="text-sm font-medium text-red-700">
            {advisorError}
          </p>
        ) : null}
      </fieldset>
      <Field label={t("reason")} hint={t("reasonHint")} error={fieldError(reasonError)}>
        {(p) => <textarea {...p} {...form.register("reason")} rows={3} className={inputClass(Boolean(reasonError))} />}
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("submitting") : t("submit")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
      </div>
    </form>
  );
}
