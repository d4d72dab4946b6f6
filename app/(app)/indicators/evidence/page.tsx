import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { FilterField, FilterSelect } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { getEvidenceListPage, type TEvidenceListPage } from "@/lib/domain/indicators/evidence-pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicatorEvidence"))("title") };
}

type TSearch = { indicatorId?: string; year?: string; withdrawn?: string; page?: string };

function listHref(filters: TEvidenceListPage["filters"], page = 1): string {
  const query = new URLSearchParams();
  if (filters.indicatorId) query.set("indicatorId", filters.indicatorId);
  if (filters.year) query.set("year", filters.year);
  if (filters.withdrawn) query.set("withdrawn", "1");
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return search ? `/indicators/evidence?${search}` : "/indicators/evidence";
}

/** Evidence registered by hand: the list the caller may see, its filters, and "register evidence". */
export default async function EvidenceListPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const list = await loadForPage(() => getEvidenceListPage(ctx, { ...params, page: Number(params.page) || 1 }));
  const { filters } = list;
  const t = await getTranslations("indicatorEvidence");
  const tc = await getTranslations("common");
  const format = await getFormatter();

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("rule")}</p>
      <p className="mt-4">
        <Link href="/indicators/evidence/new" className={buttonClass("primary")}>
          {t("register")}
        </Link>
      </p>

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <FilterSelect
          id="evidence-indicator"
          name="indicatorId"
          label={t("fields.indicator")}
          value={filters.indicatorId}
          allLabel={tc("all")}
          options={list.indicators.map((i) => ({ value: i.id, label: i.name }))}
        />
        <FilterField id="evidence-year" label={t("year")}>
          <input id="evidence-year" name="year" type="number" min={2024} max={2100} defaultValue={filters.year ?? ""} className={inputClass() + " max-w-32"} />
        </FilterField>
        <div className="flex items-center gap-2 pb-2">
          <input id="evidence-withdrawn" name="withdrawn" type="checkbox" value="1" defaultChecked={filters.withdrawn} />
          <label htmlFor="evidence-withdrawn" className="text-sm">
            {t("showWithdrawn")}
          </label>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>

      {list.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            t("columns.reference"),
            t("columns.date"),
            { label: t("columns.indicator"), hideBelow: "md" },
            { label: t("columns.documentKind"), hideBelow: "lg" },
            { label: t("columns.quantity"), hideBelow: "sm" },
            { label: t("columns.client"), hideBelow: "md" },
            t("columns.status"),
          ]}
        >
          {list.items.map((item) => (
            <tr key={item.id} data-testid="evidence-row" className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">
                <TextLink href={`/indicators/evidence/${item.id}`}>{item.reference}</TextLink>
              </td>
              <td className="p-2">{format.dateTime(dateOnly(item.documentDate), CALENDAR_DATE)}</td>
              <td className={`p-2 wrap-anywhere ${cellClass("md")}`}>{item.indicator.name}</td>
              <td className={`p-2 wrap-anywhere ${cellClass("lg")}`}>{item.documentKind}</td>
              <td className={`p-2 ${cellClass("sm")}`}>{item.quantity}</td>
              <td className={`p-2 wrap-anywhere ${cellClass("md")}`}>{item.client?.name ?? tc("none")}</td>
              <td className="p-2">{item.withdrawn ? t("withdrawnStatus") : t("countsStatus")}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={list} hrefFor={(page) => listHref(filters, page)} />
    </>
  );
}
