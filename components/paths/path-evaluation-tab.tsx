import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, inPolishTime, isoDate } from "@/lib/dates";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import { EvaluationForm } from "./evaluation-form";
import { ResultActions } from "./result-actions";

/**
 * Step 6: the evaluations with their results, evidence and KPRES spheres, and a new one in the
 * evaluation step. A result is evidence toward the indicators: whoever may work on the path
 * corrects or withdraws it (even once closed); a withdrawn one stays, struck through, with why.
 */
type TTab = Extract<TPathPageTab, { name: "evaluation" }>;
type TProps = {
  pathId: string;
  evaluations: TTab["evaluations"];
  clientSpheres: TTab["clientSpheres"];
  canEvaluate: boolean;
  canCorrect: boolean;
};

export async function PathEvaluationTab({ pathId, evaluations, clientSpheres, canEvaluate, canCorrect }: TProps) {
  const t = await getTranslations("paths");
  const ts = await getTranslations("clients.spheres");
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
          <ul className="mt-2 flex list-disc flex-col gap-1 pl-5 text-sm" data-testid="evaluation-results">
            {e.results.map((r) => {
              const label = `${t(`resultTypes.${r.type}`)}: ${r.quantity}`;
              const text = (
                <>
                  {label} ({format.dateTime(r.achievedOn, CALENDAR_DATE)}; {r.evidenceKind}
                  {r.evidenceReference ? `, ${r.evidenceReference}` : ""})
                  {r.kpresSpheres.length ? ` · ${t("results.spheresList", { spheres: r.kpresSpheres.map((s) => ts(s)).join(", ") })}` : ""}
                </>
              );
              if (r.withdrawnAt) {
                return (
                  <li key={r.id} data-testid="result-withdrawn">
                    <s>{text}</s> <strong className="font-semibold">{t("results.withdrawn")}</strong>
                    {r.withdrawReason ? `: ${r.withdrawReason}` : ""}
                  </li>
                );
              }
              return (
                <li key={r.id}>
                  {text}
                  {r.description ? <span className="block text-slate-700">{r.description}</span> : null}
                  {canCorrect ? (
                    <ResultActions
                      pathId={pathId}
                      resultId={r.id}
                      label={label}
                      createsJobs={r.type === "JOBS_CREATED"}
                      values={{
                        quantity: r.quantity,
                        achievedOn: isoDate(r.achievedOn),
                        evidenceKind: r.evidenceKind,
                        evidenceReference: r.evidenceReference ?? "",
                        description: r.description ?? "",
                        kpresSpheres: r.kpresSpheres,
                      }}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
        </article>
      ))}
      {canEvaluate ? <EvaluationForm pathId={pathId} clientSpheres={clientSpheres} /> : <p>{t("evaluationInEvaluationStep")}</p>}
    </div>
  );
}
