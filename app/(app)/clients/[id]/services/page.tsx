import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatMinutes } from "@/components/services/format";
import { ServiceTable } from "@/components/services/service-table";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { entryName } from "@/lib/domain/catalogue/names";
import { listClientServices } from "@/lib/domain/services/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("services"))("historyTitle") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ supportType?: string; from?: string; to?: string; page?: string }> };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A client's service history: every service they took part in, newest first, by type and period. */
export default async function ClientServicesPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const supportType = query.supportType?.trim() || undefined;
  const from = query.from && ISO_DATE.test(query.from) ? query.from : undefined;
  const to = query.to && ISO_DATE.test(query.to) ? query.to : undefined;
  const result = await loadForPage(() => listClientServices(ctx, id, { supportType, from, to, page: Number(query.page) || 1 }));
  const { client } = result;
  const t = await getTranslations("services");
  const locale = await getLocale();
  const tc = await getTranslations("common");
  const filters = { ...(supportType ? { supportType } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const hrefFor = (page: number) => `/clients/${id}/services?${new URLSearchParams({ ...filters, page: String(page) })}`;
  const caption = t("historyOf", { client: client.name });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/clients/${id}`} className="text-blue-800 underline">
          {client.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{caption}</h1>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("historyFilters")}>
        <div className="flex flex-col gap-1">
          <label htmlFor="history-type" className="text-sm font-medium">
            {t("fields.supportType")}
          </label>
          <select id="history-type" name="supportType" defaultValue={supportType ?? ""} className={inputClass()}>
            <option value="">{tc("all")}</option>
            {result.supportTypes.map((s) => (
              <option key={s.code} value={s.code}>
                {entryName(s, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="history-from" className="text-sm font-medium">
            {t("from")}
          </label>
          <input id="history-from" name="from" type="date" defaultValue={from ?? ""} className={inputClass()} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="history-to" className="text-sm font-medium">
            {t("to")}
          </label>
          <input id="history-to" name="to" type="date" defaultValue={to ?? ""} className={inputClass()} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {tc("filter")}
        </button>
      </form>
      <p className="mt-4" data-testid="history-total">
        {t("total", { count: result.total, duration: formatMinutes(result.minutes) })}
      </p>
      {result.items.length === 0 ? (
        <p className="mt-4">{t("emptyHistory")}</p>
      ) : (
        <ServiceTable caption={caption} services={result.items} returnHref={hrefFor(result.page)} />
      )}
      <Pagination result={result} hrefFor={hrefFor} />
    </>
  );
}
