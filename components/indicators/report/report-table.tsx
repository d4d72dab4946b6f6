import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { indicatorName } from "@/lib/domain/indicators/report/labels";
import type { TIndicatorReport } from "@/lib/domain/indicators/report/report";

/** Where an indicator's actual leads: its evidence in the same period. */
export function drillHref(indicatorId: string, periodKey: string, cut?: { kind: string; value: string }): string {
  const query = new URLSearchParams({ period: periodKey });
  if (cut) {
    query.set("cut", cut.kind);
    query.set("value", cut.value);
  }
  return `/indicators/${indicatorId}?${query.toString()}`;
}

/** The report's table: per indicator its target, the actual (a link to its evidence), % and a progress bar. */
export async function IndicatorReportTable({ report, locale, caption }: { report: TIndicatorReport; locale: string; caption: string }) {
  const t = await getTranslations("indicators.report");
  return (
    <DataTable
      caption={caption}
      columns={[
        t("columns.indicator"),
        { label: t("columns.evidenceKind"), hideBelow: "lg" },
        { label: t("columns.target"), hideBelow: "sm" },
        t("columns.actual"),
        t("columns.percent"),
        { label: t("columns.progress"), hideBelow: "md" },
      ]}
    >
      {report.indicators.map((row) => {
        const name = indicatorName(row, locale);
        return (
          <tr key={row.id} data-testid="indicator-row" data-code={row.code} data-actual={row.actual} className="border-b border-slate-200 align-top">
            <td className="p-2 wrap-anywhere">
              {name}
              <span className="block text-xs text-slate-700">{row.unit}</span>
            </td>
            <td className="hidden p-2 lg:table-cell print:table-cell">{row.evidenceKind}</td>
            <td className="hidden p-2 tabular-nums sm:table-cell print:table-cell" data-testid="indicator-target">
              {row.target ?? <span className="text-slate-700 italic">{t("noTarget")}</span>}
            </td>
            <td className="p-2 tabular-nums">
              <TextLink href={drillHref(row.id, report.period.key)} aria-label={t("actualLink", { actual: row.actual, name })} data-testid="indicator-actual">
                {row.actual}
              </TextLink>
            </td>
            <td className="p-2 tabular-nums">{row.percent === null ? "—" : t("percentValue", { percent: row.percent })}</td>
            <td className="hidden p-2 md:table-cell print:table-cell">
              {row.percent === null ? null : (
                <progress
                  max={100}
                  value={Math.min(row.percent, 100)}
                  aria-label={t("progressLabel", {
                    name,
                    percent: row.percent,
                  })}
                  className="h-3 w-32 accent-blue-700"
                />
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
