"use client";

import { useTranslations } from "next-intl";
import type { TActionFailure } from "@/components/forms/use-action-form";
import { useFieldError } from "@/components/forms/use-action-errors";

/** Translates this area's messages: `privacy.retention.validation.*` first, then the shared `validation.*` and `errors.*`. */
export function useRetentionError() {
  const t = useTranslations("privacy.retention.validation");
  const te = useTranslations("errors");
  const shared = useFieldError();
  return {
    /** A field's message (a key from the schema or the service). */
    field: (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message)),
    /** A refusal that belongs to no field: the service's `_form` key, or the error code's message. */
    failure: (failure: TActionFailure) => {
      const key = failure.fieldErrors._form ?? failure.fieldErrors.reviewIds;
      return key && t.has(key) ? t(key, failure.params) : te(failure.code, failure.params);
    },
  };
}
