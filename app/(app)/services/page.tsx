import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { newServiceDefaults } from "@/components/services/form-defaults";
import { formatMinutes } from "@/components/services/format";
import { ServiceForm } from "@/components/services/service-form";
import { ServiceTable } from "@/components/services/service-table";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { addDays, asCalendarDate, dateOnly, todayInPoland } from "@/lib/dates";
import { getServiceFormOptions, listOwnServices } from "@/lib/domain/services/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("services"))("dayTitle") };
}

type TProps = { searchParams: Promise<{ date?: string; view?: string }> };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The advisor's day (or week): quick entry on top, what they delivered or logged below, with totals. */
export default async function MyServicesPage({ searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const today = todayInPoland();
  const view = params.view === "week" ? "week" : "day";
  const date = params.date && ISO_DATE.test(params.date) && !Number.isNaN(dateOnly(params.date).getTime()) ? params.date : today;
  const [own, options] = await loadForPage(() => Promise.all([listOwnServices(ctx, { date, view }), getServiceFormOptions(ctx)]));
  const t = await getTranslations("services");
  const format = await getFormatter();
  const longDate = (iso: string) => format.dateTime(dateOnly(iso), asCalendarDate({ dateStyle: "full" }));
  const step = view === "week" ? 7 : 1;
  const hrefFor = (d: string, v: string = view) => `/services?${new URLSearchParams({ date: d, view: v })}`;
  const returnHref = hrefFor(date);
  const heading = view === "week" ? t("weekHeading", { from: longDate(own.from), to: longDate(own.to) }) : longDate(own.date);

  return (
    <>
      <h1 className="text-2xl font-bold">{view === "week" ? t("weekTitle") : t("dayTitle")}</h1>

      <nav aria-label={t("periodNav")} className="mt-4 flex flex-wrap items-end gap-3">
        <ul className="flex gap-1">
          {(["day", "week"] as const).map((v) => (
            <li key={v}>
              <Link
                href={hrefFor(date, v)}
                aria-current={v === view ? "page" : undefined}
                className={cn("block rounded-md px-3 py-2 text-sm font-medium", v === view ? "bg-blue-700 text-white" : "border border-slate-400 text-slate-900 hover:bg-slate-100")}
              >
                {t(`views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
        <Link href={hrefFor(addDays(date, -step))} className={buttonClass("secondary")} rel="prev">
          {t(view === "week" ? "previousWeek" : "previousDay")}
        </Link>
        {date !== today ? (
          <Link href={hrefFor(today)} className={buttonClass("secondary")}>
            {t("today")}
          </Link>
        ) : null}
        {addDays(date, step) <= addDays(today, view === "week" ? 6 : 0) ? (
          <Link href={hrefFor(addDays(date, step))} className={buttonClass("secondary")} rel="next">
            {t(view === "week" ? "nextWeek" : "nextDay")}
          </Link>
        ) : null}
        <form method="get" className="flex items-end gap-2">
          <input type="hidden" name="view" value={view} />
          <div className="flex flex-col gap-1">
            <label htmlFor="services-date" className="text-sm font-medium">
              {t("goToDate")}
            </label>
            <input id="services-date" name="date" type="date" max={today} defaultValue={date} className={inputClass()} />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            {t("show")}
          </button>
        </form>
      </nav>

      <section aria-labelledby="new-service-heading" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
        <h2 id="new-service-heading" className="mb-3 text-lg font-semibold">
          {t("newTitle")}
        </h2>
        <ServiceForm
          mode={{ kind: "create" }}
          draftKey={`service-draft:${ctx.userId}:day`}
          defaults={newServiceDefaults({ today, userId: ctx.userId, officeId: options.myOfficeId })}
          options={options}
        />
      </section>

      <section aria-labelledby="logged-heading" className="mt-6">
        <h2 id="logged-heading" className="text-lg font-semibold">
          {heading}
        </h2>
        <p className="mt-1" data-testid="period-total">
          {t("total", { count: own.count, duration: formatMinutes(own.minutes) })}
        </p>
        {view === "day" ? (
          own.count === 0 ? (
            <p className="mt-4">{t("emptyDay")}</p>
          ) : (
            <ServiceTable caption={heading} services={own.days[0]?.records ?? []} showDate={false} returnHref={returnHref} />
          )
        ) : (
          own.days.map((day) => (
            <section key={day.date} aria-labelledby={`day-${day.date}`} className="mt-6">
              <h3 id={`day-${day.date}`} className="font-semibold">
                <Link href={hrefFor(day.date, "day")} className="text-blue-800 underline">
                  {longDate(day.date)}
                </Link>{" "}
                — {t("total", { count: day.records.length, duration: formatMinutes(day.minutes) })}
              </h3>
              {day.records.length > 0 ? <ServiceTable caption={longDate(day.date)} services={day.records} showDate={false} returnHref={returnHref} /> : null}
            </section>
          ))
        )}
      </section>
    </>
  );
}
