"use client";

import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";

/** Translates a field's message: this area's `privacy.validation.*` keys, else the shared `validation.*` ones (the privacy settings, clause, legal basis and consent forms). */
export function usePrivacyFieldError() {
  const shared = useFieldError();
  const t = useTranslations("privacy.validation");
  return (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message));
}
