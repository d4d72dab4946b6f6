"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Controller } from "react-hook-form";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field, inputClass } from "@/components/ui/field";
import { createSubjectRequestAction } from "@/lib/actions/privacy-requests";
import { SUBJECT_REQUEST_KINDS, ZCreateSubjectRequestInput, type TCreateSubjectRequestInput } from "@/lib/domain/privacy/request-schemas";
import { PersonPicker } from "./person-picker";
import { useRequestFieldError } from "./request-errors";

/** Registers a data subject's request: its kind, who asked, when it came, and the person it concerns when found. */
export function RequestForm({ today }: { today: string }) {
  const t = useTranslations("privacy.requests");
  const fieldError = useRequestFieldError();
  const router = useRouter();
  const { form, errors, submitting, onSubmit, formError } = useActionForm<TCreateSubjectRequestInput, { id: string }>({
    schema: ZCreateSubjectRequestInput,
    defaultValues: { kind: "", requesterName: "", clientId: "", receivedOn: today },
    action: createSubjectRequestAction,
    onSuccess: (data) => router.push(`/privacy/requests/${data.id}?created=1`),
  });

  return (
    <FormShell onSubmit={onSubmit} className="max-w-2xl" error={formError} submitLabel={t("form.create")} submitting={submitting}>
      <Field label={t("fields.kind")} error={fieldError(errors.kind?.message)} required>
        {(p) => (
          <EnumSelect
            {...p}
            {...form.register("kind")}
            options={SUBJECT_REQUEST_KINDS}
            namespace="privacy.requestKinds"
            placeholder={t("form.chooseKind")}
            invalid={Boolean(errors.kind)}
          />
        )}
      </Field>
      <Field label={t("fields.requesterName")} hint={t("hints.requesterName")} error={fieldError(errors.requesterName?.message)} required>
        {(p) => <input {...p} {...form.register("requesterName")} autoComplete="off" className={inputClass(Boolean(errors.requesterName))} />}
      </Field>
      <Field label={t("fields.receivedOn")} hint={t("hints.receivedOn")} error={fieldError(errors.receivedOn?.message)} required>
        {(p) => <input {...p} {...form.register("receivedOn")} type="date" max={today} className={inputClass(Boolean(errors.receivedOn)) + " max-w-48"} />}
      </Field>
      <Controller
        control={form.control}
        name="clientId"
        render={({ field }) => <PersonPicker value={field.value ?? ""} onChange={field.onChange} error={fieldError(errors.clientId?.message)} />}
      />
    </FormShell>
  );
}
