import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { INSTANT_DATE } from "@/lib/dates";
import { getReturnedPlansPage, RETURNED_DAYS_MAX } from "@/lib/domain/paths/attention";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("attention.returnedPlans"))("title") };
}

/** Plans returned at least N days ago and not resubmitted, in the caller's paths.write scope (issue 13). */
export default async function ReturnedPlansPage({ searchParams }: { searchParams: Promise<{ days?: string; page?: string }> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { days, daysRejected, result } = await loadForPage(() => getReturnedPlansPage(ctx, { days: params.days, page: Number(params.page) || 1 }));
  const t = await getTranslations("attention.returnedPlans");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const hrefFor = (page: number) => `/attention/returned-plans?${new URLSearchParams({ days: String(days), page: String(page) })}`;

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("lead")}</p>
      <form method="get" role="search" aria-label={t("filters")} className="mt-6">
        <label htmlFor="returned-days" className="text-sm font-medium">
          {t("days")}
        </label>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <input
            id="returned-days"
            name="days"
            type="number"
            min={0}
            max={RETURNED_DAYS_MAX}
            step={1}
            defaultValue={days}
            aria-describedby={daysRejected ? "returned-days-rejected returned-days-hint" : "returned-days-hint"}
            className={cn(inputClass(), "w-32")}
          />
          <button type="submit" className={buttonClass("secondary")}>
            {t("apply")}
          </button>
        </div>
        <p id="returned-days-hint" className="mt-1 text-sm text-slate-600">
          {t("daysHint", { max: RETURNED_DAYS_MAX })}
        </p>
        {daysRejected ? (
          <p id="returned-days-rejected" className="mt-1 text-sm font-medium text-red-700" data-testid="days-rejected">
            {t("daysRejected", { days })}
          </p>
        ) : null}
      </form>
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty", { days })}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            t("columns.client"),
            t("columns.plan"),
            { label: t("columns.returnedOn"), hideBelow: "sm" },
            { label: t("columns.daysSince"), ariaSort: "descending" },
            { label: t("columns.decidedBy"), hideBelow: "lg" },
            { label: t("columns.advisor"), hideBelow: "md" },
            { label: t("columns.comment"), hideBelow: "lg" },
          ]}
        >
          {result.items.map((row) => (
            <tr key={row.versionId} data-testid="returned-row" className="border-b border-slate-200 align-top">
              <th scope="row" className="break-words p-2 font-medium">
                <TextLink href={`/clients/${row.clientId}`}>{row.clientName}</TextLink>
              </th>
              <td className="whitespace-nowrap p-2">
                <TextLink href={`/paths/${row.pathId}?tab=plan`}>
                  {t("planLink", { number: row.number })}
                  <span className="sr-only"> {t("planLinkFor", { client: row.clientName })}</span>
                </TextLink>
              </td>
              <td className={cn("whitespace-nowrap p-2", cellClass("sm"))}>
                <time dateTime={row.decidedAt.toISOString()}>{format.dateTime(row.decidedAt, INSTANT_DATE)}</time>
              </td>
              <td className="whitespace-nowrap p-2 tabular-nums">{t("daysSince", { count: row.daysSince })}</td>
              <td className={cn("p-2", cellClass("lg"))}>{row.decidedByName ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("md"))}>{row.advisorName ?? tc("none")}</td>
              <td className={cn("break-words p-2", cellClass("lg"))}>{row.comment ?? tc("none")}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={result} hrefFor={hrefFor} />
    </>
  );
}
