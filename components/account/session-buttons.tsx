"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/lib/actions/two-factor";

/** "Wyloguj" on one of the user's other sessions; the page refreshes (the action revalidates it). */
export function RevokeSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const t = useTranslations("account.security");
  const te = useTranslations("errors");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const revoke = () =>
    startTransition(async () => {
      setError(null);
      const result = await revokeSessionAction(sessionId);
      if (!result.ok) setError(te(result.code, result.params));
    });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" className="px-3 py-1" onClick={revoke} disabled={pending}>
        {t("revoke")}
        <span className="sr-only"> — {device}</span>
      </Button>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "Wyloguj pozostałe sesje": every session but this one ends at its next request. */
export function RevokeOtherSessionsButton() {
  const t = useTranslations("account.security");
  const te = useTranslations("errors");
  const [message, setMessage] = useState<{ tone: "error" | "done"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const revoke = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await revokeOtherSessionsAction();
      setMessage(
        result.ok ? { tone: "done", text: t("othersRevoked", { count: result.data.sessionsEnded }) } : { tone: "error", text: te(result.code, result.params) },
      );
    });
  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="danger" onClick={revoke} disabled={pending} data-testid="revoke-other-sessions">
        {t("revokeOthers")}
      </Button>
      {message ? (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={message.tone === "error" ? "text-sm font-medium text-red-700" : "text-sm text-green-800"}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
