"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { resetUserPasswordAction, setUserActiveAction } from "@/lib/actions/users";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ZResetPasswordInput } from "@/lib/domain/users/schemas";

/** Activate/deactivate and password reset: each one action with its own confirmation message. */
export function UserAccountControls({ userId, active, isSelf }: { userId: string; active: boolean; isSelf: boolean }) {
  const t = useTranslations("users");
  const te = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [statusMessage, setStatusMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const form = useForm<{ password: string }>({ resolver: zodResolver(ZResetPasswordInput), defaultValues: { password: "" } });
  const { apply, formError, fieldError } = useActionErrors(form);
  const [resetDone, setResetDone] = useState(false);

  function toggleActive() {
    startTransition(async () => {
      const result = await setUserActiveAction(userId, !active);
      if (result.ok) {
        setStatusMessage({ tone: "success", text: active ? t("deactivated") : t("activated") });
        router.refresh();
      } else {
        setStatusMessage({ tone: "error", text: te(result.code) });
      }
    });
  }

  const onReset = form.handleSubmit(async (values) => {
    setResetDone(false);
    const result = await resetUserPasswordAction(userId, values);
    if (apply(result)) {
      setResetDone(true);
      form.reset();
    }
  });

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
          <Button variant={active ? "danger" : "secondary"} onClick={toggleActive} disabled={pending}>
            {active ? t("deactivate") : t("activate")}
          </Button>
        ) : null}
      </section>
      <section aria-labelledby="password-heading" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("passwordSection")}
        </h2>
        <form onSubmit={onReset} className="mt-2 flex flex-col gap-3" noValidate>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          {resetDone ? <Alert tone="success">{t("passwordReset")}</Alert> : null}
          <Field label={t("resetPassword")} hint={t("resetPasswordHint")} error={fieldError(form.formState.errors.password?.message)} required>
            {(p) => <input {...p} {...form.register("password")} type="password" autoComplete="new-password" className={inputClass(Boolean(form.formState.errors.password))} />}
          </Field>
          <div>
            <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
              {t("resetPassword")}
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
