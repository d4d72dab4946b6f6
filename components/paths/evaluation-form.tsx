"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useFieldArray, useForm } from "react-hook-form";
import { addEvaluationAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { todayInPoland } from "@/lib/dates";
import { RESULT_TYPES, ZEvaluationInput, type TEvaluationInput } from "@/lib/domain/paths/schemas";
import { SphereCheckboxes } from "./sphere-checkboxes";
import { usePathForm } from "./use-path-form";

/** Step 6: the overall assessment and the results achieved, each with its evidence and KPRES spheres (the client's to start with). */
export function EvaluationForm({ pathId, clientSpheres }: { pathId: string; clientSpheres: TEvaluationInput["results"][number]["kpresSpheres"] }) {
  const t = useTranslations("paths");
  const form = useForm<TEvaluationInput, unknown, TEvaluationInput>({
    resolver: zodResolver(ZEvaluationInput, undefined, { raw: true }),
    defaultValues: { assessment: "", results: [] },
  });
  const results = useFieldArray({ control: form.control, name: "results" });
  const { run, formError, fieldError, saved } = usePathForm(form, { resetOnSuccess: true });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => run(() => addEvaluationAction(pathId, values)));
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">{t("evaluationSaved")}</Alert> : null}
      <Field label={t("fields.assessment")} error={fieldError(errors.assessment?.message)} required>
        {(p) => <textarea {...p} {...form.register("assessment")} rows={4} className={inputClass(Boolean(errors.assessment))} />}
      </Field>
      {results.fields.map((field, index) => {
        const e = errors.results?.[index];
        return (
          <fieldset key={field.id} className="grid gap-3 rounded-md border border-slate-300 bg-white p-4 md:grid-cols-3">
            <legend className="px-1 font-semibold">{t("resultNumber", { number: index + 1 })}</legend>
            <Field label={t("fields.resultType")} error={fieldError(e?.type?.message)} required>
              {(p) => (
                <select {...p} {...form.register(`results.${index}.type`)} className={inputClass()}>
                  {RESULT_TYPES.map((r) => (
                    <option key={r} value={r}>
                      {t(`resultTypes.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t("fields.quantity")} error={fieldError(e?.quantity?.message)} required>
              {(p) => <input {...p} type="number" min={1} {...form.register(`results.${index}.quantity`)} className={inputClass(Boolean(e?.quantity))} />}
            </Field>
            <Field label={t("fields.achievedOn")} error={fieldError(e?.achievedOn?.message)} required>
              {(p) => <input {...p} type="date" {...form.register(`results.${index}.achievedOn`)} className={inputClass(Boolean(e?.achievedOn))} />}
            </Field>
            <Field label={t("fields.evidenceKind")} hint={t("fields.evidenceKindHint")} error={fieldError(e?.evidenceKind?.message)} required>
              {(p) => <input {...p} {...form.register(`results.${index}.evidenceKind`)} className={inputClass(Boolean(e?.evidenceKind))} />}
            </Field>
            <Field label={t("fields.evidenceReference")} error={fieldError(e?.evidenceReference?.message)}>
              {(p) => <input {...p} {...form.register(`results.${index}.evidenceReference`)} className={inputClass()} />}
            </Field>
            <SphereCheckboxes
              legend={t("results.spheres")}
              hint={t("results.spheresHint")}
              registration={form.register(`results.${index}.kpresSpheres`)}
              error={fieldError(e?.kpresSpheres?.message)}
            />
            <div className="flex items-end">
              <Button variant="secondary" onClick={() => results.remove(index)}>
                {t("removeResult", { number: index + 1 })}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          onClick={() =>
            results.append({
              type: "JOBS_CREATED",
              quantity: 1,
              achievedOn: todayInPoland(),
              evidenceKind: "",
              evidenceReference: "",
              description: "",
              kpresSpheres: [...(clientSpheres ?? [])],
            })
          }
        >
          {t("addResult")}
        </Button>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("saveEvaluation")}
        </Button>
      </div>
    </form>
  );
}
