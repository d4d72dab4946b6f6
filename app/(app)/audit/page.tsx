import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuditChangeList } from "@/components/audit/audit-change-list";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { inPolishTime } from "@/lib/dates";
import { findAuditEntries, listAuditFilterOptions } from "@/lib/domain/audit/find-audit";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const PAGE_SIZE = 25;
const ENTITY_ID_MAX = 100;

type TSearch = { entityType?: string; actorId?: string; entityId?: string; page?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const options = await loadForPage(() => listAuditFilterOptions(ctx));
  // Filters come from the query string: a value that is not one of the offered choices is ignored.
  const entityType = options.entityTypes.find((type) => type === params.entityType);
  const actorId = options.users.find((user) => user.id === params.actorId)?.id;
  const entityId = params.entityId && params.entityId.length <= ENTITY_ID_MAX ? params.entityId : undefined;
  const result = await loadForPage(() =>
    findAuditEntries(ctx, { entityType, actorId, entityId, page: Number(params.page) || 1, pageSize: PAGE_SIZE }),
  );
  const t = await getTranslations("audit");
  const tc = await getTranslations("common");
  const format = await getFormatter();

  const entityLabel = (type: string) => (t.has(`entities.${type}`) ? t(`entities.${type}`) : type);
  const actionLabel = (action: string) => (t.has(`actions.${action}`) ? t(`actions.${action}`) : action);
  const query = (overrides: Record<string, string | undefined>) => {
    const values: Record<string, string | undefined> = { entityType, actorId, entityId, ...overrides };
    const defined = Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]));
    return `/audit?${new URLSearchParams(defined)}`;
  };

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-entity-type" className="text-sm font-medium">
            {t("entityFilter")}
          </label>
          <select id="audit-entity-type" name="entityType" defaultValue={entityType ?? ""} className={inputClass()}>
            <option value="">{t("allEntities")}</option>
            {options.entityTypes.map((type) => (
              <option key={type} value={type}>
                {entityLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-actor" className="text-sm font-medium">
            {t("userFilter")}
          </label>
          <select id="audit-actor" name="actorId" defaultValue={actorId ?? ""} className={inputClass()}>
            <option value="">{t("allUsers")}</option>
            {options.users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        {entityId ? <input type="hidden" name="entityId" value={entityId} /> : null}
        <button type="submit" className={buttonClass("secondary")}>
          {tc("filter")}
        </button>
      </form>
      {entityId ? (
        <Alert tone="info" className="mt-4">
          {t("entityHistory", { id: entityId })}{" "}
          <Link href={query({ entityId: undefined })} className="font-semibold underline">
            {t("showAllEntities")}
          </Link>
        </Alert>
      ) : null}
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable caption={t("title")} columns={[t("columns.time"), t("columns.actor"), t("columns.action"), t("columns.entity"), t("columns.change")]}>
              {result.items.map((entry) => (
                <tr key={entry.id} className="border-b border-slate-200 align-top">
                  <td className="p-2 whitespace-nowrap">
                    <time dateTime={entry.createdAt.toISOString()}>
                      {format.dateTime(entry.createdAt, inPolishTime({ dateStyle: "short", timeStyle: "medium" }))}
                    </time>
                  </td>
                  <td className="p-2">{entry.actorName ?? t("system")}</td>
                  <td className="p-2">{actionLabel(entry.action)}</td>
                  <td className="p-2">
                    <span className="block">{entityLabel(entry.entityType)}</span>
                    {entry.entityId ? (
                      <Link
                        href={query({ entityType: entry.entityType, entityId: entry.entityId, actorId: undefined })}
                        className="block font-mono text-xs break-all text-blue-800 underline"
                      >
                        <span className="sr-only">{t("historyOf")} </span>
                        {entry.entityId}
                      </Link>
                    ) : null}
                  </td>
                  <td className="min-w-64 p-2">
                    <AuditChangeList before={entry.before} after={entry.after} />
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
      <Pagination result={result} hrefFor={(page) => query({ page: String(page) })} />
    </>
  );
}
