"use client";

import { useTranslations } from "next-intl";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { useActionErrors, useFieldError } from "@/components/forms/use-action-errors";
import type { TActionResult } from "@/lib/actions/result";

/** Translates a field's message: the shared `validation.*` keys and this area's `privacy.requests.validation.*`. */
export function useRequestFieldError() {
  const shared = useFieldError();
  const t = useTranslations("privacy.requests.validation");
  return (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message));
}

/**
 * useActionErrors for the request forms: a refusal explained by this area's key (the request was
 * closed meanwhile, already extended…) is said above the form in those words.
 */
export function useRequestErrors<T extends FieldValues>(form: UseFormReturn<T>) {
  const errors = useActionErrors(form);
  const t = useTranslations("privacy.requests.validation");
  function apply(result: TActionResult<unknown>): boolean {
    if (errors.apply(result)) return true;
    const key = result.ok ? undefined : result.fieldErrors._form;
    if (key && t.has(key)) errors.setFormError(t(key));
    return false;
  }
  return { ...errors, apply, fieldError: useRequestFieldError() };
}
