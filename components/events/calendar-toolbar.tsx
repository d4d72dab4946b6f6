import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FilterSelect } from "@/components/ui/filter-field";
import { CALENDAR_VIEWS, calendarHref, type TEventsCalendarPage } from "@/lib/domain/events/calendar";

type TProps = Pick<TEventsCalendarPage, "view" | "date" | "today" | "previous" | "next" | "filters" | "options">;

/**
 * The calendar's controls, plain links and a GET form (they work without JavaScript): month or
 * week, previous / today / next (keeping the filters), and the filters by kind, office and
 * staff trainer (keeping the period).
 */
export async function CalendarToolbar({ view, date, today, previous, next, filters, options }: TProps) {
  const t = await getTranslations("events");
  const tc = await getTranslations("common");
  return (
    <>
      <nav aria-label={t("calendar.periodNav")} className="mt-4 flex flex-wrap items-center gap-3">
        <ul className="flex gap-1">
          {CALENDAR_VIEWS.map((v) => (
            <li key={v}>
              <Link
                href={calendarHref(v, date, filters)}
                aria-current={v === view ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-2 text-sm font-medium",
                  v === view ? "bg-blue-700 text-white" : "border border-slate-400 text-slate-900 hover:bg-slate-100",
                )}
              >
                {t(`calendar.views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
        <ul className="flex flex-wrap gap-1">
          <li>
            <Link href={calendarHref(view, previous, filters)} rel="prev" className={buttonClass("secondary")}>
              {t(`calendar.previous.${view}`)}
            </Link>
          </li>
          <li>
            <Link href={calendarHref(view, today, filters)} className={buttonClass("secondary")}>
              {t("calendar.today")}
            </Link>
          </li>
          <li>
            <Link href={calendarHref(view, next, filters)} rel="next" className={buttonClass("secondary")}>
              {t(`calendar.next.${view}`)}
            </Link>
          </li>
        </ul>
      </nav>

      <form method="get" action="/events" role="search" aria-label={t("calendar.filters")} className="mt-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="view" value={view} />
        <input type="hidden" name="date" value={date} />
        <FilterSelect
          id="calendar-kind"
          name="kind"
          label={t("calendar.kind")}
          value={filters.kind}
          allLabel={tc("all")}
          options={options.kinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        />
        {options.offices.length > 0 ? (
          <FilterSelect
            id="calendar-office"
            name="officeId"
            label={t("calendar.office")}
            value={filters.officeId}
            allLabel={tc("all")}
            options={options.offices.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : null}
        {options.trainers.length > 0 ? (
          <FilterSelect
            id="calendar-trainer"
            name="trainerId"
            label={t("calendar.trainer")}
            value={filters.trainerId}
            allLabel={tc("all")}
            options={options.trainers.map((u) => ({ value: u.id, label: u.name }))}
          />
        ) : null}
        <button type="submit" className={buttonClass("secondary")}>
          {t("calendar.show")}
        </button>
      </form>
    </>
  );
}
