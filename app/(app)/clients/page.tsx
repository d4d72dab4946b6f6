import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable, type TColumnSpec } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, isoDate } from "@/lib/dates";
import { OPEN_PATH_STEPS } from "@/lib/domain/clients/list-page";
import { CLIENT_KINDS, CLIENT_STATUSES, type TClientListSort } from "@/lib/domain/clients/schemas";
import { CLIENT_SEARCH_MAX as Q_MAX, getClientListPage } from "@/lib/domain/clients/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients"))("title") };
}

type TSearch = { q?: string; kind?: string; advisorId?: string; officeId?: string; status?: string; step?: string; sort?: string; dir?: string; page?: string };

export default async function ClientsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // Filters come from the query string: the service ignores a value that is not one of the offered choices.
  const { options, filters: applied, order, result } = await loadForPage(() => getClientListPage(ctx, { ...params, page: Number(params.page) || 1 }));
  const { q, kind, status, officeId, advisorId, step } = applied;
  const t = await getTranslations("clients");
  const tc = await getTranslations("common");
  const tp = await getTranslations("paths");
  const format = await getFormatter();
  // Filters and order live in the URL: a link to a page, a sort or a reload keeps them all.
  const filters = { ...(q ? { q } : {}), ...(kind ? { kind } : {}), ...(advisorId ? { advisorId } : {}), ...(officeId ? { officeId } : {}), ...(status ? { status } : {}), ...(step ? { step } : {}) };
  const sorted: Record<string, string> = order.sort === "name" && order.dir === "asc" ? {} : { sort: order.sort, dir: order.dir };
  const hrefFor = (page: number) => `/clients?${new URLSearchParams({ ...filters, ...sorted, page: String(page) })}`;
  /** A sortable column's header: a link that sorts by it (the other way round when it is the current order). */
  const sortable = (sort: TClientListSort, label: string, hideBelow?: TColumnSpec["hideBelow"]): TColumnSpec => {
    const current = order.sort === sort ? order.dir : null;
    const next = current === "asc" ? "desc" : "asc";
    return {
      hideBelow,
      ariaSort: current === "asc" ? "ascending" : current === "desc" ? "descending" : "none",
      label: (
        <Link href={`/clients?${new URLSearchParams({ ...filters, sort, dir: next })}`} className="text-blue-800 underline" data-sort={sort}>
          {label}
          {current ? <span aria-hidden="true">{current === "asc" ? " ▲" : " ▼"}</span> : null}
          <span className="sr-only">{`, ${t(next === "asc" ? "sortAscending" : "sortDescending")}`}</span>
        </Link>
      ),
    };
  };

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {can(ctx.role, "clients.write") ? (
          <Link href="/clients/new" className={buttonClass("primary")}>
            {t("new")}
          </Link>
        ) : null}
      </div>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <div className="flex min-w-64 flex-col gap-1">
          <label htmlFor="clients-q" className="text-sm font-medium">
            {t("searchLabel")}
          </label>
          <input id="clients-q" name="q" type="search" maxLength={Q_MAX} defaultValue={q ?? ""} className={inputClass()} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="clients-kind" className="text-sm font-medium">
            {t("kindFilter")}
          </label>
          <select id="clients-kind" name="kind" defaultValue={kind ?? ""} className={inputClass()}>
            <option value="">{tc("all")}</option>
            {CLIENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="clients-advisor" className="text-sm font-medium">
            {t("advisorFilter")}
          </label>
          <select id="clients-advisor" name="advisorId" defaultValue={advisorId ?? ""} className={inputClass()}>
            <option value="">{tc("all")}</option>
            <option value="none">{t("advisorNone")}</option>
            {options.advisors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.active ? a.name : t("inactiveAdvisor", { name: a.name })}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="clients-office" className="text-sm font-medium">
            {t("officeFilter")}
          </label>
          <select id="clients-office" name="officeId" defaultValue={officeId ?? ""} className={inputClass()}>
            <option value="">{tc("all")}</option>
            {options.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="clients-status" className="text-sm font-medium">
            {t("statusFilter")}
          </label>
          <select id="clients-status" name="status" defaultValue={status ?? ""} className={inputClass()}>
            <option value="">{tc("all")}</option>
            {CLIENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="clients-step" className="text-sm font-medium">
            {t("stepFilter")}
          </label>
          <select id="clients-step" name="step" defaultValue={step ?? ""} className={inputClass()}>
            <option value="">{tc("all")}</option>
            {OPEN_PATH_STEPS.map((s) => (
              <option key={s} value={s}>
                {tp(`steps.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {order.sort !== "name" || order.dir !== "asc" ? (
          <>
            <input type="hidden" name="sort" value={order.sort} />
            <input type="hidden" name="dir" value={order.dir} />
          </>
        ) : null}
        <button type="submit" className={buttonClass("secondary")}>
          {tc("search")}
        </button>
      </form>
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            sortable("name", t("columns.name")),
            { label: t("columns.kind"), hideBelow: "lg" },
            sortable("town", t("columns.town"), "sm"),
            { label: t("columns.advisor"), hideBelow: "lg" },
            { label: t("columns.office"), hideBelow: "lg" },
            sortable("status", t("columns.status")),
            t("columns.step"),
            { label: t("columns.lastContact"), hideBelow: "md" },
          ]}
        >
          {result.items.map((client) => (
            <tr key={client.id} className="border-b border-slate-200" data-testid="client-row">
              <th scope="row" className="wrap-anywhere p-2 font-medium">
                {client.canOpen ? (
                  <Link href={`/clients/${client.id}`} className="text-blue-800 underline">
                    {client.name}
                  </Link>
                ) : (
                  client.name
                )}
              </th>
              <td className={cn("p-2", cellClass("lg"))}>{t(`kinds.${client.kind}`)}</td>
              <td className={cn("p-2", cellClass("sm"))}>{client.town ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("lg"))}>{client.keyAdvisor?.name ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("lg"))}>{client.office?.name ?? tc("none")}</td>
              <td className="p-2">{t(`statuses.${client.status}`)}</td>
              <td className="p-2" data-testid="client-step">
                {client.step ? tp(`steps.${client.step}`) : tc("none")}
              </td>
              <td className={cn("p-2 whitespace-nowrap", cellClass("md"))} data-testid="client-last-contact">
                {client.lastContact ? <time dateTime={isoDate(client.lastContact)}>{format.dateTime(client.lastContact, CALENDAR_DATE)}</time> : tc("none")}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={result} hrefFor={hrefFor} />
    </>
  );
}
