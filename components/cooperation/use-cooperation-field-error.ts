"use client";

import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";

/**
 * Translates a field's message of this area's forms: the shared `validation.*` keys, and the
 * area's own `cooperation.validation.*` (lib/domain/cooperation/schemas.ts, the services' field errors).
 */
export function useCooperationFieldError() {
  const shared = useFieldError();
  const t = useTranslations("cooperation.validation");
  return (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message));
}
