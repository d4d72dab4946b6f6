import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { DurabilityTabs } from "@/components/durability/durability-tabs";
import { CheckStateBadge } from "@/components/durability/check-state";
import { buttonClass } from "@/components/ui/button";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { FilterField } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { durabilityHref } from "@/lib/domain/durability/href";
import { findJobChecks } from "@/lib/domain/durability/read";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("durability"))("title") };
}

type TSearch = {
  view?: string;
  clientId?: string;
  year?: string;
  page?: string;
};

/** Job durability: the checks of created jobs in the caller's scope — overdue, due now, or all — by due date. */
export default async function DurabilityPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // The service parses the query string: an unknown tab falls back to "overdue", a bad id or year is dropped.
  const list = await loadForPage(() => findJobChecks(ctx, { ...params, page: Number(params.page) || 1 }));
  const t = await getTranslations("durability");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), CALENDAR_DATE);
  const clientId = params.clientId || undefined;
  const year = Number(params.year) || undefined;
  const filters = { view: list.view, clientId, year };

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("rule")}</p>
      <DurabilityTabs current={list.view} hrefFor={(view) => durabilityHref({ ...filters, view })} />

      <form method="get" className="mt-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <input type="hidden" name="view" value={list.view} />
        {clientId ? <input type="hidden" name="clientId" value={clientId} /> : null}
        <FilterField id="durability-year" label={t("year")}>
          <input id="durability-year" name="year" type="number" min={2000} max={2100} defaultValue={year} className={inputClass()} />
        </FilterField>
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>
      {clientId ? (
        <p className="mt-4" data-testid="durability-client-filter">
          {list.items[0] ? t("filteredByClient", { client: list.items[0].clientName }) : t("filteredByOneClient")} ·{" "}
          <TextLink href={durabilityHref({ ...filters, clientId: undefined })}>{t("clearClient")}</TextLink>
        </p>
      ) : null}

      <p className="mt-4 font-semibold" data-testid="durability-total" data-count={list.total}>
        {t("count", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <p className="mt-4">{t(`empty.${list.view}`)}</p>
      ) : (
        <DataTable
          caption={t(`tabs.${list.view}`)}
          columns={[
            t("columns.client"),
            { label: t("columns.person"), hideBelow: "md" },
            { label: t("columns.startsOn"), hideBelow: "sm" },
            t("columns.check"),
            t("columns.dueOn"),
            t("columns.state"),
          ]}
        >
          {list.items.map((row) => (
            <tr key={row.checkId} data-testid="durability-row" className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">
                <TextLink
                  href={`/durability/${row.jobId}`}
                  aria-label={t("openJob", {
                    client: row.clientName,
                    date: day(row.startsOn),
                  })}
                >
                  {row.clientName}
                </TextLink>
              </td>
              <td className={`p-2 wrap-anywhere ${cellClass("md")}`}>
                {row.personName ?? t("personUnknown")}
                {row.position ? <span className="block text-xs text-slate-700">{row.position}</span> : null}
              </td>
              <td className={`p-2 whitespace-nowrap ${cellClass("sm")}`}>{day(row.startsOn)}</td>
              <td className="p-2 whitespace-nowrap">{t("afterMonths", { months: row.months })}</td>
              <td className="p-2 whitespace-nowrap">{day(row.dueOn)}</td>
              <td className="p-2">
                <CheckStateBadge state={row.state} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={list} hrefFor={(page) => durabilityHref(filters, page)} />
    </>
  );
}
