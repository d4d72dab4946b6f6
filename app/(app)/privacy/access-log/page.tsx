import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AccessLogTable } from "@/components/privacy/access-log-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getAccessLogPage } from "@/lib/domain/privacy/access-log-page";
import { ACCESS_VIEWS, accessLogHref, accessLogQueryOf, type TAccessLogFilters } from "@/lib/domain/privacy/access-log-schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.accessLog"))("title") };
}

type TSearch = { client?: string; user?: string; person?: string; view?: string; from?: string; to?: string; page?: string };

/**
 * The IOD's access log (issue 17): who viewed whose data, when, how and from where. Two entry
 * points: "who viewed this person" (?client=) and "what did this user view" (?user=) — each row
 * links to both — and filters by person, user, view and days; the filtered list downloads as XLSX
 * or CSV (the export is audited).
 */
export default async function AccessLogPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const data = await loadForPage(() => getAccessLogPage(ctx, accessLogQueryOf(params)));
  const { filters, users, client, user } = data;
  const t = await getTranslations("privacy.accessLog");
  const tr = await getTranslations();
  const tc = await getTranslations("common");
  const withFilters = (overrides: Partial<Record<keyof TAccessLogFilters, string | undefined>>) => ({ ...filters, ...overrides }) as TAccessLogFilters;
  const title = client ? t("titleForClient", { name: client.name }) : user ? t("titleForUser", { name: user.name }) : t("title");

  return (
    <>
      <h1 className="text-2xl font-bold break-words">{title}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        {client ? (
          <input type="hidden" name="client" value={client.id} />
        ) : (
          <div className="flex max-w-full flex-col gap-1">
            <label htmlFor="access-log-person" className="text-sm font-medium">
              {t("person")}
            </label>
            <input
              id="access-log-person"
              name="person"
              type="search"
              defaultValue={filters.person ?? ""}
              aria-describedby="access-log-person-hint"
              className={inputClass()}
            />
            <span id="access-log-person-hint" className="text-xs text-slate-700">
              {t("personHint")}
            </span>
          </div>
        )}
        <div className="flex max-w-full flex-col gap-1">
          <label htmlFor="access-log-user" className="text-sm font-medium">
            {t("user")}
          </label>
          <select id="access-log-user" name="user" defaultValue={filters.user ?? ""} className={inputClass()}>
            <option value="">{t("allUsers")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({tr(`roles.${u.role}`)})
              </option>
            ))}
          </select>
        </div>
        <div className="flex max-w-full flex-col gap-1">
          <label htmlFor="access-log-view" className="text-sm font-medium">
            {t("view")}
          </label>
          <select id="access-log-view" name="view" defaultValue={filters.view ?? ""} className={inputClass()}>
            <option value="">{t("allViews")}</option>
            {ACCESS_VIEWS.map((view) => (
              <option key={view} value={view}>
                {tr(`privacy.views.${view}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex max-w-full flex-col gap-1">
          <label htmlFor="access-log-from" className="text-sm font-medium">
            {t("from")}
          </label>
          <input id="access-log-from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClass()} />
        </div>
        <div className="flex max-w-full flex-col gap-1">
          <label htmlFor="access-log-to" className="text-sm font-medium">
            {t("to")}
          </label>
          <input id="access-log-to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass()} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {tc("filter")}
        </button>
      </form>
      {client || user ? (
        <Alert tone="info" className="mt-4">
          {client ? t("narrowedToClient", { name: client.name }) : null}
          {client && user ? " " : null}
          {user ? t("narrowedToUser", { name: user.name }) : null}{" "}
          <Link href={accessLogHref(withFilters({ client: undefined, user: undefined }))} className="font-semibold underline">
            {t("showAll")}
          </Link>
        </Alert>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-3">
        <a href={accessLogHref(filters, { export: "xlsx" })} className={buttonClass("primary")} download>
          {t("exportXlsx")}
        </a>
        <a href={accessLogHref(filters, { export: "csv" })} className={buttonClass("secondary")} download>
          {t("exportCsv")}
        </a>
      </div>
      {data.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <AccessLogTable rows={data.items} caption={title} hrefFor={(filter) => accessLogHref({ ...filter })} />
      )}
      <Pagination result={data} hrefFor={(page) => accessLogHref(filters, { page })} />
    </>
  );
}
