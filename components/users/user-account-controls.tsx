"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { sendAccountLinkAction, setUserActiveAction } from "@/lib/actions/users";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type TProps = {
  userId: string;
  active: boolean;
  isSelf: boolean;
  /** The user has not chosen a password yet (the invitation is pending). */
  pending: boolean;
};

type TMessage = { tone: "success" | "error"; text: string };

/**
 * Activate/deactivate, and the account's link by e-mail: the invitation again while it is pending,
 * otherwise a password reset link (the admin never types a user's password). Each its own message.
 */
export function UserAccountControls({ userId, active, isSelf, pending }: TProps) {
  const t = useTranslations("users");
  const te = useTranslations("errors");
  const router = useRouter();
  const [statusPending, startStatus] = useTransition();
  const [linkPending, startLink] = useTransition();
  const [statusMessage, setStatusMessage] = useState<TMessage | null>(null);
  const [linkMessage, setLinkMessage] = useState<TMessage | null>(null);

  function toggleActive() {
    startStatus(async () => {
      const result = await setUserActiveAction(userId, !active);
      if (result.ok) {
        setStatusMessage({ tone: "success", text: active ? t("deactivated") : t("activated") });
        router.refresh();
      } else {
        setStatusMessage({ tone: "error", text: te(result.code) });
      }
    });
  }

  function sendLink() {
    startLink(async () => {
      const result = await sendAccountLinkAction(userId);
      if (result.ok) {
        const { purpose, email } = result.data;
        setLinkMessage({ tone: "success", text: purpose === "INVITE" ? t("invitationResent", { email }) : t("resetLinkSent", { email }) });
        router.refresh();
      } else {
        setLinkMessage({ tone: "error", text: te(result.code, result.params) });
      }
    });
  }

  return (
    <div className="mt-10 grid gap-8 md:grid-cols-2">
      <section aria-labelledby="status-heading" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="status-heading" className="text-lg font-semibold">
          {t("statusSection")}
        </h2>
        <p className="my-2">{active ? t("active") : t("inactive")}</p>
        {statusMessage ? (
          <Alert tone={statusMessage.tone} className="mb-3">
            {statusMessage.text}
          </Alert>
        ) : null}
        {!isSelf ? (
          <Button variant={active ? "danger" : "secondary"} onClick={toggleActive} disabled={statusPending}>
            {active ? t("deactivate") : t("activate")}
          </Button>
        ) : null}
      </section>
      <section aria-labelledby="password-heading" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("passwordSection")}
        </h2>
        {pending ? (
          <p className="my-2" data-testid="invitation-pending">
            <strong>{t("pending")}.</strong> {t("pendingHint")}
          </p>
        ) : (
          <p className="my-2 text-sm text-slate-700">{t("sendResetLinkHint")}</p>
        )}
        {linkMessage ? (
          <Alert tone={linkMessage.tone} className="mb-3">
            {linkMessage.text}
          </Alert>
        ) : null}
        {active ? (
          <Button variant="secondary" onClick={sendLink} disabled={linkPending}>
            {linkPending ? t("sending") : pending ? t("resendInvitation") : t("sendResetLink")}
          </Button>
        ) : null}
      </section>
    </div>
  );
}
