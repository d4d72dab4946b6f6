"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { createContext, useContext, useState } from "react";
import { asCalendarDate, dateOnly } from "@/lib/dates";
import type { TOwnServicesInput } from "@/lib/domain/services/schemas";
import type { TOwnServices } from "@/lib/domain/services/service";
import { formatMinutes } from "./format";
import { servicesHref } from "./links";
import { ServiceTable } from "./service-table";

type TDayContext = {
  /** The period the page shows: a logging action answers with this list, fresh. */
  period: Required<TOwnServicesInput>;
  own: TOwnServices;
  show: (own: TOwnServices) => void;
};

const DayContext = createContext<TDayContext | null>(null);

/**
 * The day (or week) view's list as state: the entry form logs a service and the action answers
 * with the period's list, which replaces this one — no re-render of the page with its form
 * options (issue 12). A navigation brings a new `initial` from the server, which wins.
 */
export function ServicesDayProvider({ initial, children }: { initial: TOwnServices; children: React.ReactNode }) {
  const [state, setState] = useState({ initial, own: initial });
  let own = state.own;
  if (state.initial !== initial) {
    own = initial;
    setState({ initial, own: initial });
  }
  const value: TDayContext = {
    period: { date: initial.date, view: initial.view },
    own,
    show: (next) => setState((current) => ({ ...current, own: next })),
  };
  return <DayContext.Provider value={value}>{children}</DayContext.Provider>;
}

/** The day view around a form, if any: the form then asks its action for the fresh list. */
export function useServicesDay(): Pick<TDayContext, "period" | "show"> | null {
  return useContext(DayContext);
}

/** What the caller delivered or logged in the period, with totals: one table for a day, one per day for a week. */
export function DayServicesList() {
  const context = useContext(DayContext);
  const t = useTranslations("services");
  const format = useFormatter();
  if (!context) return null;
  const { own } = context;
  const longDate = (iso: string) => format.dateTime(dateOnly(iso), asCalendarDate({ dateStyle: "full" }));
  const heading = own.view === "week" ? t("weekHeading", { from: longDate(own.from), to: longDate(own.to) }) : longDate(own.date);
  const returnHref = servicesHref(own.date, own.view);
  return (
    <section aria-labelledby="logged-heading" className="mt-6">
      <h2 id="logged-heading" className="text-lg font-semibold">
        {heading}
      </h2>
      <p className="mt-1" data-testid="period-total">
        {t("total", { count: own.count, duration: formatMinutes(own.minutes) })}
      </p>
      {own.view === "day" ? (
        own.count === 0 ? (
          <p className="mt-4">{t("emptyDay")}</p>
        ) : (
          <ServiceTable caption={heading} services={own.days[0]?.records ?? []} showDate={false} returnHref={returnHref} />
        )
      ) : (
        own.days.map((day) => (
          <section key={day.date} aria-labelledby={`day-${day.date}`} className="mt-6">
            <h3 id={`day-${day.date}`} className="font-semibold">
              <Link href={servicesHref(day.date, "day")} className="text-blue-800 underline">
                {longDate(day.date)}
              </Link>{" "}
              — {t("total", { count: day.records.length, duration: formatMinutes(day.minutes) })}
            </h3>
            {day.records.length > 0 ? <ServiceTable caption={longDate(day.date)} services={day.records} showDate={false} returnHref={returnHref} /> : null}
          </section>
        ))
      )}
    </section>
  );
}
