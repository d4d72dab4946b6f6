import { getFormatter, getTranslations } from "next-intl/server";
import { inPolishTime } from "@/lib/dates";
import type { TTimelineEvent } from "@/lib/domain/paths/service";

/** Steps, plan decisions, annotations, monitoring and evaluations of the path, in time order. */
export async function PathTimelineTab({ events }: { events: TTimelineEvent[] }) {
  const t = await getTranslations("paths");
  const format = await getFormatter();
  return (
    <ol className="flex flex-col gap-2 border-l-2 border-slate-300 pl-4">
      {events.map((e, i) => (
        <li key={i}>
          <p className="text-sm text-slate-700">
            {format.dateTime(e.at, inPolishTime({ dateStyle: "medium", timeStyle: "short" }))} · {e.actorName ?? "—"}
          </p>
          <p>
            {t(`timeline.${e.kind}`, {
              step: e.step ? t(`steps.${e.step}`) : "",
              number: e.planNumber ?? 0,
              status: e.planStatus ? t(`planStatuses.${e.planStatus}`) : "",
            })}
            {e.text ? `: ${e.text}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
