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
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE } from "@/lib/dates";
import { cooperationLogHref, getCooperationLogPage, type TLogRow } from "@/lib/domain/cooperation/log-page";
import { EXCHANGE_DIRECTIONS, INSTITUTION_KINDS } from "@/lib/domain/cooperation/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cooperation.log"))("title") };
}

type TSearch = { from?: string; to?: string; institutionId?: string; kind?: string; direction?: string; clientId?: string; followUpDue?: string; page?: string };

/** The cooperation log: exchanges with institutions in the caller's scope, filtered, newest first. */
export default async function CooperationLogPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // The service parses the query string: a bad date or kind is dropped, an id not offered is ignored.
  const log = await loadForPage(() => getCooperationLogPage(ctx, { ...params, page: Number(params.page) || 1 }));
  const { filters } = log;
  const t = await getTranslations("cooperation");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const day = (date: Date) => format.dateTime(date, CALENDAR_DATE);

  return (
    <>
      <h1 className="text-2xl font-bold">{t("log.title")}</h1>
      <p className="mt-2 text-slate-700">{t("log.lead")}</p>
      <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
        {can(ctx.role, "cooperation.write") ? (
          <Link href={filters.clientId ? `/cooperation/new?clientId=${filters.clientId}` : "/cooperation/new"} className={buttonClass("primary")}>
            {t("addExchange")}
          </Link>
        ) : null}
        {can(ctx.role, "institutions.manage") ? <TextLink href="/cooperation/institutions">{t("log.directoryLink")}</TextLink> : null}
      </p>

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("log.filters")}>
        {filters.clientId ? <input type="hidden" name="clientId" value={filters.clientId} /> : null}
        <FilterField id="log-from" label={t("log.from")}>
          <input id="log-from" name="from" type="date" defaultValue={filters.from} className={inputClass()} />
        </FilterField>
        <FilterField id="log-to" label={t("log.to")}>
          <input id="log-to" name="to" type="date" defaultValue={filters.to} className={inputClass()} />
        </FilterField>
        <FilterSelect
          id="log-institution"
          name="institutionId"
          label={t("log.institution")}
          value={filters.institutionId}
          allLabel={tc("all")}
          options={log.institutions.map((i) => ({ value: i.id, label: i.retired ? t("log.retired", { name: i.name }) : i.name }))}
        />
        <FilterSelect
          id="log-kind"
          name="kind"
          label={t("log.kind")}
          value={filters.kind}
          allLabel={tc("all")}
          options={INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t(`institutionKinds.${kind}`) }))}
        />
        <FilterSelect
          id="log-direction"
          name="direction"
          label={t("log.direction")}
          value={filters.direction}
          allLabel={tc("all")}
          options={EXCHANGE_DIRECTIONS.map((direction) => ({ value: direction, label: t(`directions.${direction}`) }))}
        />
        <label className="flex items-center gap-2 py-2 text-sm font-medium">
          <input type="checkbox" name="followUpDue" value="1" defaultChecked={filters.followUpDue} className="size-4" />
          {t("log.followUpDue")}
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("log.show")}
        </button>
      </form>

      {log.client ? (
        <p className="mt-4" data-testid="log-client-filter">
          {t("log.filteredByClient", { client: log.client.name })} ·{" "}
          <TextLink href={cooperationLogHref({ ...filters, clientId: undefined })}>{t("log.clearClient")}</TextLink>
        </p>
      ) : null}

      <p className="mt-4 font-semibold" data-testid="log-total" data-count={log.total}>
        {t("log.count", { count: log.total })}
      </p>

      {log.items.length === 0 ? (
        <p className="mt-4">{t("log.empty")}</p>
      ) : (
        <DataTable
          caption={t("log.title")}
          columns={[
            t("log.columns.date"),
            t("log.columns.institution"),
            { label: t("log.columns.direction"), hideBelow: "sm" },
            t("log.columns.subject"),
            { label: t("log.columns.client"), hideBelow: "md" },
            { label: t("log.columns.followUp"), hideBelow: "lg" },
            { label: t("log.columns.author"), hideBelow: "lg" },
          ]}
        >
          {log.items.map((row) => (
            <tr key={row.id} data-testid="log-row" className="border-b border-slate-200 align-top">
              <td className="p-2 whitespace-nowrap">{day(row.date)}</td>
              <td className="p-2 wrap-anywhere">
                {row.institution.name}
                <span className="block text-xs text-slate-700">{t(`institutionKinds.${row.institution.kind}`)}</span>
              </td>
              <td className={`p-2 ${cellClass("sm")}`}>
                {t(`directions.${row.direction}`)} · {t(`channels.${row.channel}`)}
              </td>
              <td className="p-2 wrap-anywhere">
                {row.subject}
                {row.canEdit ? (
                  <span className="mt-1 block text-sm">
                    <TextLink href={`/cooperation/${row.id}/edit?back=${encodeURIComponent(cooperationLogHref(filters, log.page))}`} aria-label={t("log.editLabel", { date: day(row.date), subject: row.subject })}>
                      {tc("edit")}
                    </TextLink>
                  </span>
                ) : null}
              </td>
              <td className={`p-2 wrap-anywhere ${cellClass("md")}`}>
                <LogClient client={row.client} outOfScope={t("log.outOfScope")} none={t("log.noClient")} />
              </td>
              <td className={`p-2 whitespace-nowrap ${cellClass("lg")}`}>{row.followUpOn ? day(row.followUpOn) : tc("none")}</td>
              <td className={`p-2 ${cellClass("lg")}`}>{row.authorName ?? tc("none")}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={log} hrefFor={(page) => cooperationLogHref(filters, page)} />
    </>
  );
}

/** The client an exchange concerns: a link for one the viewer may read, a note for one outside their scope. */
function LogClient({ client, outOfScope, none }: { client: TLogRow["client"]; outOfScope: string; none: string }) {
  if (client.kind === "readable") return <TextLink href={`/clients/${client.id}`}>{client.name}</TextLink>;
  return <span className="text-slate-700 italic">{client.kind === "outOfScope" ? outOfScope : none}</span>;
}
