"use client";

import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";

/** Translates a field's message: the shared `validation.*` keys and this area's `staff.validation.*`. */
export function useStaffFieldError() {
  const shared = useFieldError();
  const t = useTranslations("staff.validation");
  return (message: string | undefined) => (message && t.has(message) ? t(message) : shared(message));
}
