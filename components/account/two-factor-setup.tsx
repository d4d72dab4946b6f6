"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { confirmTwoFactorSetupAction, startTwoFactorSetupAction } from "@/lib/actions/two-factor";
import { ZTwoFactorCodeInput, type TTwoFactorCodeInput, type TTwoFactorSetup } from "@/lib/domain/two-factor/schemas";
import { RecoveryCodes } from "./recovery-codes";

/**
 * Setting up the second factor: start (a new secret), scan the QR code or type the secret into the
 * authenticator app, confirm with its code — then the recovery codes, shown once.
 */
export function TwoFactorSetup() {
  const t = useTranslations("account.security");
  const te = useTranslations("errors");
  const [setup, setSetup] = useState<TTwoFactorSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();

  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await startTwoFactorSetupAction();
      if (result.ok) setSetup(result.data);
      else setError(te(result.code, result.params));
    });

  if (codes) return <RecoveryCodes codes={codes} title={t("enabledNow")} />;
  if (!setup) {
    return (
      <div className="flex max-w-xl flex-col items-start gap-3">
        <p className="text-slate-700">{t("setupIntro")}</p>
        {error ? (
          <Alert tone="error" data-testid="two-factor-error">
            {error}
          </Alert>
        ) : null}
        <Button onClick={start} disabled={starting}>
          {starting ? t("setupStarting") : t("setupStart")}
        </Button>
      </div>
    );
  }
  return <ConfirmSetup setup={setup} onConfirmed={setCodes} />;
}

function ConfirmSetup({ setup, onConfirmed }: { setup: TTwoFactorSetup; onConfirmed: (codes: string[]) => void }) {
  const t = useTranslations("account.security");
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm({
    schema: ZTwoFactorCodeInput,
    defaultValues: { code: "" } satisfies TTwoFactorCodeInput,
    action: confirmTwoFactorSetupAction,
    onSuccess: (data) => onConfirmed(data.recoveryCodes),
  });
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <ol className="flex list-decimal flex-col gap-4 pl-6">
        <li>
          <p>{t("setupScan")}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server: nothing for the image optimiser to do */}
          <img src={setup.qrCode} alt={t("qrAlt")} width={200} height={200} className="mt-2 rounded-md border border-slate-300 bg-white" />
        </li>
        <li>
          <p>{t("setupManual")}</p>
          <code
            data-testid="totp-secret"
            className="mt-2 inline-block rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-base tracking-wide wrap-anywhere"
          >
            {setup.secret}
          </code>
        </li>
        <li>
          <p>{t("setupConfirm")}</p>
        </li>
      </ol>
      <FormShell onSubmit={onSubmit} error={formError} errorTestId="two-factor-error" submitLabel={t("setupSubmit")} submitting={submitting}>
        <Field label={t("code")} hint={t("codeHint")} error={fieldError(errors.code?.message)} required>
          {(p) => (
            <input
              {...p}
              {...form.register("code")}
              inputMode="numeric"
              autoComplete="one-time-code"
              data-testid="two-factor-code"
              className={cn(inputClass(Boolean(errors.code)), "max-w-40")}
            />
          )}
        </Field>
      </FormShell>
    </div>
  );
}
