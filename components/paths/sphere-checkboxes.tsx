"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { KPRES_SPHERES } from "@/lib/domain/clients/schemas";

/** The four KPRES spheres as checkboxes of one form field (an array of codes), in a fieldset. */
export function SphereCheckboxes({
  legend,
  hint,
  registration,
  error,
}: {
  legend: string;
  hint?: string;
  registration: UseFormRegisterReturn;
  error?: string;
}) {
  const t = useTranslations("clients.spheres");
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} className="flex flex-col gap-2 md:col-span-3">
      <legend className="text-sm font-medium">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {KPRES_SPHERES.map((sphere) => (
          <label key={sphere} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={sphere} className="size-4" {...registration} />
            {t(sphere)}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
