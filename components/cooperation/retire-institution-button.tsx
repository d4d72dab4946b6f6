"use client";

import { useTranslations } from "next-intl";
import { ToggleButton } from "@/components/forms/toggle-button";
import { setInstitutionRetiredAction } from "@/lib/actions/cooperation";

/** Retires an institution from the directory, or brings a retired one back; says what happened. */
export function RetireInstitutionButton({ institutionId, retired }: { institutionId: string; retired: boolean }) {
  const t = useTranslations("cooperation.directory");
  return (
    <ToggleButton
      toggle={() => setInstitutionRetiredAction(institutionId, !retired)}
      label={retired ? t("restore") : t("retire")}
      doneText={(data) => (data.retired ? t("retiredDone") : t("restoredDone"))}
    />
  );
}
