import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, inPolishTime } from "@/lib/dates";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import { EvaluationForm } from "./evaluation-form";

/** Step 6: the evaluations with their results and evidence, and a new one in the evaluation step. */
type TProps = { pathId: string; evaluations: Extract<TPathPageTab, { name: "evaluation" }>["evaluations"]; canEvaluate: boolean };

export async function PathEvaluationTab({ pathId, evaluations, canEvaluate }: TProps) {
  const t = await getTranslations("paths");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, inPolishTime({ dateStyle: "medium", timeStyle: "short" }));
  return (
    <div className="flex flex-col gap-6">
      {evaluations.map((e) => (
        <article key={e.id} className="rounded-md border border-slate-300 bg-white p-3" aria-label={t("evaluationOf", { date: when(e.createdAt) })}>
          <p className="text-sm text-slate-700">
            {when(e.createdAt)} · {e.authorName ?? "—"}
          </p>
          <p className="mt-1 whitespace-pre-line">{e.assessment}</p>
          <ul className="mt-2 list-disc pl-5 text-sm" data-testid="evaluation-results">
            {e.results.map((r) => (
              <li key={r.id}>
                {t(`resultTypes.${r.type}`)}: {r.quantity} ({format.dateTime(r.achievedOn, CALENDAR_DATE)}; {r.evidenceKind}
                {r.evidenceReference ? `, ${r.evidenceReference}` : ""})
              </li>
            ))}
          </ul>
        </article>
      ))}
      {canEvaluate ? <EvaluationForm pathId={pathId} /> : <p>{t("evaluationInEvaluationStep")}</p>}
    </div>
  );
}
