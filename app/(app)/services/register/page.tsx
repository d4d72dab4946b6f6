import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMinutes } from "@/components/services/format";
import { buttonClass } from "@/components/ui/button";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { FilterField, FilterSelect } from "@/components/ui/filter-field";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { entryName, namer } from "@/lib/domain/catalogue/names";
import { getServiceRegisterPage, registerHref } from "@/lib/domain/services/register";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("services.register"))("title") };
}

type TSearch = { from?: string; to?: string; type?: string; providerId?: string; page?: string };

/** The services register: services in the caller's timesheet scope by period, type and provider, newest first, with the total. */
export default async function ServiceRegisterPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // The service parses the query string: a bad date or type is dropped, a provider not offered is ignored.
  const register = await loadForPage(() =>
    getServiceRegisterPage(ctx, { from: params.from, to: params.to, type: params.type, providerId: params.providerId, page: Number(params.page) || 1 }),
  );
  const { filters } = register;
  const t = await getTranslations("services.register");
  const locale = await getLocale();
  const typeName = namer(register.catalogue.supportTypes, locale);
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), CALENDAR_DATE);
  const hrefFor = (page: number) => `${registerHref(filters)}&page=${page}`;

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("lead")}</p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        <FilterField id="register-from" label={t("from")}>
          <input id="register-from" name="from" type="date" defaultValue={filters.from} className={inputClass()} />
        </FilterField>
        <FilterField id="register-to" label={t("to")}>
          <input id="register-to" name="to" type="date" defaultValue={filters.to} className={inputClass()} />
        </FilterField>
        <FilterSelect
          id="register-type"
          name="type"
          label={t("type")}
          value={filters.type}
          allLabel={tc("all")}
          options={register.catalogue.supportTypes.map((type) => ({ value: type.code, label: entryName(type, locale) }))}
        />
        {register.providers.length > 1 ? (
          <FilterSelect
            id="register-provider"
            name="providerId"
            label={t("provider")}
            value={filters.providerId}
            allLabel={tc("all")}
            options={register.providers.map((p) => ({ value: p.id, label: p.name }))}
          />
        ) : null}
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>

      <section aria-labelledby="register-total" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
        <h2 id="register-total" className="text-lg font-semibold" data-testid="register-total" data-count={register.total} data-minutes={register.minutes}>
          {t("total", { count: register.total, hours: format.number(Math.round((register.minutes / 60) * 100) / 100) })}
        </h2>
        <p className="mt-1 text-slate-700">{t("period", { from: day(filters.from), to: day(filters.to) })}</p>
      </section>

      {register.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            t("columns.date"),
            t("columns.type"),
            { label: t("columns.topic"), hideBelow: "md" },
            t("columns.duration"),
            { label: t("columns.providers"), hideBelow: "sm" },
            { label: t("columns.clients"), hideBelow: "lg" },
          ]}
        >
          {register.items.map((r) => (
            <tr key={r.id} data-testid="register-row" className="border-b border-slate-200 align-top">
              <td className="p-2 whitespace-nowrap">{format.dateTime(r.date, CALENDAR_DATE)}</td>
              <td className="p-2">{typeName(r.supportType)}</td>
              <td className={`p-2 ${cellClass("md")}`}>{r.topic ?? tc("none")}</td>
              <td className="p-2 whitespace-nowrap">{formatMinutes(r.durationMinutes)}</td>
              <td className={`p-2 ${cellClass("sm")}`}>{r.providers.join(", ")}</td>
              <td className={`p-2 ${cellClass("lg")}`}>{r.clientCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={register} hrefFor={hrefFor} />
    </>
  );
}
