import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { getStaffListPage, type TStaffListPage } from "@/lib/domain/staff/page";
import { STAFF_POSITIONS } from "@/lib/domain/staff/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("title") };
}

type TSearch = { position?: string; withdrawn?: string; page?: string };

function listHref(filters: TStaffListPage["filters"], page = 1): string {
  const query = new URLSearchParams();
  if (filters.position) query.set("position", filters.position);
  if (filters.withdrawn) query.set("withdrawn", "1");
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return search ? `/admin/staff?${search}` : "/admin/staff";
}

/** Staff records: who is employed as what, on which contract (the evidence of "animators employed"). */
export default async function StaffListPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const list = await loadForPage(() => getStaffListPage(ctx, { ...params, page: Number(params.page) || 1 }));
  const { filters } = list;
  const t = await getTranslations("staff");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const day = (iso: string | null) => (iso ? format.dateTime(dateOnly(iso), CALENDAR_DATE) : t("openEnded"));

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("rule")}</p>
      <p className="mt-4">
        <Link href="/admin/staff/new" className={buttonClass("primary")}>
          {t("add")}
        </Link>
      </p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <FilterSelect
          id="staff-position"
          name="position"
          label={t("fields.position")}
          value={filters.position}
          allLabel={tc("all")}
          options={STAFF_POSITIONS.map((p) => ({ value: p, label: t(`positions.${p}`) }))}
        />
        <div className="flex items-center gap-2 pb-2">
          <input id="staff-withdrawn" name="withdrawn" type="checkbox" value="1" defaultChecked={filters.withdrawn} />
          <label htmlFor="staff-withdrawn" className="text-sm">
            {t("showWithdrawn")}
          </label>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>
      {list.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            t("columns.person"),
            t("columns.position"),
            { label: t("columns.contract"), hideBelow: "md" },
            { label: t("columns.period"), hideBelow: "sm" },
            { label: t("columns.partner"), hideBelow: "lg" },
            t("columns.status"),
          ]}
        >
          {list.items.map((item) => (
            <tr key={item.id} data-testid="staff-row" className="border-b border-slate-200 align-top">
              <td className="p-2 wrap-anywhere">
                <TextLink href={`/admin/staff/${item.id}`}>{item.personName}</TextLink>
              </td>
              <td className="p-2">{t(`positions.${item.position}`)}</td>
              <td className={`p-2 wrap-anywhere ${cellClass("md")}`}>
                {t(`contractKinds.${item.contractKind}`)} · {item.reference}
              </td>
              <td className={`p-2 ${cellClass("sm")}`}>
                {day(item.startsOn)} – {day(item.endsOn)}
              </td>
              <td className={`p-2 ${cellClass("lg")}`}>{[item.partner, item.office].filter(Boolean).join(" · ") || tc("none")}</td>
              <td className="p-2">{item.withdrawn ? t("withdrawnStatus") : t("activeStatus")}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={list} hrefFor={(page) => listHref(filters, page)} />
    </>
  );
}
