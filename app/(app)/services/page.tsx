import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { newServiceDefaults } from "@/components/services/form-defaults";
import { ServiceForm } from "@/components/services/service-form";
import { DayServicesList, ServicesDayProvider } from "@/components/services/day-services";
import { servicesHref } from "@/components/services/links";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { addDays, dateOnly, todayInPoland } from "@/lib/dates";
import { getOwnServicesPage } from "@/lib/domain/services/service";

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
  const { own, options } = await loadForPage(() => getOwnServicesPage(ctx, { date, view }));
  const t = await getTranslations("services");
  const step = view === "week" ? 7 : 1;
  const hrefFor = (d: string, v: "day" | "week" = view) => servicesHref(d, v);

  return (
    <ServicesDayProvider initial={own}>
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

      <DayServicesList />
    </ServicesDayProvider>
  );
}
