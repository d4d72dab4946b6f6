import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { HoursPerWeekChart } from "@/components/charts/hours-per-week-chart";
import { LoadDistributionChart } from "@/components/charts/load-distribution-chart";
import { PathFunnelChart } from "@/components/charts/path-funnel-chart";
import { asCalendarDate, dateOnly } from "@/lib/dates";
import { namer } from "@/lib/domain/catalogue/names";
import type { TDashboardSupportType, TFunnelStep, TLoadBucketCount, TWeekHours } from "@/lib/domain/dashboard/service";

/** Minutes as hours with up to two decimals (the timesheet's unit). */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The dashboard's data in the charts' props, labels translated (support types by the tenant's names). */
export async function HoursChart({ title, weeks, supportTypes }: { title: string; weeks: TWeekHours[]; supportTypes: TDashboardSupportType[] }) {
  const t = await getTranslations("dashboard.charts");
  const format = await getFormatter();
  const locale = await getLocale();
  const typeName = namer(supportTypes, locale);
  return (
    <HoursPerWeekChart
      title={title}
      locale={locale}
      weeks={weeks.map((week) => ({
        weekStart: week.weekStart,
        weekLabel: format.dateTime(dateOnly(week.weekStart), asCalendarDate({ day: "numeric", month: "short" })),
        byType: week.byType.map((entry) => ({ type: entry.type, label: typeName(entry.type), hours: hoursOf(entry.minutes) })),
      }))}
      labels={{ hours: t("hoursUnit"), week: t("week"), total: t("total"), showTable: t("showTable"), empty: t("emptyHours") }}
    />
  );
}

export async function FunnelChart({ title, steps }: { title: string; steps: TFunnelStep[] }) {
  const t = await getTranslations("dashboard.charts");
  const ts = await getTranslations("paths.steps");
  return (
    <PathFunnelChart
      title={title}
      locale={await getLocale()}
      steps={steps.map((s) => ({ step: s.step, label: ts(s.step), count: s.count, ...(s.href ? { href: s.href } : {}) }))}
      labels={{ clients: t("clients"), showTable: t("showTable"), empty: t("emptyFunnel") }}
    />
  );
}

const TONES = { low: "ok", half: "ok", near: "near", at: "at", over: "over" } as const;

export async function LoadChart({ title, buckets }: { title: string; buckets: TLoadBucketCount[] }) {
  const t = await getTranslations("dashboard.charts");
  return (
    <LoadDistributionChart
      title={title}
      locale={await getLocale()}
      buckets={buckets.map((b) => ({ key: b.key, label: t(`buckets.${b.key}`), count: b.count, tone: TONES[b.key], ...(b.href ? { href: b.href } : {}) }))}
      labels={{ advisors: t("advisors"), showTable: t("showTable"), empty: t("emptyLoads") }}
    />
  );
}
