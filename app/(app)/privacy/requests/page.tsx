import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RequestUrgencyBadge } from "@/components/privacy/request-badges";
import { buttonClass } from "@/components/ui/button";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { REQUEST_DUE_FILTERS, SUBJECT_REQUEST_KINDS, SUBJECT_REQUEST_STATUSES, subjectRequestsHref } from "@/lib/domain/privacy/request-schemas";
import { findSubjectRequests } from "@/lib/domain/privacy/requests";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.requests"))("title") };
}

type TSearch = { status?: string; kind?: string; due?: string; page?: string };

/** The register of data subjects' requests: open ones first, by the deadline in force; overdue and due-soon ones marked. */
export default async function SubjectRequestsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // The service parses the query string: an unknown filter value is dropped.
  const list = await loadForPage(() => findSubjectRequests(ctx, { ...params, page: Number(params.page) || 1 }));
  const t = await getTranslations("privacy.requests");
  const tp = await getTranslations("privacy");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), CALENDAR_DATE);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link href="/privacy/requests/new" className={buttonClass("primary")}>
          {t("new")}
        </Link>
      </div>
      <p className="mt-2 text-slate-700">{t("rule")}</p>

      <form method="get" className="mt-4 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <FilterSelect
          id="requests-status"
          name="status"
          label={t("columns.status")}
          value={list.filters.status}
          allLabel={t("all")}
          options={SUBJECT_REQUEST_STATUSES.map((value) => ({ value, label: tp(`requestStatuses.${value}`) }))}
        />
        <FilterSelect
          id="requests-kind"
          name="kind"
          label={t("columns.kind")}
          value={list.filters.kind}
          allLabel={t("all")}
          options={SUBJECT_REQUEST_KINDS.map((value) => ({ value, label: tp(`requestKinds.${value}`) }))}
        />
        <FilterSelect
          id="requests-due"
          name="due"
          label={t("due")}
          value={list.filters.due}
          allLabel={t("all")}
          options={REQUEST_DUE_FILTERS.map((value) => ({ value, label: t(`dueFilters.${value}`) }))}
        />
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>

      <p className="mt-4 font-semibold" data-testid="requests-total" data-count={list.total}>
        {t("count", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <p className="mt-4">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            t("columns.requester"),
            t("columns.kind"),
            { label: t("columns.receivedOn"), hideBelow: "md" },
            t("columns.deadline"),
            { label: t("columns.status"), hideBelow: "sm" },
          ]}
        >
          {list.items.map((row) => (
            <tr key={row.id} data-testid="request-row" data-urgency={row.urgency ?? ""} className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">
                <TextLink href={`/privacy/requests/${row.id}`}>{row.requesterName}</TextLink>
                {row.client && row.client.name !== row.requesterName ? (
                  <span className="block text-xs text-slate-700">{t("concerns", { name: row.client.name })}</span>
                ) : null}
              </td>
              <td className="p-2">{tp(`requestKinds.${row.kind}`)}</td>
              <td className={`p-2 whitespace-nowrap ${cellClass("md")}`}>{day(row.receivedOn)}</td>
              <td className="p-2">
                <span className="whitespace-nowrap">{day(row.deadline)}</span>
                {row.extended ? <span className="block text-xs text-slate-700">{t("extended")}</span> : null}
                <RequestUrgencyBadge urgency={row.urgency} />
              </td>
              <td className={`p-2 ${cellClass("sm")}`}>{tp(`requestStatuses.${row.status}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={list} hrefFor={(page) => subjectRequestsHref(list.filters, page)} />
    </>
  );
}
