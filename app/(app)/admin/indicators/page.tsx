import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { IndicatorForm } from "@/components/indicators/admin/indicator-form";
import { ProjectSettingsForm } from "@/components/indicators/admin/project-settings-form";
import { buttonClass } from "@/components/ui/button";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { FilterField } from "@/components/ui/filter-field";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getIndicatorCataloguePage } from "@/lib/domain/indicators/admin-pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicatorsAdmin"))("title") };
}

/** The indicator catalogue: indicators with the targets of the chosen year and the project, the project settings, a new indicator. */
export default async function IndicatorCataloguePage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const ctx = await requireSessionUser();
  const { year: rawYear } = await searchParams;
  const page = await loadForPage(() => getIndicatorCataloguePage(ctx, rawYear));
  const t = await getTranslations("indicatorsAdmin");
  const ts = await getTranslations("indicators.sources");
  const tc = await getTranslations("common");
  const none = tc("none");

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("rule")}</p>
      <p className="mt-4 flex flex-wrap gap-3">
        <Link href={`/admin/indicators/targets?year=${page.year}`} className={buttonClass("primary")}>
          {t("setTargets", { year: page.year })}
        </Link>
        <a href="#new-indicator-heading" className={buttonClass("secondary")}>
          {t("newIndicator")}
        </a>
      </p>

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label={t("yearFilter")}>
        <FilterField id="catalogue-year" label={t("year")}>
          <input id="catalogue-year" name="year" type="number" min={2024} max={2100} defaultValue={page.year} className={inputClass() + " max-w-32"} />
        </FilterField>
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>

      <DataTable
        caption={t("caption", { year: page.year })}
        columns={[
          t("columns.name"),
          { label: t("columns.source"), hideBelow: "md" },
          { label: t("columns.evidenceKind"), hideBelow: "lg" },
          t("columns.yearTarget", { year: page.year }),
          { label: t("columns.projectTarget"), hideBelow: "sm" },
          t("columns.status"),
        ]}
      >
        {page.indicators.map((indicator) => (
          <tr key={indicator.id} data-testid="indicator-row" className="border-b border-slate-200 align-top">
            <td className="p-2 wrap-anywhere">
              <TextLink href={`/admin/indicators/${indicator.id}`}>{indicator.name}</TextLink>
              <span className="block text-xs text-slate-600">{indicator.code}</span>
            </td>
            <td className={`p-2 ${cellClass("md")}`}>{ts(indicator.source)}</td>
            <td className={`p-2 wrap-anywhere ${cellClass("lg")}`}>{indicator.evidenceKind}</td>
            <td className="p-2">{indicator.yearTarget === null ? none : `${indicator.yearTarget} ${indicator.unit}`}</td>
            <td className={`p-2 ${cellClass("sm")}`}>{indicator.projectTarget === null ? none : `${indicator.projectTarget} ${indicator.unit}`}</td>
            <td className="p-2">{indicator.active ? t("active") : t("retired")}</td>
          </tr>
        ))}
      </DataTable>

      <section aria-labelledby="project-settings-heading" className="mt-10">
        <h2 id="project-settings-heading" className="mb-2 text-lg font-semibold">
          {t("settings.title")}
        </h2>
        <p className="mb-4 max-w-3xl text-slate-700">{t("settings.rule")}</p>
        <ProjectSettingsForm defaults={page.settings} />
      </section>

      <section aria-labelledby="new-indicator-heading" className="mt-10">
        <h2 id="new-indicator-heading" className="mb-4 text-lg font-semibold">
          {t("newIndicator")}
        </h2>
        <IndicatorForm mode="create" />
      </section>
    </>
  );
}
