"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createOfficeAction, updateOfficeAction } from "@/app/(app)/admin/offices/actions";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ZOfficeInput, type TOfficeInput } from "@/lib/domain/tenancy/schemas";

type TProps = { mode: "create" } | { mode: "edit"; officeId: string; defaults: TOfficeInput };

/** Adds an office (inline on the list, the form empties for the next one) or edits one. */
export function OfficeForm(props: TProps) {
  const t = useTranslations("organisation");
  const tc = useTranslations("common");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  // `raw`: the form keeps what the user typed; the service parses (and normalises) it again.
  const form = useForm<TOfficeInput, unknown, TOfficeInput>({
    resolver: zodResolver(ZOfficeInput, undefined, { raw: true }),
    defaultValues: props.mode === "edit" ? props.defaults : { name: "", address: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    const result = props.mode === "create" ? await createOfficeAction(values) : await updateOfficeAction(props.officeId, values);
    if (!apply(result)) return;
    if (props.mode === "create") form.reset({ name: "", address: "" });
    setSaved(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      <p className="text-sm text-slate-700">{tc("requiredHint")}</p>
      {formError ? (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}
      {saved ? <Alert tone="success">{props.mode === "create" ? t("officeCreated") : tc("saved")}</Alert> : null}
      <Field label={t("name")} error={fieldError(errors.name?.message)} required>
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass(Boolean(errors.name))} />}
      </Field>
      <Field label={t("address")} error={fieldError(errors.address?.message)}>
        {(p) => <input {...p} {...form.register("address")} autoComplete="off" className={inputClass(Boolean(errors.address))} />}
      </Field>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : props.mode === "create" ? t("newOffice") : tc("save")}
        </Button>
      </div>
    </form>
  );
}
