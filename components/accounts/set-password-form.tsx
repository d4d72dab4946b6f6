"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { setPasswordAction, type TSetPasswordState } from "@/lib/actions/accounts";
import { forgotPasswordHref, LinkInvalidNotice } from "./link-invalid-notice";

type TProps = { tenantSlug: string; token: string; email: string };

/**
 * The new password, twice, for the account the link belongs to (its e-mail is shown read-only and
 * offered to the browser's password manager as the username). On success the action sends the
 * user to the sign-in page; a link that stopped working meanwhile says so and offers a new one.
 */
export function SetPasswordForm({ tenantSlug, token, email }: TProps) {
  const t = useTranslations("accounts.setPassword");
  const tl = useTranslations("login");
  const te = useTranslations("errors");
  const fieldError = useFieldError();
  const [state, formAction, pending] = useActionState<TSetPasswordState, FormData>(setPasswordAction, { linkInvalid: false, code: null, fieldErrors: {} });

  if (state.linkInvalid) {
    return <LinkInvalidNotice message={t("linkInvalid")} requestNew={t("requestNew")} href={forgotPasswordHref(tenantSlug)} />;
  }
  const passwordError = fieldError(state.fieldErrors.password);
  const confirmError = fieldError(state.fieldErrors.confirmPassword);
  const formError = state.code && state.code !== "VALIDATION_FAILED" ? te(state.code) : null;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {formError ? (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="token" value={token} />
      <Field label={tl("email")}>
        {(p) => <input {...p} name="username" type="email" autoComplete="username" value={email} readOnly className={inputClass()} />}
      </Field>
      <Field label={t("password")} hint={t("passwordHint")} error={passwordError} required>
        {(p) => <input {...p} name="password" type="password" autoComplete="new-password" className={inputClass(Boolean(passwordError))} required />}
      </Field>
      <Field label={t("confirmPassword")} error={confirmError} required>
        {(p) => <input {...p} name="confirmPassword" type="password" autoComplete="new-password" className={inputClass(Boolean(confirmError))} required />}
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
