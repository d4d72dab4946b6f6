"use client";

import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";

/** Translates a field's message: the shared `validation.*` keys and this area's `indicatorsAdmin.validation.*`. */
export function useIndicatorsAdminFieldError() {
  const shared = useFieldError();
  const t = useTranslations("indicatorsAdmin.validation");
  return (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message));
}
