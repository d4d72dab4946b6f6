import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { FilterField, FilterSelect } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { INSTANT_DATE } from "@/lib/dates";
import { getOverdueMonitoringPage, MIN_DAYS_MAX } from "@/lib/domain/paths/attention";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("attention.monitoring"))("title") };
}

type TSearch = { partnerId?: string; advisorId?: string; minDays?: string; page?: string };

/** Paths overdue for monitoring in the caller's scope, most overdue first (issue 13). */
export default async function OverdueMonitoringPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { overdueDays, partners, advisors, filters, result } = await loadForPage(() =>
    getOverdueMonitoringPage(ctx, { partnerId: params.partnerId, advisorId: params.advisorId, minDays: params.minDays, page: params.page }),
  );
  const t = await getTranslations("attention.monitoring");
  const tc = await getTranslations("common");
  const steps = await getTranslations("paths.steps");
  const format = await getFormatter();
  const query = {
    ...(filters.partnerId ? { partnerId: filters.partnerId } : {}),
    ...(filters.advisorId ? { advisorId: filters.advisorId } : {}),
    ...(filters.minDays ? { minDays: String(filters.minDays) } : {}),
  };
  const hrefFor = (page: number) => `/attention/monitoring?${new URLSearchParams({ ...query, page: String(page) })}`;

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("lead", { days: overdueDays })}</p>
      <form method="get" role="search" aria-label={t("filters")} className="mt-6 flex flex-wrap items-end gap-3">
        {partners ? (
          <FilterSelect
            id="attention-partner"
            name="partnerId"
            label={t("partner")}
            value={filters.partnerId}
            allLabel={tc("all")}
            options={partners.map((p) => ({ value: p.id, label: p.name }))}
          />
        ) : null}
        {advisors.length > 0 ? (
          <FilterSelect
            id="attention-advisor"
            name="advisorId"
            label={t("advisor")}
            value={filters.advisorId}
            allLabel={tc("all")}
            options={advisors.map((a) => ({ value: a.id, label: a.active ? a.name : t("inactiveAdvisor", { name: a.name }) }))}
          />
        ) : null}
        <FilterField id="attention-min-days" label={t("minDays")}>
          <input id="attention-min-days" name="minDays" type="number" min={0} max={MIN_DAYS_MAX} step={1} defaultValue={filters.minDays ?? ""} className={cn(inputClass(), "w-32")} />
        </FilterField>
        <button type="submit" className={buttonClass("secondary")}>
          {t("apply")}
        </button>
      </form>
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            t("columns.client"),
            t("columns.path"),
            { label: t("columns.advisor"), hideBelow: "md" },
            { label: t("columns.partner"), hideBelow: "lg" },
            { label: t("columns.step"), hideBelow: "lg" },
            { label: t("columns.lastMonitoring"), hideBelow: "sm" },
            { label: t("columns.daysOverdue"), ariaSort: "descending" },
          ]}
        >
          {result.items.map((row) => (
            <tr key={row.pathId} data-testid="overdue-row" className="border-b border-slate-200 align-top">
              <th scope="row" className="break-words p-2 font-medium">
                <TextLink href={`/clients/${row.clientId}`}>{row.clientName}</TextLink>
              </th>
              <td className="p-2">
                <TextLink href={`/paths/${row.pathId}?tab=monitoring`}>
                  {t("pathLink")}
                  <span className="sr-only"> {t("pathLinkFor", { client: row.clientName })}</span>
                </TextLink>
              </td>
              <td className={cn("p-2", cellClass("md"))}>{row.advisorName ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("lg"))}>{row.partnerName ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("lg"))}>{steps(row.step)}</td>
              <td className={cn("whitespace-nowrap p-2", cellClass("sm"))}>
                {row.lastMonitoringAt ? (
                  <time dateTime={row.lastMonitoringAt.toISOString()}>{format.dateTime(row.lastMonitoringAt, INSTANT_DATE)}</time>
                ) : (
                  tc("none")
                )}
              </td>
              <td className="whitespace-nowrap p-2 tabular-nums" data-testid="days-overdue">
                {t("days", { count: row.daysOverdue })}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={result} hrefFor={hrefFor} />
    </>
  );
}
