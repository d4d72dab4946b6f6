"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createUserAction, updateUserAction } from "@/lib/actions/users";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ROLES } from "@/lib/auth/permissions";
import { ZCreateUserInput, ZUpdateUserInput, type TCreateUserInput } from "@/lib/domain/users/schemas";

type TOption = { id: string; name: string };
type TProps = {
  mode: "create" | "edit";
  userId?: string;
  defaults?: TCreateUserInput;
  partners: TOption[];
  offices: TOption[];
};

export function UserForm({ mode, userId, defaults, partners, offices }: TProps) {
  const t = useTranslations("users");
  const tc = useTranslations("common");
  const tr = useTranslations("roles");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  // `raw`: the form keeps what the user typed; the service parses (and normalises) it again.
  const schema = mode === "create" ? ZCreateUserInput : ZUpdateUserInput;
  const form = useForm<TCreateUserInput, unknown, TCreateUserInput>({
    resolver: zodResolver(schema, undefined, { raw: true }),
    defaultValues: { name: "", email: "", role: "KEY_ADVISOR", partnerId: "", officeId: "", ...defaults },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    if (mode === "create") {
      const result = await createUserAction(values);
      if (apply(result) && result.ok) router.push(`/admin/users/${result.data.id}?created=1`);
    } else if (userId) {
      const result = await updateUserAction(userId, values);
      if (apply(result)) {
        setSaved(true);
        router.refresh();
      }
    }
  });

  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      <p className="text-sm text-slate-700">{tc("requiredHint")}</p>
      {formError ? (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}
      {saved ? <Alert tone="success">{tc("saved")}</Alert> : null}
      <Field label={t("fields.name")} error={fieldError(errors.name?.message)} required>
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass(Boolean(errors.name))} />}
      </Field>
      <Field label={t("fields.email")} error={fieldError(errors.email?.message)} required>
        {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="off" className={inputClass(Boolean(errors.email))} />}
      </Field>
      <Field label={t("fields.role")} error={fieldError(errors.role?.message)} required>
        {(p) => (
          <select {...p} {...form.register("role")} className={inputClass(Boolean(errors.role))}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tr(role)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("fields.partner")} error={fieldError(errors.partnerId?.message)}>
        {(p) => (
          <select {...p} {...form.register("partnerId")} className={inputClass(Boolean(errors.partnerId))}>
            <option value="">{t("noPartner")}</option>
            {partners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("fields.office")} error={fieldError(errors.officeId?.message)}>
        {(p) => (
          <select {...p} {...form.register("officeId")} className={inputClass(Boolean(errors.officeId))}>
            <option value="">{t("noOffice")}</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {mode === "create" ? <p className="text-sm text-slate-700">{t("invitationHint")}</p> : null}
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : tc("save")}
        </Button>
      </div>
    </form>
  );
}
