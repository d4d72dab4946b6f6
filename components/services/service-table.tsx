import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable, type TColumn } from "@/components/ui/data-table";
import { CALENDAR_DATE, isoDate } from "@/lib/dates";
import { entryName } from "@/lib/domain/catalogue/names";
import type { TServiceListItem } from "@/lib/domain/services/service";
import { DeleteServiceButton } from "./delete-service-button";
import { formatMinutes } from "./format";

type TProps = {
  caption: string;
  services: TServiceListItem[];
  /** Show the date column (a day view does without it). */
  showDate?: boolean;
  /** Where the edit page returns to. */
  returnHref: string;
};

/**
 * Services as a table: when, how long, what, for whom, by whom — with edit and delete while allowed.
 * Neither async nor "use client": server pages render it, and so does the day view's client list,
 * which swaps in the list a logging action answers with (day-services.tsx).
 */
export function ServiceTable({ caption, services, showDate = true, returnHref }: TProps) {
  const t = useTranslations("services");
  const tp = useTranslations("paths");
  const tc = useTranslations("common");
  const format = useFormatter();
  const locale = useLocale();
  const day = (date: Date) => format.dateTime(date, CALENDAR_DATE);
  // Narrow screens keep when, what and the actions; the type's cell then repeats the topic and
  // the clients (md:hidden), and the edit page shows the rest.
  const timeHides = showDate ? "sm" : undefined;
  const columns: TColumn[] = [
    ...(showDate ? [t("columns.date")] : []),
    { label: t("columns.time"), hideBelow: timeHides },
    { label: t("columns.duration"), hideBelow: "sm" },
    t("columns.type"),
    { label: t("columns.clients"), hideBelow: "md" },
    { label: t("columns.providers"), hideBelow: "lg" },
    { label: t("columns.topic"), hideBelow: "md" },
    t("columns.actions"),
  ];
  return (
    <DataTable caption={caption} columns={columns}>
      {services.map((s) => (
        <tr key={s.id} className="border-b border-slate-200 align-top" data-testid="service-row">
          {showDate ? (
            <td className="p-2 whitespace-nowrap">
              <time dateTime={isoDate(s.date)}>{day(s.date)}</time>
            </td>
          ) : null}
          <td className={cn("p-2 whitespace-nowrap", cellClass(timeHides))}>{s.startTime ?? tc("none")}</td>
          <td className={cn("p-2 whitespace-nowrap", cellClass("sm"))}>{formatMinutes(s.durationMinutes)}</td>
          <td className="wrap-anywhere p-2">
            {entryName(s.supportTypeEntry, locale)}
            {s.specialistAreaEntry ? ` (${entryName(s.specialistAreaEntry, locale)})` : ""}
            <span className="block text-slate-600">
              {tp(`workForms.${s.form}`)} · {t(`channels.${s.channel}`)}
            </span>
            <span className="mt-1 block md:hidden">
              {s.topic ? <span className="block font-medium">{s.topic}</span> : null}
              {s.clients.map((c) => c.name).join(", ")}
            </span>
          </td>
          <td className={cn("wrap-anywhere p-2", cellClass("md"))}>
            <ul>
              {s.clients.map((c) => (
                <li key={c.id}>
                  <Link href={`/clients/${c.id}`} className="text-blue-800 underline">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          </td>
          <td className={cn("wrap-anywhere p-2", cellClass("lg"))}>{s.providers.map((p) => p.name).join(", ")}</td>
          <td className={cn("wrap-anywhere p-2", cellClass("md"))}>
            {s.topic ?? tc("none")}
            {s.notes ? <span className="mt-1 block line-clamp-3 whitespace-pre-line text-slate-700">{s.notes}</span> : null}
            {s.nextSteps ? <span className="mt-1 block text-slate-600">{t("nextStepsShort", { text: s.nextSteps })}</span> : null}
          </td>
          <td className="p-2 whitespace-nowrap">
            {s.canChange ? (
              <span className="flex gap-3">
                <Link href={`/services/${s.id}/edit?back=${encodeURIComponent(returnHref)}`} className="text-blue-800 underline" aria-label={t("editLabel", { date: day(s.date), type: entryName(s.supportTypeEntry, locale) })}>
                  {tc("edit")}
                </Link>
                <DeleteServiceButton serviceId={s.id} label={t("deleteLabel", { date: day(s.date), type: entryName(s.supportTypeEntry, locale) })} />
              </span>
            ) : s.eventId ? (
              <Link href={`/events/${s.eventId}`} className="text-blue-800 underline">
                {t("fromAttendance")}
              </Link>
            ) : (
              tc("none")
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
