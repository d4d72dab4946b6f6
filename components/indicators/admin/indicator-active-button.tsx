"use client";

import { useTranslations } from "next-intl";
import { ToggleButton } from "@/components/forms/toggle-button";
import { setIndicatorActiveAction } from "@/lib/actions/indicators";

/** Retires an indicator (it leaves the reports; its evidence stays) or restores it; says what happened. */
export function IndicatorActiveButton({ indicatorId, active }: { indicatorId: string; active: boolean }) {
  const t = useTranslations("indicatorsAdmin.state");
  return (
    <ToggleButton
      toggle={() => setIndicatorActiveAction(indicatorId, !active)}
      label={active ? t("retire") : t("restore")}
      doneText={(data) => (data.active ? t("restored") : t("retired"))}
    />
  );
}
