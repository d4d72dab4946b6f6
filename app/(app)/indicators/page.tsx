import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CountingRules } from "@/components/indicators/report/counting-rules";
import { IndicatorCutTable } from "@/components/indicators/report/cut-table";
import { ReportPeriodForm } from "@/components/indicators/report/period-form";
import { IndicatorProgressChart } from "@/components/indicators/report/progress-chart";
import { IndicatorReportTable } from "@/components/indicators/report/report-table";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { exportHref } from "@/lib/domain/indicators/report/export-query";
import { indicatorName, periodLabel } from "@/lib/domain/indicators/report/labels";
import { getIndicatorReportPage } from "@/lib/domain/indicators/report/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators.report"))("title") };
}

type TSearch = { period?: string; cut?: string };

/** The indicator report: targets, actuals from evidence, % and progress for a year, quarter or the project; cuts; exports. */
export default async function IndicatorReportPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const page = await loadForPage(() => getIndicatorReportPage(ctx, params));
  const t = await getTranslations("indicators.report");
  const root = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), CALENDAR_DATE);
  const month = (ym: string) =>
    format.dateTime(dateOnly(`${ym}-01`), {
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
  const { report } = page;
  const periodName = periodLabel(root, page.periodKey);

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("lead")}</p>
      <ReportPeriodForm periodKey={page.periodKey} cutKind={page.cutKind} choices={page.periodChoices} />

      {report === null ? (
        <p className="mt-6 rounded border border-amber-700 bg-amber-50 p-3" data-testid="project-unset">
          {t("projectUnset")}
        </p>
      ) : (
        <>
          <h2 className="mt-6 text-xl font-semibold" data-testid="report-period">
            {periodName}
          </h2>
          <p className="text-sm text-slate-700">
            {t("periodRange", {
              from: day(report.period.from),
              to: day(report.period.to),
            })}
          </p>
          {report.period.targetIsYearly ? <p className="mt-2 text-sm">{t("quarterTarget", { year: report.period.year ?? "" })}</p> : null}
          <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2" aria-label={t("exports")}>
            <a href={exportHref("xlsx", report.period.key, page.cutKind)} className="text-blue-800 underline" data-testid="export-xlsx">
              {t("exportXlsx")}
            </a>
            <a href={exportHref("pdf", report.period.key, page.cutKind)} className="text-blue-800 underline" data-testid="export-pdf">
              {t("exportPdf")}
            </a>
            <TextLink href={`/indicators/compare?b=${encodeURIComponent(report.period.key)}`}>{t("compareLink")}</TextLink>
          </p>
          <IndicatorReportTable report={report} locale={locale} caption={t("tableCaption", { period: periodName })} />
          <IndicatorCutTable report={report} locale={locale} />
          <div className="mt-8">
            <IndicatorProgressChart
              title={t("chart.title")}
              months={report.months.map(month)}
              series={report.indicators.map((row) => ({
                id: row.id,
                name: indicatorName(row, locale),
                target: row.target,
                values: row.series,
              }))}
              labels={{
                month: t("chart.month"),
                showTable: t("chart.showTable"),
                empty: t("chart.empty"),
                summary: (name, value) => t("chart.summary", { name, value }),
                target: (target) => t("chart.target", { target }),
              }}
              locale={locale}
            />
          </div>
        </>
      )}
      <CountingRules />
    </>
  );
}
