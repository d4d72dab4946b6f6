import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TargetsGrid } from "@/components/indicators/admin/targets-grid";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { FilterField } from "@/components/ui/filter-field";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getTargetsPage } from "@/lib/domain/indicators/admin-pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicatorsAdmin.targets"))("title") };
}

/** The targets of a year and of the whole project, for every indicator, in one form. */
export default async function TargetsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const ctx = await requireSessionUser();
  const { year: rawYear } = await searchParams;
  const page = await loadForPage(() => getTargetsPage(ctx, rawYear));
  const t = await getTranslations("indicatorsAdmin");
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href={`/admin/indicators?year=${page.year}`}>{t("back")}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">{t("targets.heading", { year: page.year })}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("targets.rule")}</p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label={t("yearFilter")}>
        <FilterField id="targets-year" label={t("year")}>
          <input id="targets-year" name="year" type="number" min={2024} max={2100} defaultValue={page.year} className={inputClass() + " max-w-32"} />
        </FilterField>
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>
      <div className="mt-6">
        <TargetsGrid
          key={page.year}
          year={page.year}
          rows={page.indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit, yearTarget: i.yearTarget, projectTarget: i.projectTarget }))}
        />
      </div>
    </>
  );
}
