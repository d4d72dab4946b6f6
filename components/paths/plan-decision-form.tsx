"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { decidePlanAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { ZDecidePlanInput, type TDecidePlanInput } from "@/lib/domain/paths/schemas";
import { usePathForm } from "./use-path-form";

/** The coordinator (or manager) approves the submitted version or returns it with comments. */
export function PlanDecisionForm({ pathId, versionId }: { pathId: string; versionId: string }) {
  const t = useTranslations("paths");
  const form = useForm<TDecidePlanInput, unknown, TDecidePlanInput>({
    resolver: zodResolver(ZDecidePlanInput, undefined, { raw: true }),
    defaultValues: { decision: "APPROVE", comment: "" },
  });
  const { run, formError, fieldError } = usePathForm(form);
  const decide = (decision: "APPROVE" | "RETURN") => {
    form.setValue("decision", decision);
    return form.handleSubmit((values) => run(() => decidePlanAction(pathId, versionId, values)))();
  };
  return (
    <form onSubmit={(e) => e.preventDefault()} className="flex max-w-2xl flex-col gap-3 rounded-md border border-slate-300 bg-white p-4" noValidate>
      <h3 className="font-semibold">{t("decisionTitle")}</h3>
      {formError ? (
        <Alert tone="error" data-testid="decision-error">
          {formError}
        </Alert>
      ) : null}
      <Field label={t("fields.decisionComment")} hint={t("fields.decisionCommentHint")} error={fieldError(form.formState.errors.comment?.message)}>
        {(p) => <textarea {...p} {...form.register("comment")} rows={3} className={inputClass(Boolean(form.formState.errors.comment))} />}
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => decide("APPROVE")} disabled={form.formState.isSubmitting}>
          {t("approvePlan")}
        </Button>
        <Button variant="secondary" onClick={() => decide("RETURN")} disabled={form.formState.isSubmitting}>
          {t("returnPlan")}
        </Button>
      </div>
    </form>
  );
}
