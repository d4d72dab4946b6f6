"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { signInAction, type TSignInState } from "@/lib/actions/sign-in";

export function LoginForm({ defaultTenant }: { defaultTenant: string }) {
  const t = useTranslations("login");
  const [state, formAction, pending] = useActionState<TSignInState, FormData>(signInAction, {
    failed: false,
    tenant: defaultTenant,
    email: "",
  });
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.failed ? (
        <Alert tone="error" data-testid="login-error">
          {t("failed")}
        </Alert>
      ) : null}
      <Field label={t("tenant")} hint={t("tenantHint")} required>
        {(p) => <input {...p} name="tenant" autoComplete="organization" defaultValue={state.tenant} className={inputClass()} required />}
      </Field>
      <Field label={t("email")} required>
        {(p) => <input {...p} name="email" type="email" autoComplete="username" defaultValue={state.email} className={inputClass()} required />}
      </Field>
      <Field label={t("password")} required>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" className={inputClass()} required />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
