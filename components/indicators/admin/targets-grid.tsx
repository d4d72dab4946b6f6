"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { inputClass } from "@/components/ui/field";
import { saveTargetsAction } from "@/lib/actions/indicators";
import { ZTargetsInput, type TTargetsInput } from "@/lib/domain/indicators/schemas";

type TRow = { id: string; name: string; unit: string; yearTarget: number | null; projectTarget: number | null };
type TValues = TTargetsInput;

const text = (value: number | null) => (value === null ? "" : String(value));

/**
 * The targets of one year and of the whole project for every indicator, saved at once: one wrong
 * value saves nothing and is marked next to its box. An emptied box clears the target.
 */
export function TargetsGrid({ year, rows }: { year: string; rows: TRow[] }) {
  const t = useTranslations("indicatorsAdmin.targets");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const defaults: TValues = { year, targets: Object.fromEntries(rows.map((r) => [r.id, { year: text(r.yearTarget), project: text(r.projectTarget) }])) };
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm<TValues, unknown>({
    schema: ZTargetsInput,
    defaultValues: defaults,
    action: (values) => {
      setSaved(false);
      return saveTargetsAction(values);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const tv = useTranslations("indicatorsAdmin.validation");
  const message = (key: string | undefined) => (key && tv.has(key) ? tv(key) : fieldError(key));

  return (
    <FormShell onSubmit={onSubmit} error={formError} submitLabel={t("save")} submitting={submitting}>
      {saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <div className="max-w-full overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <caption className="sr-only">{t("caption", { year })}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">
                {t("indicator")}
              </th>
              <th scope="col" className="p-2">
                {t("yearColumn", { year })}
              </th>
              <th scope="col" className="p-2">
                {t("projectColumn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const rowErrors = errors.targets?.[row.id];
              return (
                <tr key={row.id} className="border-b border-slate-200 align-top">
                  <th scope="row" className="p-2 font-normal wrap-anywhere">
                    {row.name} <span className="text-slate-600">({row.unit})</span>
                  </th>
                  {(["year", "project"] as const).map((period) => {
                    const error = message(rowErrors?.[period]?.message);
                    const errorId = `target-${row.id}-${period}-error`;
                    return (
                      <td key={period} className="p-2">
                        <input
                          {...form.register(`targets.${row.id}.${period}`)}
                          aria-label={period === "year" ? t("yearLabel", { year, name: row.name }) : t("projectLabel", { name: row.name })}
                          aria-invalid={Boolean(error)}
                          aria-describedby={error ? errorId : undefined}
                          inputMode="numeric"
                          autoComplete="off"
                          className={inputClass(Boolean(error)) + " max-w-32"}
                        />
                        {error ? (
                          <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
                            {error}
                          </p>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </FormShell>
  );
}
