"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { setAdvisorLimitAction } from "@/lib/actions/caseload";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { ZSetAdvisorLimitInput, type TSetAdvisorLimitInput } from "@/lib/domain/caseload/schemas";

type TProps = { advisorId: string; advisorName: string; load: number; limit: number; tenantMax: number };

/** "Zmień limit" on the caseload board: the advisor's own limit; empty means the tenant's maximum. */
export function LimitDialogButton({ advisorId, advisorName, load, limit, tenantMax }: TProps) {
  const t = useTranslations("caseload.limit");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="px-2 sm:px-4" onClick={() => setOpen(true)}>
        {t("button")}
        <span className="sr-only"> — {advisorName}</span>
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t("title", { advisor: advisorName })}
        closeLabel={t("close")}
        description={t("description", { load, limit })}
      >
        <LimitForm
          advisorId={advisorId}
          limit={limit}
          tenantMax={tenantMax}
          onCancel={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            router.refresh();
          }}
        />
      </Dialog>
    </>
  );
}

type TFormProps = { advisorId: string; limit: number; tenantMax: number; onCancel: () => void; onSaved: () => void };

function LimitForm({ advisorId, limit, tenantMax, onCancel, onSaved }: TFormProps) {
  const t = useTranslations("caseload.limit");
  const tv = useTranslations("validation");
  const tc = useTranslations("common");
  const form = useForm<TSetAdvisorLimitInput, unknown, TSetAdvisorLimitInput>({
    resolver: zodResolver(ZSetAdvisorLimitInput, undefined, { raw: true }),
    defaultValues: { limit: String(limit) },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const message = form.formState.errors.limit?.message;
  // The one message with a value in it: the tenant's maximum.
  const error = message === "limitAboveTenantMax" ? tv("limitAboveTenantMax", { max: tenantMax }) : fieldError(message);
  const onSubmit = form.handleSubmit(async (values) => {
    if (apply(await setAdvisorLimitAction(advisorId, values))) onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? (
        <Alert tone="error" data-testid="limit-error">
          {formError}
        </Alert>
      ) : null}
      <Field label={t("field")} hint={t("hint", { max: tenantMax })} error={error}>
        {(p) => (
          <input
            {...p}
            {...form.register("limit")}
            type="number"
            inputMode="numeric"
            min={0}
            max={tenantMax}
            step={1}
            className={cn(inputClass(Boolean(error)), "max-w-32")}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : tc("save")}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
