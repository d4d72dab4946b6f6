"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { savePlanAction, submitPlanAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { CatalogueSelect } from "@/components/catalogue/catalogue-select";
import type { TCatalogueOption, TSupportTypeOption } from "@/lib/domain/catalogue/names";
import { PLAN_ACTION_STATUSES, ZSavePlanInput, type TSavePlanInput } from "@/lib/domain/paths/schemas";
import { usePathForm } from "./use-path-form";

type TLatest = { id: string; number: number; status: string; revision: number } | null;

const EMPTY_ACTION = {
  supportType: "",
  specialistArea: "",
  description: "",
  plannedFrom: "",
  plannedTo: "",
  responsibleUserId: "",
  expectedResult: "",
  status: "PLANNED",
} as const;

/**
 * Edits the latest plan version (or starts the next one from an approved plan). Saving names the
 * revision the user started from: if someone saved meanwhile, the save is refused with a conflict
 * message and everything typed stays in the form.
 */
export function PlanEditor({
  pathId,
  latest,
  defaults,
  staff,
  supportTypes,
  specialistAreas,
}: {
  pathId: string;
  latest: TLatest;
  defaults: TSavePlanInput;
  staff: { id: string; name: string }[];
  /** The tenant's catalogue lists: active entries are offered, and the retired ones the plan already names. */
  supportTypes: TSupportTypeOption[];
  specialistAreas: TCatalogueOption[];
}) {
  const t = useTranslations("paths");
  const tcat = useTranslations("catalogue");
  const keptTypes = defaults.actions.map((a) => a.supportType);
  const keptAreas = defaults.actions.map((a) => a.specialistArea);
  const form = useForm<TSavePlanInput, unknown, TSavePlanInput>({
    resolver: zodResolver(ZSavePlanInput, undefined, { raw: true }),
    defaultValues: defaults,
  });
  const actions = useFieldArray({ control: form.control, name: "actions" });
  const { run, formError, fieldError, saved } = usePathForm(form);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const errors = form.formState.errors;
  const canSubmit = latest !== null && (latest.status === "DRAFT" || latest.status === "RETURNED") && !form.formState.isDirty;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await run(() => savePlanAction(pathId, values));
    // The next save starts from what was just stored.
    if (result.ok) form.reset({ ...values, versionId: result.data.versionId, baseRevision: result.data.revision });
  });

  async function submitForApproval() {
    if (!latest) return;
    setSubmitError(null);
    // The revision this form last stored, not the page's: right after a save the page's props are
    // stale until the refresh arrives, and submitting with them would conflict with one's own save.
    const stored = form.getValues();
    const versionId = stored.versionId ?? latest.id;
    const baseRevision = stored.versionId === latest.id && stored.baseRevision !== null ? Number(stored.baseRevision) : latest.revision;
    const result = await run(() => submitPlanAction(pathId, { versionId, baseRevision }));
    if (!result.ok) setSubmitError(result.code);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError ? (
        <Alert tone="error" data-testid="plan-error">
          {formError}
        </Alert>
      ) : null}
      {saved ? <Alert tone="success">{t("planSaved")}</Alert> : null}
      {errors.actions?.root?.message || errors.actions?.message ? (
        <p className="text-sm font-medium text-red-700">{fieldError(errors.actions?.root?.message ?? errors.actions?.message)}</p>
      ) : null}
      <Field label={t("fields.planSummary")} error={fieldError(errors.summary?.message)}>
        {(p) => <textarea {...p} {...form.register("summary")} rows={3} className={inputClass()} />}
      </Field>
      {actions.fields.map((field, index) => {
        const e = errors.actions?.[index];
        return (
          <fieldset key={field.id} className="grid gap-3 rounded-md border border-slate-300 bg-white p-4 md:grid-cols-2">
            <legend className="px-1 font-semibold">{t("actionNumber", { number: index + 1 })}</legend>
            <Field label={t("fields.supportType")} error={fieldError(e?.supportType?.message)} required>
              {(p) => (
                <CatalogueSelect
                  {...p}
                  {...form.register(`actions.${index}.supportType`)}
                  entries={supportTypes}
                  kept={keptTypes}
                  placeholder={tcat("choose")}
                  invalid={Boolean(e?.supportType)}
                />
              )}
            </Field>
            <Field label={t("fields.specialistArea")} hint={t("fields.specialistAreaHint")} error={fieldError(e?.specialistArea?.message)}>
              {(p) => (
                <CatalogueSelect
                  {...p}
                  {...form.register(`actions.${index}.specialistArea`)}
                  entries={specialistAreas}
                  kept={keptAreas}
                  placeholder={t("none")}
                  invalid={Boolean(e?.specialistArea)}
                />
              )}
            </Field>
            <div className="md:col-span-2">
              <Field label={t("fields.actionDescription")} error={fieldError(e?.description?.message)} required>
                {(p) => <textarea {...p} {...form.register(`actions.${index}.description`)} rows={2} className={inputClass(Boolean(e?.description))} />}
              </Field>
            </div>
            <Field label={t("fields.plannedFrom")} error={fieldError(e?.plannedFrom?.message)}>
              {(p) => <input {...p} type="date" {...form.register(`actions.${index}.plannedFrom`)} className={inputClass()} />}
            </Field>
            <Field label={t("fields.plannedTo")} error={fieldError(e?.plannedTo?.message)}>
              {(p) => <input {...p} type="date" {...form.register(`actions.${index}.plannedTo`)} className={inputClass(Boolean(e?.plannedTo))} />}
            </Field>
            <Field label={t("fields.responsible")} error={fieldError(e?.responsibleUserId?.message)}>
              {(p) => (
                <select {...p} {...form.register(`actions.${index}.responsibleUserId`)} className={inputClass()}>
                  <option value="">{t("none")}</option>
                  {staff.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("fields.actionStatus")} error={fieldError(e?.status?.message)}>
              {(p) => (
                <select {...p} {...form.register(`actions.${index}.status`)} className={inputClass()}>
                  {PLAN_ACTION_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`actionStatuses.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="md:col-span-2">
              <Field label={t("fields.expectedResult")} error={fieldError(e?.expectedResult?.message)}>
                {(p) => <input {...p} {...form.register(`actions.${index}.expectedResult`)} className={inputClass()} />}
              </Field>
            </div>
            <div className="md:col-span-2">
              <Button variant="secondary" onClick={() => actions.remove(index)}>
                {t("removeAction", { number: index + 1 })}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => actions.append({ ...EMPTY_ACTION })}>
          {t("addAction")}
        </Button>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {latest && (latest.status === "APPROVED" || latest.status === "SUPERSEDED") ? t("saveAsNewVersion") : t("savePlan")}
        </Button>
        {canSubmit ? (
          <Button variant="primary" onClick={submitForApproval}>
            {t("submitPlan")}
          </Button>
        ) : null}
      </div>
      {submitError ? <Alert tone="error">{t("submitFailed")}</Alert> : null}
    </form>
  );
}
