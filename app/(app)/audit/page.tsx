import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { AuditValue } from "@/components/audit/audit-value";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getAuditPage } from "@/lib/domain/audit/find-audit";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const PAGE_SIZE = 25;

type TSearch = { entityType?: string; actorId?: string; entityId?: string; since?: string; page?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { users, entityTypes, filters, entity, result } = await loadForPage(() =>
    getAuditPage(ctx, { entityType: params.entityType, actorId: params.actorId, entityId: params.entityId, since: params.since, page: params.page, pageSize: PAGE_SIZE }),
  );
  const t = await getTranslations("audit");
  const tr = await getTranslations();
  const tc = await getTranslations("common");

  const query = (overrides: Record<string, string | undefined>) => {
    const values: Record<string, string | undefined> = { ...filters, ...overrides };
    const defined = Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]));
    return `/audit?${new URLSearchParams(defined)}`;
  };

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <div className="flex max-w-full flex-col gap-1">
          <label htmlFor="audit-entity-type" className="text-sm font-medium">
            {t("entityFilter")}
          </label>
          <select id="audit-entity-type" name="entityType" defaultValue={filters.entityType ?? ""} className={inputClass()}>
            <option value="">{t("allEntities")}</option>
            {entityTypes.map((type) => (
              <option key={type.value} value={type.value}>
                {tr(type.labelKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex max-w-full flex-col gap-1">
          <label htmlFor="audit-actor" className="text-sm font-medium">
            {t("userFilter")}
          </label>
          <select id="audit-actor" name="actorId" defaultValue={filters.actorId ?? ""} className={inputClass()}>
            <option value="">{t("allUsers")}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex max-w-full flex-col gap-1">
          <label htmlFor="audit-since" className="text-sm font-medium">
            {t("sinceFilter")}
          </label>
          <input id="audit-since" name="since" type="date" defaultValue={filters.since ?? ""} className={inputClass()} />
        </div>
        {filters.entityId ? <input type="hidden" name="entityId" value={filters.entityId} /> : null}
        <button type="submit" className={buttonClass("secondary")}>
          {tc("filter")}
        </button>
      </form>
      {filters.entityId ? (
        <Alert tone="info" className="mt-4">
          {entity ? (
            <>
              {t("entityHistoryOf")} <AuditValue value={entity} />.
            </>
          ) : (
            t("entityHistory")
          )}{" "}
          <Link href={query({ entityId: undefined, page: undefined })} className="font-semibold underline">
            {t("showAllEntities")}
          </Link>
        </Alert>
      ) : null}
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <AuditTable
          entries={result.items}
          historyHref={(entry) => query({ entityType: entry.entityType, entityId: entry.entityId ?? undefined, actorId: undefined, page: undefined })}
        />
      )}
      <Pagination result={result} hrefFor={(page) => query({ page: String(page) })} />
    </>
  );
}
