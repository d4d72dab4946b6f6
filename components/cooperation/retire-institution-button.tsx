"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { setInstitutionRetiredAction } from "@/lib/actions/cooperation";

/** Retires an institution from the directory, or brings a retired one back; says what happened. */
export function RetireInstitutionButton({ institutionId, retired }: { institutionId: string; retired: boolean }) {
  const t = useTranslations("cooperation.directory");
  const te = useTranslations("errors");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function toggle() {
    setBusy(true);
    const result = await setInstitutionRetiredAction(institutionId, !retired);
    setBusy(false);
    if (!result.ok) {
      setMessage({ tone: "error", text: te(result.code, result.params) });
      return;
    }
    setMessage({ tone: "success", text: result.data.retired ? t("retiredDone") : t("restoredDone") });
    router.refresh();
  }

  return (
    <div className="flex flex-col items-start gap-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button variant="secondary" onClick={() => void toggle()} disabled={busy}>
        {retired ? t("restore") : t("retire")}
      </Button>
    </div>
  );
}
