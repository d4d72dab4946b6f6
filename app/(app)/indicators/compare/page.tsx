import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { FilterField } from "@/components/ui/filter-field";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { indicatorName, periodLabel } from "@/lib/domain/indicators/report/labels";
import { getIndicatorComparisonPage } from "@/lib/domain/indicators/report/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators.compare"))("title") };
}

/** The comparison of two periods' actuals (?a=2025&b=2026). */
export default async function IndicatorComparisonPage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const ctx = await requireSessionUser();
  const page = await loadForPage(async () => getIndicatorComparisonPage(ctx, await searchParams));
  const t = await getTranslations("indicators");
  const root = await getTranslations();
  const locale = await getLocale();
  const label = (key: string) => periodLabel(root, key);
  const select = (id: string, name: "a" | "b", value: string) => (
    <FilterField id={id} label={t(`compare.${name}`)}>
      <select id={id} name={name} defaultValue={value} className={inputClass()}>
        {(page.periodChoices.includes(value) ? page.periodChoices : [value, ...page.periodChoices]).map((key) => (
          <option key={key} value={key}>
            {label(key)}
          </option>
        ))}
      </select>
    </FilterField>
  );
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

  return (
    <>
      <p>
        <TextLink href={`/indicators?period=${encodeURIComponent(page.b)}`}>{t("compare.back")}</TextLink>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t("compare.title")}</h1>
      <p className="mt-2 text-slate-700">{t("compare.lead")}</p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("compare.title")}>
        {select("compare-a", "a", page.a)}
        {select("compare-b", "b", page.b)}
        <button type="submit" className={buttonClass("secondary")}>
          {t("compare.show")}
        </button>
      </form>
      {page.comparison === null ? (
        <p className="mt-6 rounded border border-amber-700 bg-amber-50 p-3">{t("report.projectUnset")}</p>
      ) : (
        <DataTable
          caption={t("compare.caption", { a: label(page.a), b: label(page.b) })}
          columns={[t("report.columns.indicator"), label(page.a), label(page.b), t("compare.difference")]}
        >
          {page.comparison.indicators.map((row) => (
            <tr key={row.id} data-testid="compare-row" data-code={row.code} className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">{indicatorName(row, locale)}</td>
              <td className="p-2 tabular-nums">{row.actualA}</td>
              <td className="p-2 tabular-nums">{row.actualB}</td>
              <td className="p-2 tabular-nums">{signed(row.difference)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
