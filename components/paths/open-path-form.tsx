"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { openPathAction } from "@/lib/actions/paths";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { DEVELOPMENT_DIRECTIONS, WORK_FORMS, ZOpenPathInput, type TOpenPathInput } from "@/lib/domain/paths/schemas";
import { CatalogueSelect } from "@/components/catalogue/catalogue-select";
import type { TPathTemplateOption } from "@/lib/domain/catalogue/names";
import { DEFAULT_TEMPLATE } from "@/lib/domain/paths/templates";

/** Opens a path on one of the tenant's active templates (`templates`, the catalogue's). */
export function OpenPathForm({ clientId, templates }: { clientId: string; templates: TPathTemplateOption[] }) {
  const t = useTranslations("paths");
  const router = useRouter();
  const form = useForm<TOpenPathInput, unknown, TOpenPathInput>({
    resolver: zodResolver(ZOpenPathInput, undefined, { raw: true }),
    defaultValues: { direction: "FOUNDING_BY_NATURAL_PERSONS", workForm: "INDIVIDUAL", template: templates.some((tpl) => tpl.code === DEFAULT_TEMPLATE) ? DEFAULT_TEMPLATE : (templates[0]?.code ?? ""), identification: "" },
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await openPathAction(clientId, values);
    if (apply(result) && result.ok) router.push(`/paths/${result.data.id}`);
  });
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate>
      {formError ? (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}
      <Field label={t("fields.direction")} error={fieldError(errors.direction?.message)} required>
        {(p) => (
          <select {...p} {...form.register("direction")} className={inputClass()}>
            {DEVELOPMENT_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`directions.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("fields.workForm")} error={fieldError(errors.workForm?.message)} required>
        {(p) => (
          <select {...p} {...form.register("workForm")} className={inputClass()}>
            {WORK_FORMS.map((w) => (
              <option key={w} value={w}>
                {t(`workForms.${w}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("fields.template")} hint={t("fields.templateHint")} error={fieldError(errors.template?.message)} required>
        {(p) => (
          <CatalogueSelect {...p} {...form.register("template")} entries={templates} invalid={Boolean(errors.template)} />
        )}
      </Field>
      <Field label={t("fields.identification")} hint={t("fields.identificationHint")} error={fieldError(errors.identification?.message)}>
        {(p) => <textarea {...p} {...form.register("identification")} rows={5} className={inputClass()} />}
      </Field>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("openPath")}
        </Button>
      </div>
    </form>
  );
}
