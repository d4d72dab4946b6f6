"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { cancelRegistrationAction } from "@/lib/actions/registrations";

/**
 * "Wypisz": asks for the reason, then cancels the registration; a seat it held goes to the first
 * on the waiting list (the server does it in the same transaction). `onDone` reports what happened
 * for the list's status line; the page itself is refreshed by the caller.
 */
export function RegistrationCancelButton({
  registrationId,
  person,
  onDone,
}: {
  registrationId: string;
  /** The name as the row shows it ("Uczestnik" where hidden). */
  person: string;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("events.registrations.cancel");
  const tc = useTranslations("common");
  const te = useTranslations("errors");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t("reasonRequired"));
      return;
    }
    setBusy(true);
    const result = await cancelRegistrationAction(registrationId, { reason });
    setBusy(false);
    if (!result.ok) {
      if (result.fieldErrors.reason) setReasonError(t("reasonRequired"));
      else setFormError(te(result.code, result.params));
      return;
    }
    setOpen(false);
    onDone(result.data.promotedId ? t("donePromoted", { person }) : t("done", { person }));
  }

  return (
    <>
      <Button
        variant="secondary"
        className="px-2 py-1"
        aria-label={t("buttonLabel", { person })}
        onClick={() => {
          setReason("");
          setReasonError(null);
          setFormError(null);
          setOpen(true);
        }}
      >
        {t("button")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("title", { person })} closeLabel={t("close")} description={t("description")}>
        <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4">
          {formError ? (
            <Alert tone="error" data-testid="cancel-registration-error">
              {formError}
            </Alert>
          ) : null}
          <Field label={t("reason")} error={reasonError ?? undefined} required>
            {(p) => (
              <textarea
                {...p}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                rows={2}
                maxLength={500}
                className={inputClass(Boolean(reasonError))}
              />
            )}
          </Field>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={busy}>
              {busy ? t("submitting") : t("submit")}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
