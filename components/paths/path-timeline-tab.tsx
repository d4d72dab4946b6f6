import { getFormatter, getTranslations } from "next-intl/server";
import { TextLink } from "@/components/ui/text-link";
import { CALENDAR_DATE_MEDIUM, inPolishTime } from "@/lib/dates";
import type { TTimelineEvent } from "@/lib/domain/paths/service";

/**
 * Steps, plan decisions, annotations, monitoring, evaluations and exchanges with institutions of
 * the path, in time order. With `addExchangeHref` (a caller who may log one), a link to log an
 * exchange about the path's client.
 */
export async function PathTimelineTab({ events, addExchangeHref }: { events: TTimelineEvent[]; addExchangeHref?: string | null }) {
  const t = await getTranslations("paths");
  const tc = await getTranslations("cooperation");
  const format = await getFormatter();
  return (
    <>
      {addExchangeHref ? (
        <p className="mb-4">
          <TextLink href={addExchangeHref}>{tc("addExchange")}</TextLink>
        </p>
      ) : null}
      <ol className="flex flex-col gap-2 border-l-2 border-slate-300 pl-4">
        {events.map((e, i) =>
          e.kind === "exchange" ? (
            <li key={i} data-testid="timeline-exchange">
              <p className="text-sm text-slate-700">
                {format.dateTime(e.exchange.date, CALENDAR_DATE_MEDIUM)} · {e.actorName ?? "—"} · {tc(`directions.${e.exchange.direction}`)} ·{" "}
                {tc(`channels.${e.exchange.channel}`)}
              </p>
              <p>
                {tc("timeline.exchange", { institution: e.exchange.institution })}: {e.text}
              </p>
            </li>
          ) : (
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
          ),
        )}
      </ol>
    </>
  );
}
