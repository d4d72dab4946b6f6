"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { TActionResult } from "@/lib/actions/result";

/**
 * One button that flips a record between two states (retired / in use) through a server action,
 * says what happened, and refreshes the page. `label` (the button) and `doneText` (the outcome)
 * are already translated.
 */
export function ToggleButton<T>({ toggle, label, doneText }: { toggle: () => Promise<TActionResult<T>>; label: string; doneText: (data: T) => string }) {
  const te = useTranslations("errors");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function run() {
    setBusy(true);
    const result = await toggle();
    setBusy(false);
    if (!result.ok) {
      setMessage({ tone: "error", text: te(result.code, result.params) });
      return;
    }
    setMessage({ tone: "success", text: doneText(result.data) });
    router.refresh();
  }

  return (
    <div className="flex flex-col items-start gap-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button variant="secondary" onClick={() => void run()} disabled={busy}>
        {label}
      </Button>
    </div>
  );
}
