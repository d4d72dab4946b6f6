import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { cutValueLabel, indicatorName, periodLabel } from "@/lib/domain/indicators/report/labels";
import type { TIndicatorReport } from "@/lib/domain/indicators/report/report";
import { drillHref } from "./report-table";

/**
 * The report cut by sphere, partner, office or county: per indicator the actual within each value
 * (each a link to that value's evidence), and whether the values add up to the actual — when
 * evidence belongs to several values they overlap, and the page says so.
 */
export async function IndicatorCutTable({ report, locale }: { report: TIndicatorReport; locale: string }) {
  if (!report.cut) return null;
  const t = await getTranslations("indicators.report");
  const root = await getTranslations();
  const kind = report.cut.kind;
  const rows = report.indicators.flatMap((row) => (row.cut?.values ?? []).map((value) => ({ row, value })));
  return (
    <section className="mt-8" aria-labelledby="cut-heading">
      <h2 id="cut-heading" className="text-xl font-semibold">
        {t("cut")}: {t(`cuts.${kind}`)}
      </h2>
      <p
        className={report.cut.overlapping ? "mt-2 rounded border border-amber-700 bg-amber-50 p-2 text-sm" : "mt-2 text-sm text-slate-700"}
        data-testid="cut-note"
        data-overlapping={report.cut.overlapping}
      >
        {report.cut.overlapping ? t("cutOverlaps") : t("cutAddsUp")}
      </p>
      {rows.length === 0 ? (
        <p className="mt-3">{t("cutEmpty")}</p>
      ) : (
        <DataTable
          caption={t("cutCaption", {
            cut: t(`cuts.${kind}`),
            period: periodLabel(root, report.period.key),
          })}
          columns={[t("columns.indicator"), t(`cuts.${kind}`), t("columns.actual")]}
          className="mt-3"
        >
          {rows.map(({ row, value }) => (
            <tr key={`${row.id}:${value.value}`} data-testid="cut-row" className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">
                {indicatorName(row, locale)}
                {row.cut && !row.cut.addsUp ? <span className="block text-xs text-amber-800">{t("cutOverlapsRow")}</span> : null}
              </td>
              <td className="p-2 wrap-anywhere">{cutValueLabel(root, kind, value)}</td>
              <td className="p-2 tabular-nums">
                <TextLink
                  href={drillHref(row.id, report.period.key, {
                    kind,
                    value: value.value,
                  })}
                >
                  {value.actual}
                </TextLink>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
