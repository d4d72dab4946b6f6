"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { sendAccountLinkAction } from "@/lib/actions/users";
import { Button } from "@/components/ui/button";

/** "Wyślij ponownie" in the users list, beside a pending invitation; says in place what it did. */
export function ResendInvitationButton({ userId, name }: { userId: string; name: string }) {
  const t = useTranslations("users");
  const te = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function resend() {
    startTransition(async () => {
      const result = await sendAccountLinkAction(userId);
      if (result.ok) {
        const { purpose, email } = result.data;
        setMessage({ ok: true, text: purpose === "INVITE" ? t("invitationResent", { email }) : t("resetLinkSent", { email }) });
      } else {
        setMessage({ ok: false, text: te(result.code, result.params) });
      }
    });
  }

  return (
    <span className="flex flex-col items-start gap-1">
      <Button variant="link" onClick={resend} disabled={pending} aria-label={t("resendFor", { name })}>
        {pending ? t("sending") : t("resend")}
      </Button>
      <span role="status" className={message?.ok === false ? "text-sm text-red-700" : "text-sm text-slate-700"}>
        {message?.text}
      </span>
    </span>
  );
}
