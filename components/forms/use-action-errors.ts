"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { TActionResult } from "@/lib/actions/result";

/**
 * Maps a failed server action back onto the form: field errors (translation keys) go next to
 * their fields with `setError`, anything else becomes one message above the form. The values the
 * user typed stay in the form.
 */
export function useActionErrors<T extends FieldValues>(form: UseFormReturn<T>) {
  const tv = useTranslations("validation");
  const te = useTranslations("errors");
  const fieldError = useFieldError();
  const [formError, setFormError] = useState<string | null>(null);

  function apply(result: TActionResult<unknown>): boolean {
    if (result.ok) {
      setFormError(null);
      return true;
    }
    const fields = Object.entries(result.fieldErrors);
    for (const [path, key] of fields) {
      if (path === "_form") continue;
      form.setError(path as Path<T>, { type: "server", message: key }, { shouldFocus: true });
    }
    // A `_form` key explains a refusal that belongs to no single field; with field errors, the
    // summary only points at them (the specifics sit next to each field).
    const formKey = result.fieldErrors._form;
    const onFields = fields.some(([path]) => path !== "_form");
    setFormError(formKey && tv.has(formKey) ? tv(formKey) : onFields ? te("VALIDATION_FAILED") : te(result.code, result.params));
    return false;
  }

  return { apply, formError, setFormError, fieldError };
}

/**
 * Translates a field's message for display. Field messages are translation keys from the shared
 * zod schemas (client) or the service (server); parts of a form use this on their own fields.
 */
export function useFieldError() {
  const tv = useTranslations("validation");
  return (message: string | undefined) => (message ? (tv.has(message) ? tv(message) : message) : undefined);
}
