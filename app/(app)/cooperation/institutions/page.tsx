import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { InstitutionForm } from "@/components/cooperation/institution-form";
import { buttonClass } from "@/components/ui/button";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { FilterField, FilterSelect } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { getInstitutionsPage, type TInstitutionsPage } from "@/lib/domain/cooperation/institutions";
import { INSTITUTION_KINDS, INSTITUTION_STATUSES } from "@/lib/domain/cooperation/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cooperation.directory"))("title") };
}

type TSearch = { q?: string; kind?: string; status?: string; page?: string };

/** The directory's URL for its filters and a page. */
function directoryHref(filters: TInstitutionsPage["filters"], page = 1): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.kind) query.set("kind", filters.kind);
  if (filters.status !== "active") query.set("status", filters.status);
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return search ? `/cooperation/institutions?${search}` : "/cooperation/institutions";
}

/** The institution directory: search, the list by name, and the form to add one. */
export default async function InstitutionsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const directory = await loadForPage(() => getInstitutionsPage(ctx, { ...params, page: Number(params.page) || 1 }));
  const { filters } = directory;
  const t = await getTranslations("cooperation");
  const tc = await getTranslations("common");

  return (
    <>
      <h1 className="text-2xl font-bold">{t("directory.title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("directory.lead")}</p>
      {can(ctx.role, "cooperation.write") ? (
        <p className="mt-4">
          <Link href="/cooperation/new" className={buttonClass("primary")}>
            {t("addExchange")}
          </Link>
        </p>
      ) : null}

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("directory.filters")}>
        <FilterField id="institutions-q" label={t("directory.search")}>
          <input id="institutions-q" name="q" type="search" defaultValue={filters.q} maxLength={100} className={inputClass()} />
        </FilterField>
        <FilterSelect
          id="institutions-kind"
          name="kind"
          label={t("directory.kind")}
          value={filters.kind}
          allLabel={tc("all")}
          options={INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t(`institutionKinds.${kind}`) }))}
        />
        <FilterField id="institutions-status" label={t("directory.status")}>
          <select id="institutions-status" name="status" defaultValue={filters.status} className={inputClass()}>
            {INSTITUTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`directory.statuses.${status}`)}
              </option>
            ))}
          </select>
        </FilterField>
        <button type="submit" className={buttonClass("secondary")}>
          {t("directory.show")}
        </button>
      </form>

      {directory.items.length === 0 ? (
        <p className="mt-6">{t("directory.empty")}</p>
      ) : (
        <DataTable
          caption={t("directory.title")}
          columns={[
            t("directory.columns.name"),
            { label: t("directory.columns.kind"), hideBelow: "sm" },
            { label: t("directory.columns.town"), hideBelow: "md" },
            { label: t("directory.columns.contact"), hideBelow: "lg" },
            { label: t("directory.columns.exchanges"), hideBelow: "sm" },
            t("directory.columns.status"),
          ]}
        >
          {directory.items.map((institution) => (
            <tr key={institution.id} data-testid="institution-row" className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">
                <TextLink href={`/cooperation/institutions/${institution.id}`}>{institution.name}</TextLink>
              </td>
              <td className={`p-2 ${cellClass("sm")}`}>{t(`institutionKinds.${institution.kind}`)}</td>
              <td className={`p-2 ${cellClass("md")}`}>{institution.town ?? tc("none")}</td>
              <td className={`p-2 wrap-anywhere ${cellClass("lg")}`}>{[institution.phone, institution.email].filter(Boolean).join(" · ") || tc("none")}</td>
              <td className={`p-2 ${cellClass("sm")}`}>{institution.exchangeCount}</td>
              <td className="p-2">{institution.retiredAt ? t("directory.retired") : t("directory.active")}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={directory} hrefFor={(page) => directoryHref(filters, page)} />

      <section aria-labelledby="new-institution-heading" className="mt-10">
        <h2 id="new-institution-heading" className="mb-4 text-lg font-semibold">
          {t("directory.newTitle")}
        </h2>
        <InstitutionForm mode="create" />
      </section>
    </>
  );
}
