"use client";

import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";

/**
 * Translates a field's message of the participant form: the shared `validation.*` keys, and the
 * area's own `participants.validation.*` (lib/domain/participants: schemas and the PESEL check).
 */
export function useParticipantFieldError() {
  const shared = useFieldError();
  const t = useTranslations("participants.validation");
  return (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message));
}
