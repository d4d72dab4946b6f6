import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMinutes } from "@/components/services/format";
import { ServiceTable } from "@/components/services/service-table";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { CALENDAR_DATE } from "@/lib/dates";
import { namer, type TCatalogueOption } from "@/lib/domain/catalogue/names";
import type { TPathPageTab } from "@/lib/domain/paths/service";

/**
 * Each action of the approved plan with its totals over the whole path, then one page of the
 * path's services (newest first) under the action each implements — the page, never the history.
 */
export async function PathImplementationTab({
  data,
  supportTypes,
}: {
  data: Extract<TPathPageTab, { name: "implementation" }>["implementation"];
  /** The tenant's support types (the actions' names; retired ones too). */
  supportTypes: TCatalogueOption[];
}) {
  const t = await getTranslations("paths");
  const typeName = namer(supportTypes, await getLocale());
  const ts = await getTranslations("services");
  const format = await getFormatter();
  const day = (d: Date | null) => (d ? format.dateTime(d, CALENDAR_DATE) : "…");
  const tab = `/paths/${data.pathId}?tab=implementation`;
  const hrefFor = (n: number) => (n > 1 ? `${tab}&page=${n}` : tab);
  const returnHref = hrefFor(data.page.page);
  const onPage = data.page.items.length;
  return (
    <div className="flex flex-col gap-6">
      <p data-testid="implementation-total" data-count={data.count} data-minutes={data.minutes}>
        {ts("pathTotal", { duration: formatMinutes(data.minutes) })} {ts("implementation.count", { count: data.count })}
      </p>
      {data.planNumber === null ? <p>{ts("noApprovedPlan")}</p> : null}

      {data.actions.length > 0 ? (
        <section aria-labelledby="implementation-totals">
          <h3 id="implementation-totals" className="font-semibold">
            {ts("implementation.totalsTitle")}
          </h3>
          <DataTable
            caption={ts("implementation.totalsCaption")}
            columns={[ts("implementation.action"), ts("implementation.status"), { label: t("plannedPeriod"), hideBelow: "md" }, { label: ts("implementation.services"), hideBelow: "sm" }, ts("columns.duration")]}
            className="mt-2"
          >
            {data.actions.map((action) => (
              <tr key={action.id} className="border-b border-slate-200 align-top" data-testid="implementation-action-total">
                <th scope="row" className="wrap-anywhere p-2 font-medium">
                  {action.position + 1}. {typeName(action.supportType)} — {action.description}
                </th>
                <td className="p-2">{t(`actionStatuses.${action.status}`)}</td>
                <td className={`p-2 whitespace-nowrap ${cellClass("md")}`}>{action.plannedFrom || action.plannedTo ? `${day(action.plannedFrom)} – ${day(action.plannedTo)}` : "—"}</td>
                <td className={`p-2 ${cellClass("sm")}`}>{action.count}</td>
                <td className="p-2 whitespace-nowrap">{formatMinutes(action.minutes)}</td>
              </tr>
            ))}
            <tr className="border-b border-slate-200 align-top">
              <th scope="row" className="p-2 font-medium">
                {ts("otherPathServices")}
              </th>
              <td className="p-2">—</td>
              <td className={`p-2 ${cellClass("md")}`}>—</td>
              <td className={`p-2 ${cellClass("sm")}`}>{data.other.count}</td>
              <td className="p-2 whitespace-nowrap">{formatMinutes(data.other.minutes)}</td>
            </tr>
          </DataTable>
        </section>
      ) : null}

      <section aria-labelledby="implementation-latest" className="flex flex-col gap-4">
        <div>
          <h3 id="implementation-latest" className="font-semibold">
            {ts("implementation.latestTitle")}
          </h3>
          <p className="text-sm text-slate-700">
            {data.count > 0 ? ts("implementation.pageNote", { page: data.page.page, pageCount: data.page.pageCount, onPage }) : ts("implementation.none")}
          </p>
        </div>
        {data.actions.map((action) => (
          <section key={action.id} aria-labelledby={`action-${action.id}`} className="rounded-md border border-slate-300 bg-white p-3" data-testid="implementation-action">
            <h4 id={`action-${action.id}`} className="font-semibold">
              {action.position + 1}. {typeName(action.supportType)} — {action.description}
            </h4>
            <p className="text-sm text-slate-700">
              {t(`actionStatuses.${action.status}`)} · {ts("delivered", { count: action.count, duration: formatMinutes(action.minutes) })}
            </p>
            {action.services.length > 0 ? (
              <ServiceTable caption={ts("servicesFor", { action: action.description })} services={action.services} returnHref={returnHref} />
            ) : (
              <p className="mt-2 text-sm">{action.count === 0 ? ts("noServicesForAction") : ts("implementation.noneOnPage")}</p>
            )}
          </section>
        ))}
        <section aria-labelledby="other-services">
          <h4 id="other-services" className="font-semibold">
            {ts("otherPathServices")}
          </h4>
          {data.otherServices.length > 0 ? (
            <ServiceTable caption={ts("otherPathServices")} services={data.otherServices} returnHref={returnHref} />
          ) : (
            <p className="mt-2 text-sm">{data.other.count === 0 ? ts("noOtherServices") : ts("implementation.noneOnPage")}</p>
          )}
        </section>
        {data.page.pageCount > 1 ? <Pagination result={data.page} hrefFor={hrefFor} /> : null}
      </section>
    </div>
  );
}
