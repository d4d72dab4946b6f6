import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CalendarDayList } from "@/components/events/calendar-day-list";
import { CalendarMonthGrid } from "@/components/events/calendar-month-grid";
import { CalendarToolbar } from "@/components/events/calendar-toolbar";
import { buttonClass } from "@/components/ui/button";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { asCalendarDate, dateOnly } from "@/lib/dates";
import { getEventsCalendarPage } from "@/lib/domain/events/calendar";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events.calendar"))("title") };
}

type TSearch = { view?: string; date?: string; kind?: string; officeId?: string; trainerId?: string };

const MONTH = asCalendarDate({ month: "long", year: "numeric" } as const);
const DAY = asCalendarDate({ day: "numeric", month: "long", year: "numeric" } as const);

/**
 * The events calendar: a month (a grid from the sm breakpoint on, the days with sessions as a
 * list below it) or a week (a list of its seven days), filtered by kind, office and trainer.
 */
export default async function EventsCalendarPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // The service parses the query string: a bad date or kind is dropped, an unknown id finds nothing.
  const calendar = await loadForPage(() =>
    getEventsCalendarPage(ctx, { view: params.view, date: params.date, kind: params.kind, officeId: params.officeId, trainerId: params.trainerId }),
  );
  const t = await getTranslations("events.calendar");
  const format = await getFormatter();
  const monthName = format.dateTime(dateOnly(`${calendar.month}-01`), MONTH);
  const heading =
    calendar.view === "month"
      ? t("monthHeading", { month: monthName })
      : t("weekHeading", { from: format.dateTime(dateOnly(calendar.from), DAY), to: format.dateTime(dateOnly(calendar.to), DAY) });
  const days = calendar.weeks.flat();

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {calendar.canCreate ? (
          <Link href="/events/new" className={buttonClass("primary")}>
            {t("newEvent")}
          </Link>
        ) : null}
      </div>

      <CalendarToolbar {...calendar} />

      <section aria-labelledby="calendar-heading" className="mt-6">
        <h2 id="calendar-heading" className="text-xl font-semibold first-letter:uppercase">
          {heading}
        </h2>
        <p className="mt-1 text-sm text-slate-700" data-testid="calendar-summary" data-count={calendar.sessionCount}>
          {t("summary", { count: calendar.sessionCount })}
        </p>
        {calendar.view === "month" ? (
          <>
            <CalendarMonthGrid weeks={calendar.weeks} caption={t("monthCaption", { month: monthName })} className="mt-4 hidden sm:block" />
            <CalendarDayList
              days={days.filter((day) => day.inPeriod && day.sessions.length > 0)}
              label={t("daysWithEvents", { month: monthName })}
              className="mt-4 sm:hidden"
            />
          </>
        ) : (
          <CalendarDayList days={days} label={heading} className="mt-4" />
        )}
      </section>
    </>
  );
}
