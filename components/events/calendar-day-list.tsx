import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { asCalendarDate, dateOnly } from "@/lib/dates";
import type { TCalendarDay } from "@/lib/domain/events/calendar";
import { CalendarSession } from "./calendar-session";

const DAY_HEADING = asCalendarDate({ weekday: "long", day: "numeric", month: "long" } as const);

/**
 * Days as a list, each with a heading and its sessions in detail: the week view, and the month on
 * narrow screens (only the days that have sessions). A day without sessions says so.
 */
export async function CalendarDayList({ days, label, className }: { days: TCalendarDay[]; label: string; className?: string }) {
  const t = await getTranslations("events.calendar");
  const format = await getFormatter();
  if (days.length === 0) return <p className={className}>{t("empty")}</p>;
  return (
    <ol aria-label={label} className={cn("flex flex-col gap-4", className)} data-testid="calendar-days">
      {days.map((day) => (
        <li key={day.date} data-date={day.date} aria-current={day.isToday ? "date" : undefined} className="rounded-md border border-slate-300 bg-white p-3">
          <h3 className="font-semibold first-letter:uppercase">
            {format.dateTime(dateOnly(day.date), DAY_HEADING)}
            {day.isToday ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-sm font-medium text-amber-900">{t("todayMarker")}</span> : null}
          </h3>
          {day.sessions.length > 0 ? (
            <ul className="mt-2 flex flex-col gap-2">
              {day.sessions.map((session) => (
                <li key={session.sessionId}>
                  <CalendarSession session={session} detailed />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-700">{t("noSessions")}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
