import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { asCalendarDate, dateOnly } from "@/lib/dates";
import type { TCalendarDay } from "@/lib/domain/events/calendar";
import { CalendarSession } from "./calendar-session";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const DAY_NAME = asCalendarDate({ day: "numeric", month: "long" } as const);

/**
 * The month as a table: a row per week (Monday first), a cell per day listing its sessions. Days
 * of the neighbouring months are greyed and still list theirs. Shown from the sm breakpoint on;
 * narrower screens get the list of days instead (CalendarDayList), as a 7-column grid cannot fit.
 */
export async function CalendarMonthGrid({ weeks, caption, className }: { weeks: TCalendarDay[][]; caption: string; className?: string }) {
  const t = await getTranslations("events.calendar");
  const format = await getFormatter();
  return (
    <div className={className}>
      <table className="w-full table-fixed border-collapse bg-white text-sm" data-testid="calendar-month">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col" className="border border-slate-300 bg-slate-50 px-1 py-2 text-left font-semibold">
                <abbr title={t(`weekdayNames.${day}`)} className="no-underline">
                  {t(`weekdays.${day}`)}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.date}>
              {week.map((day) => (
                <td
                  key={day.date}
                  data-date={day.date}
                  aria-current={day.isToday ? "date" : undefined}
                  className={cn("h-24 min-w-0 border border-slate-300 p-1 align-top", !day.inPeriod && "bg-slate-50", day.isToday && "bg-amber-50")}
                >
                  <p className={cn("text-sm", day.isToday ? "font-bold text-slate-900" : day.inPeriod ? "font-semibold text-slate-900" : "text-slate-600")}>
                    <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                    <span className="sr-only">
                      {format.dateTime(dateOnly(day.date), DAY_NAME)}
                      {day.isToday ? ` (${t("todayMarker")})` : ""}
                    </span>
                  </p>
                  {day.sessions.length > 0 ? (
                    <ul className="mt-1 flex flex-col gap-1">
                      {day.sessions.map((session) => (
                        <li key={session.sessionId}>
                          <CalendarSession session={session} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
