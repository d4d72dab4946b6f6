"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { changeOwnPasswordAction } from "@/lib/actions/account";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ZChangeOwnPasswordInput, type TChangeOwnPasswordInput } from "@/lib/domain/users/schemas";

/** On success the action signs the user out and redirects to the sign-in page: there is no success state here. */
export function ChangePasswordForm() {
  const t = useTranslations("account");
  const tc = useTranslations("common");
  const form = useForm<TChangeOwnPasswordInput, unknown, TChangeOwnPasswordInput>({
    resolver: zodResolver(ZChangeOwnPasswordInput, undefined, { raw: true }),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    apply(await changeOwnPasswordAction(values));
  });

  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      <p className="text-sm text-slate-700">{tc("requiredHint")}</p>
      {formError ? (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}
      <Field label={t("currentPassword")} error={fieldError(errors.currentPassword?.message)} required>
        {(p) => (
          <input {...p} {...form.register("currentPassword")} type="password" autoComplete="current-password" className={inputClass(Boolean(errors.currentPassword))} />
        )}
      </Field>
      <Field label={t("newPassword")} hint={t("newPasswordHint")} error={fieldError(errors.newPassword?.message)} required>
        {(p) => <input {...p} {...form.register("newPassword")} type="password" autoComplete="new-password" className={inputClass(Boolean(errors.newPassword))} />}
      </Field>
      <Field label={t("confirmPassword")} error={fieldError(errors.confirmPassword?.message)} required>
        {(p) => (
          <input {...p} {...form.register("confirmPassword")} type="password" autoComplete="new-password" className={inputClass(Boolean(errors.confirmPassword))} />
        )}
      </Field>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
