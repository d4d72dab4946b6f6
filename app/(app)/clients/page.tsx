import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { CLIENT_KINDS, CLIENT_STATUSES } from "@/lib/domain/clients/schemas";
import { CLIENT_SEARCH_MAX as Q_MAX, getClientListPage } from "@/lib/domain/clients/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients"))("title") };
}

type TSearch = { q?: string; kind?: string; advisorId?: string; officeId?: string; status?: string; page?: string };

export default async function ClientsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // Filters come from the query string: the service ignores a value that is not one of the offered choices.
  const { options, filters: applied, result } = await loadForPage(() => getClientListPage(ctx, { ...params, page: Number(params.page) || 1 }));
  const { q, kind, status, officeId, advisorId } = applied;
  const t = await getTranslations("clients");
  const tc = await getTranslations("common");
  const filters = { ...(q ? { q } : {}), ...(kind ? { kind } : {}), ...(advisorId ? { advisorId } : {}), ...(officeId ? { officeId } : {}), ...(status ? { status } : {}) };
  const hrefFor = (page: number) => `/clients?${new URLSearchParams({ ...filters, page: String(page) })}`;

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
        <button type="submit" className={buttonClass("secondary")}>
          {tc("search")}
        </button>
      </form>
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable caption={t("title")} columns={[t("columns.name"), t("columns.kind"), t("columns.town"), t("columns.advisor"), t("columns.office"), t("columns.status")]}>
          {result.items.map((client) => (
            <tr key={client.id} className="border-b border-slate-200">
              <th scope="row" className="p-2 font-medium">
                {client.canOpen ? (
                  <Link href={`/clients/${client.id}`} className="text-blue-800 underline">
                    {client.name}
                  </Link>
                ) : (
                  client.name
                )}
              </th>
              <td className="p-2">{t(`kinds.${client.kind}`)}</td>
              <td className="p-2">{client.town ?? tc("none")}</td>
              <td className="p-2">{client.keyAdvisor?.name ?? tc("none")}</td>
              <td className="p-2">{client.office?.name ?? tc("none")}</td>
              <td className="p-2">{t(`statuses.${client.status}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={result} hrefFor={hrefFor} />
    </>
  );
}
