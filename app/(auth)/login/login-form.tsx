"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { signInAction, type TSignInState } from "@/lib/actions/sign-in";

/**
 * Two steps on one page: the centre, e-mail and password; then, for an account with a second
 * factor, the code — the form carries the first step's signed token in a hidden field, never the
 * password. "Start again" mounts the steps anew (a fresh form state).
 */
export function LoginForm({ defaultTenant }: { defaultTenant: string }) {
  const [round, setRound] = useState(0);
  return <SignInSteps key={round} defaultTenant={defaultTenant} onRestart={() => setRound((r) => r + 1)} />;
}

function SignInSteps({ defaultTenant, onRestart }: { defaultTenant: string; onRestart: () => void }) {
  const t = useTranslations("login");
  const [state, formAction, pending] = useActionState<TSignInState, FormData>(signInAction, {
    failed: false,
    tenant: defaultTenant,
    email: "",
  });

  if (state.pendingToken) {
    return (
      <form action={formAction} className="flex flex-col gap-4" noValidate>
        {state.failed ? (
          <Alert tone="error" data-testid="login-error">
            {t("codeFailed")}
          </Alert>
        ) : (
          <Alert tone="info">{t("codeIntro")}</Alert>
        )}
        <input type="hidden" name="pendingToken" value={state.pendingToken} />
        <Field label={t("code")} hint={t("codeHint")} required>
          {(p) => (
            <input
              {...p}
              // The submit button the user pressed is gone: focus moves to the field that replaced the password.
              ref={(input) => input?.focus()}
              name="code"
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              data-testid="login-code"
              className={inputClass(state.failed)}
              required
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit" disabled={pending}>
            {pending ? t("submitting") : t("codeSubmit")}
          </Button>
          <Button variant="link" onClick={onRestart}>
            {t("codeRestart")}
          </Button>
        </div>
      </form>
    );
  }

  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.failed ? (
        <Alert tone="error" data-testid="login-error">
          {t("failed")}
        </Alert>
      ) : null}
      {state.codeExpired ? <Alert tone="info">{t("codeExpired")}</Alert> : null}
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
