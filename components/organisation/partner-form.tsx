"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createPartnerAction, updatePartnerAction } from "@/app/(app)/admin/partners/actions";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ZOrganisationUnitInput, type TOrganisationUnitInput } from "@/lib/domain/tenancy/schemas";

type TProps = { mode: "create" } | { mode: "edit"; partnerId: string; defaults: TOrganisationUnitInput };

/** Adds a partner (inline on the list, the form empties for the next one) or renames one. */
export function PartnerForm(props: TProps) {
  const t = useTranslations("organisation");
  const tc = useTranslations("common");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  // `raw`: the form keeps what the user typed; the service parses (and normalises) it again.
  const form = useForm<TOrganisationUnitInput, unknown, TOrganisationUnitInput>({
    resolver: zodResolver(ZOrganisationUnitInput, undefined, { raw: true }),
    defaultValues: props.mode === "edit" ? props.defaults : { name: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    const result = props.mode === "create" ? await createPartnerAction(values) : await updatePartnerAction(props.partnerId, values);
    if (!apply(result)) return;
    if (props.mode === "create") form.reset({ name: "" });
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
      {saved ? <Alert tone="success">{props.mode === "create" ? t("partnerCreated") : tc("saved")}</Alert> : null}
      <Field label={t("name")} error={fieldError(errors.name?.message)} required>
        {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass(Boolean(errors.name))} />}
      </Field>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : props.mode === "create" ? t("newPartner") : tc("save")}
        </Button>
      </div>
    </form>
  );
}
