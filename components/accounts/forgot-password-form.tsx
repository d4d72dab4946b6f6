"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useFieldError } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { requestPasswordResetAction, type TForgotPasswordState } from "@/lib/actions/accounts";

/**
 * "Forgot password": the tenant identifier and the e-mail, as the sign-in form asks for them. A
 * well-formed request always gets the same message — it never tells whether the address has an account.
 */
export function ForgotPasswordForm({ defaultTenant }: { defaultTenant: string }) {
  const t = useTranslations("accounts.forgot");
  const tl = useTranslations("login");
  const fieldError = useFieldError();
  const [state, formAction, pending] = useActionState<TForgotPasswordState, FormData>(requestPasswordResetAction, {
    sent: false,
    tenant: defaultTenant,
    email: "",
    fieldErrors: {},
  });
  const tenantError = fieldError(state.fieldErrors.tenant);
  const emailError = fieldError(state.fieldErrors.email);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.sent ? (
        <Alert tone="success" data-testid="forgot-password-sent">
          {t("sent", { tenant: state.tenant, email: state.email })}
        </Alert>
      ) : null}
      <Field label={tl("tenant")} hint={tl("tenantHint")} error={tenantError} required>
        {(p) => <input {...p} name="tenant" autoComplete="organization" defaultValue={state.tenant} className={inputClass(Boolean(tenantError))} required />}
      </Field>
      <Field label={tl("email")} error={emailError} required>
        {(p) => <input {...p} name="email" type="email" autoComplete="username" defaultValue={state.email} className={inputClass(Boolean(emailError))} required />}
      </Field>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
