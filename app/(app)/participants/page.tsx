import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getParticipantsPage, participantRegisterHref, participantsHref } from "@/lib/domain/participants/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("participants.list"))("title") };
}

type TSearch = { year?: string; incomplete?: string; page?: string };

/**
 * The EFS+ completeness check (participants.report): per person, what monitoring still needs,
 * filtered by year of participation and to incomplete ones, with the participant register's export.
 */
export default async function ParticipantsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const list = await loadForPage(() => getParticipantsPage(ctx, { ...params, page: Number(params.page) || 1 }));
  const { filters } = list;
  const t = await getTranslations("participants");

  return (
    <>
      <h1 className="text-2xl font-bold">{t("list.title")}</h1>
      <p className="mt-2 text-slate-700">{t("list.lead")}</p>
      <p className="mt-2 max-w-4xl text-sm text-slate-700">{t("list.rules")}</p>
      {list.sensitiveHidden ? <p className="mt-2 text-sm text-slate-700">{t("list.sensitiveHidden")}</p> : null}
      <p className="mt-4">
        <a href={participantRegisterHref(filters.year)} className={buttonClass("primary")} data-testid="participant-register-export" download>
          {filters.year !== undefined ? t("list.exportYear", { year: filters.year }) : t("list.export")}
        </a>
      </p>

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("list.filters")}>
        <FilterSelect
          id="participants-year"
          name="year"
          label={t("list.year")}
          value={filters.year !== undefined ? String(filters.year) : undefined}
          allLabel={t("list.allYears")}
          options={list.years.map((year) => ({ value: String(year), label: String(year) }))}
        />
        <label className="flex items-center gap-2 py-2 text-sm font-medium">
          <input type="checkbox" name="incomplete" value="1" defaultChecked={filters.incomplete} className="size-4" />
          {t("list.incomplete")}
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("list.show")}
        </button>
      </form>

      <p className="mt-4 font-semibold" data-testid="participants-total" data-count={list.total}>
        {t("list.count", { count: list.total })}
      </p>

      {list.items.length === 0 ? (
        <p className="mt-4">{t("list.empty")}</p>
      ) : (
        <DataTable caption={t("list.title")} columns={[t("list.columns.person"), t("list.columns.missing")]}>
          {list.items.map((row) => (
            <tr key={row.id} data-testid="participant-row" className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">
                <TextLink href={`/clients/${row.id}/participant`}>{row.name}</TextLink>
              </td>
              <td className="p-2">
                {row.missing.length === 0 ? (
                  <span className="font-medium text-green-800">{t("list.complete")}</span>
                ) : (
                  <ul aria-label={t("list.missingLabel", { name: row.name })} className="flex flex-wrap gap-x-3 gap-y-1">
                    {row.missing.map((field) => (
                      <li key={field}>{t(`fields.${field}`)}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={list} hrefFor={(page) => participantsHref(filters, page)} />
    </>
  );
}
