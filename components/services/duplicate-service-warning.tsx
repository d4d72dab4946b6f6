"use client";

import { usePathname } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { TActionFailure } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextLink } from "@/components/ui/text-link";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The record a POSSIBLE_DUPLICATE_SERVICE refusal points at (its date as YYYY-MM-DD). */
export type TPossibleDuplicate = { serviceId: string; date: string };

/** The earlier record, when the refusal is the duplicate warning (lib/errors.ts POSSIBLE_DUPLICATE_SERVICE). */
export function possibleDuplicateOf(failure: TActionFailure): TPossibleDuplicate | null {
  const { serviceId, date } = failure.params;
  return failure.code === "POSSIBLE_DUPLICATE_SERVICE" && typeof serviceId === "string" ? { serviceId, date: String(date ?? "") } : null;
}

type TProps = {
  duplicate: TPossibleDuplicate;
  /** Saves again, confirming — with the same idempotency key, so a double click still makes one record. */
  onConfirm: () => void;
  busy: boolean;
};

/**
 * A warning, not an error: the same meeting was most likely entered again (the browser's back
 * button and a new form). The user checks the saved record or saves anyway; nothing typed is lost.
 */
export function DuplicateServiceWarning({ duplicate, onConfirm, busy }: TProps) {
  const t = useTranslations("services.duplicate");
  const format = useFormatter();
  const pathname = usePathname();
  const ref = useRef<HTMLDivElement>(null);

  // The submit button the user pressed is disabled while saving: bring the keyboard here.
  useEffect(() => ref.current?.focus(), [duplicate]);

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      data-testid="possible-duplicate-service"
      className="flex flex-col gap-3 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <p>
        {t("text", { date: ISO_DAY.test(duplicate.date) ? format.dateTime(dateOnly(duplicate.date), CALENDAR_DATE) : duplicate.date })}{" "}
        <TextLink href={`/services/${duplicate.serviceId}/edit?back=${encodeURIComponent(pathname)}`} className="font-semibold text-blue-900">
          {t("open")}
        </TextLink>
      </p>
      <p>{t("hint")}</p>
      <div>
        <Button variant="secondary" onClick={onConfirm} disabled={busy}>
          {t("saveAnyway")}
        </Button>
      </div>
    </div>
  );
}
