"use client";

import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";

/** Translates a field's message: the shared `validation.*` keys and this area's `indicatorEvidence.validation.*`. */
export function useEvidenceFieldError() {
  const shared = useFieldError();
  const t = useTranslations("indicatorEvidence.validation");
  return (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message));
}
