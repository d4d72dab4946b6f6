"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { withdrawConsentAction } from "@/lib/actions/client-privacy";
import { ZWithdrawConsentInput, type TWithdrawConsentInput } from "@/lib/domain/privacy/consent-schemas";
import { usePrivacyFieldError } from "./consent-field-error";

type TProps = {
  clientId: string;
  purpose: TWithdrawConsentInput["purpose"];
  /** The purpose's name, for the button's accessible name and the question. */
  purposeLabel: string;
  /** Today in Poland (YYYY-MM-DD). */
  today: string;
};

/** "Wycofaj zgodę": asks for the day and a confirmation — what the consent covered is hidden at once. */
export function ConsentWithdrawButton({ clientId, purpose, purposeLabel, today }: TProps) {
  const t = useTranslations("privacy.consents.withdraw");
  const tc = useTranslations("common");
  const fieldError = usePrivacyFieldError();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<TWithdrawConsentInput, unknown, TWithdrawConsentInput>({
    resolver: zodResolver(ZWithdrawConsentInput, undefined, { raw: true }),
    defaultValues: { purpose, withdrawnOn: today },
  });
  const { apply, formError } = useActionErrors(form);
  const dateError = form.formState.errors.withdrawnOn?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    if (!apply(await withdrawConsentAction(clientId, values))) return;
    setOpen(false);
    router.refresh();
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={t("buttonFor", { purpose: purposeLabel })}>
        {t("button")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("title")} closeLabel={tc("cancel")} description={t("description", { purpose: purposeLabel })}>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {formError ? (
            <Alert tone="error" data-testid="withdraw-consent-error">
              {formError}
            </Alert>
          ) : null}
          <Field label={t("withdrawnOn")} error={fieldError(dateError ?? form.formState.errors.purpose?.message)} required>
            {(p) => <input {...p} {...form.register("withdrawnOn")} type="date" className={inputClass(Boolean(dateError)) + " max-w-48"} />}
          </Field>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>
              {t("submit")}
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
