import { getFormatter, getTranslations } from "next-intl/server";
import { inPolishTime } from "@/lib/dates";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import type { TPathStep } from "@/lib/domain/paths/state-machine";
import { AddAnnotationForm, ReviseAnnotationForm } from "./annotation-forms";

type TProps = { pathId: string; annotations: Extract<TPathPageTab, { name: "annotations" }>["annotations"]; step: TPathStep; canAnnotate: boolean };

/** Annotations, each shown as its latest revision with the earlier ones folded away. */
export async function PathAnnotationsTab({ pathId, annotations, step, canAnnotate }: TProps) {
  const t = await getTranslations("paths");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, inPolishTime({ dateStyle: "medium", timeStyle: "short" }));
  const byAnnotation = new Map<string, typeof annotations>();
  for (const a of annotations) byAnnotation.set(a.annotationId, [...(byAnnotation.get(a.annotationId) ?? []), a]);
  return (
    <div className="flex flex-col gap-6">
      {canAnnotate ? <AddAnnotationForm pathId={pathId} step={step} /> : null}
      {byAnnotation.size === 0 ? <p>{t("noAnnotations")}</p> : null}
      <ul className="flex flex-col gap-3">
        {[...byAnnotation.entries()].map(([annotationId, revisions]) => {
          const current = revisions[revisions.length - 1];
          if (!current) return null;
          return (
            <li key={annotationId} className="rounded-md border border-slate-300 bg-white p-3">
              <p className="text-sm text-slate-700">
                {t(`steps.${current.step}`)} · {when(current.createdAt)} · {current.authorName ?? "—"}
                {current.revision > 1 ? ` · ${t("revisionNumber", { number: current.revision })}` : ""}
              </p>
              <p className="mt-1 whitespace-pre-line">{current.text}</p>
              {revisions.length > 1 ? (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-blue-800">{t("earlierRevisions", { count: revisions.length - 1 })}</summary>
                  <ol className="mt-2 flex flex-col gap-2">
                    {revisions.slice(0, -1).map((r) => (
                      <li key={r.id}>
                        <span className="text-slate-700">
                          {t("revisionNumber", { number: r.revision })} · {when(r.createdAt)} · {r.authorName ?? "—"}:
                        </span>{" "}
                        <span className="whitespace-pre-line">{r.text}</span>
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
              {canAnnotate ? <ReviseAnnotationForm pathId={pathId} annotationId={annotationId} text={current.text} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
