"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { handoverClientsAction } from "@/lib/actions/caseload";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import type { TAdvisorCaseload } from "@/lib/domain/caseload/board";
import type { THandoverSummary } from "@/lib/domain/caseload/handover";
import { ZHandoverInput } from "@/lib/domain/caseload/schemas";
import { LoadText } from "./load-bar";

/** The service's schema, with the leaving advisor required before the form is sent. */
const ZHandoverForm = ZHandoverInput.extend({ fromAdvisorId: z.string().min(1, "required") });
type THandoverForm = z.input<typeof ZHandoverForm>;

/**
 * The manager's handover: the leaving advisor, the receiving advisors in order of preference
 * (the order they are ticked in, adjustable), a reason; then the summary of what moved and what
 * did not.
 */
export function HandoverForm({ advisors }: { advisors: TAdvisorCaseload[] }) {
  const t = useTranslations("caseload.handover");
  const tl = useTranslations("caseload.load");
  const router = useRouter();
  const [summary, setSummary] = useState<THandoverSummary | null>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const groupErrorId = useId();
  const form = useForm<THandoverForm, unknown, THandoverForm>({
    resolver: zodResolver(ZHandoverForm, undefined, { raw: true }),
    defaultValues: { fromAdvisorId: "", toAdvisorIds: [], reason: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;
  const fromId = useWatch({ control: form.control, name: "fromAdvisorId" });
  const chosen = useWatch({ control: form.control, name: "toAdvisorIds" });
  const byId = new Map(advisors.map((a) => [a.id, a]));
  const receivers = advisors.filter((a) => a.id !== fromId);
  const toError = fieldError(errors.toAdvisorIds?.message);

  useEffect(() => {
    if (summary) summaryHeading.current?.focus();
  }, [summary]);

  const setChosen = (next: string[]) =>
    form.setValue("toAdvisorIds", next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  const toggle = (id: string, on: boolean) => setChosen(on ? [...chosen.filter((c) => c !== id), id] : chosen.filter((c) => c !== id));
  const move = (index: number, by: -1 | 1) => {
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    setChosen(next);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setSummary(null);
    const result = await handoverClientsAction({ ...values, toAdvisorIds: values.toAdvisorIds.filter((id) => id !== values.fromAdvisorId) });
    if (!apply(result) || !result.ok) return;
    setSummary(result.data);
    router.refresh();
  });

  const fromField = form.register("fromAdvisorId", {
    onChange: (event: React.ChangeEvent<HTMLSelectElement>) => setChosen(chosen.filter((id) => id !== event.target.value)),
  });

  return (
    <div className="flex flex-col gap-8">
      {summary ? <HandoverSummary summary={summary} headingRef={summaryHeading} /> : null}
      <form onSubmit={onSubmit} noValidate className="flex max-w-3xl flex-col gap-5">
        <p className="text-sm text-slate-700">{t("requiredHint")}</p>
        {formError ? (
          <Alert tone="error" data-testid="form-error">
            {formError}
          </Alert>
        ) : null}
        <Field label={t("from")} hint={t("fromHint")} error={fieldError(errors.fromAdvisorId?.message)} required>
          {(p) => (
            <select {...p} {...fromField} className={inputClass(Boolean(errors.fromAdvisorId))}>
              <option value="">{t("choose")}</option>
              {advisors.map((a) => (
                <option key={a.id} value={a.id}>
                  {t("advisorOption", { name: a.name, load: a.load, limit: a.limit })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset aria-describedby={toError ? groupErrorId : undefined} className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">
            {t("to")}
            <span aria-hidden="true" className="text-red-700"> *</span>
          </legend>
          <p className="text-sm text-slate-700">{t("toHint")}</p>
          <ul className="flex max-h-80 flex-col gap-1 overflow-y-auto rounded-md border border-slate-300 bg-white p-2">
            {receivers.map((a) => {
              const id = `handover-to-${a.id}`;
              return (
                <li key={a.id}>
                  <label htmlFor={id} className={cn("flex items-start gap-3 rounded-md px-2 py-2", a.full ? "text-slate-600" : "cursor-pointer hover:bg-slate-100")}>
                    <input
                      id={id}
                      type="checkbox"
                      className="mt-1 size-4"
                      disabled={a.full}
                      checked={chosen.includes(a.id)}
                      onChange={(e) => toggle(a.id, e.target.checked)}
                    />
                    <span>
                      <span className="font-medium text-slate-900">{a.name}</span>
                      <span className="text-sm">
                        {" · "}
                        {[a.partnerName, a.officeName].filter(Boolean).join(", ")}
                        {" · "}
                        <LoadText load={a.load} limit={a.limit} />
                        {a.full ? <strong className="font-semibold text-red-800"> {a.overLimit ? tl("overLimitNote") : tl("fullNote")}</strong> : null}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {toError ? (
            <p id={groupErrorId} className="text-sm font-medium text-red-700">
              {toError}
            </p>
          ) : null}
        </fieldset>
        {chosen.length > 0 ? (
          <section aria-labelledby="handover-order" className="flex flex-col gap-2">
            <h2 id="handover-order" className="text-sm font-medium">
              {t("order")}
            </h2>
            <ol className="flex flex-col gap-1" data-testid="handover-order">
              {chosen.map((id, index) => (
                <li key={id} className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="min-w-48">
                    {index + 1}. {byId.get(id)?.name ?? id}
                  </span>
                  <Button variant="secondary" className="px-2 py-1" disabled={index === 0} onClick={() => move(index, -1)}>
                    {t("up")}
                    <span className="sr-only"> — {byId.get(id)?.name}</span>
                  </Button>
                  <Button variant="secondary" className="px-2 py-1" disabled={index === chosen.length - 1} onClick={() => move(index, 1)}>
                    {t("down")}
                    <span className="sr-only"> — {byId.get(id)?.name}</span>
                  </Button>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <Field label={t("reason")} hint={t("reasonHint")} error={fieldError(errors.reason?.message)}>
          {(p) => <textarea {...p} {...form.register("reason")} rows={3} className={inputClass(Boolean(errors.reason))} />}
        </Field>
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t("submitting") : t("submit")}
          </Button>
        </div>
      </form>
    </div>
  );
}

function HandoverSummary({ summary, headingRef }: { summary: THandoverSummary; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const t = useTranslations("caseload.handover");
  return (
    <section aria-labelledby="handover-summary" data-testid="handover-summary" className="flex flex-col gap-4 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="handover-summary" ref={headingRef} tabIndex={-1} className="text-xl font-bold">
        {t("summaryTitle")}
      </h2>
      <p>{t("summaryCounts", { moved: summary.moved.length, notMoved: summary.notMoved.length })}</p>
      {summary.moved.length > 0 ? (
        <table className="w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left font-semibold">{t("movedTitle")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">{t("columns.client")}</th>
              <th scope="col" className="p-2">{t("columns.toAdvisor")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.moved.map((m) => (
              <tr key={m.clientId} className="border-b border-slate-200">
                <td className="wrap-anywhere p-2">
                  <Link href={`/clients/${m.clientId}`} className="text-blue-800 underline">
                    {m.clientName}
                  </Link>
                </td>
                <td className="wrap-anywhere p-2">{m.toAdvisorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {summary.notMoved.length > 0 ? (
        <table className="w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left font-semibold">{t("notMovedTitle")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">{t("columns.client")}</th>
              <th scope="col" className="p-2">{t("columns.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.notMoved.map((m) => (
              <tr key={m.clientId} className="border-b border-slate-200">
                <td className="wrap-anywhere p-2">
                  <Link href={`/clients/${m.clientId}`} className="text-blue-800 underline">
                    {m.clientName}
                  </Link>
                </td>
                <td className="p-2">{t(`notMovedReasons.${m.reason}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
