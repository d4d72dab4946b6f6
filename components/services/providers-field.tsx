"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { useFieldError } from "@/components/forms/use-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import type { TServiceInput } from "@/lib/domain/services/schemas";
import { toggleIn } from "./toggle";

type TOption = { id: string; name: string };

/**
 * Who delivered the service and from which office: folded away, since it is almost always the
 * user logging it at their own office (the summary says who is ticked). Opens by itself on an error.
 */
export function ProvidersField({ providers, offices }: { providers: TOption[]; offices: TOption[] }) {
  const t = useTranslations("services");
  const tc = useTranslations("common");
  const fieldError = useFieldError();
  const form = useFormContext<TServiceInput, unknown, TServiceInput>();
  const ticked = useWatch({ control: form.control, name: "providerIds" }) ?? [];
  const providerError = fieldError(form.getFieldState("providerIds", form.formState).error?.message);
  const officeError = form.getFieldState("officeId", form.formState).error;

  function toggle(id: string, on: boolean) {
    form.setValue("providerIds", toggleIn(form.getValues("providerIds"), id, on), { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
  }

  return (
    <details className="rounded-md border border-slate-300 p-3" open={Boolean(providerError) || undefined}>
      <summary className="cursor-pointer text-sm font-medium">
        {t("fields.providers")}: {ticked.length ? providers.filter((u) => ticked.includes(u.id)).map((u) => u.name).join(", ") : t("providersDefault")}
      </summary>
      <fieldset className="mt-2">
        <legend className="text-sm text-slate-700">{t("providersHint")}</legend>
        <ul className="mt-1 grid gap-1 sm:grid-cols-2">
          {providers.map((user) => (
            <li key={user.id}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="size-4" checked={ticked.includes(user.id)} onChange={(e) => toggle(user.id, e.target.checked)} />
                {user.name}
              </label>
            </li>
          ))}
        </ul>
        {providerError ? <p className="mt-1 text-sm font-medium text-red-700">{providerError}</p> : null}
      </fieldset>
      <div className="mt-3 max-w-md">
        <Field label={t("fields.office")} error={fieldError(officeError?.message)}>
          {(p) => (
            <select {...p} {...form.register("officeId")} className={inputClass(Boolean(officeError))}>
              <option value="">{tc("none")}</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </details>
  );
}
