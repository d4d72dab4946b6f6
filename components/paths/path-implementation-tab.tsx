import { getTranslations } from "next-intl/server";
import { formatMinutes } from "@/components/services/format";
import { ServiceTable } from "@/components/services/service-table";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { isoDateOr } from "@/lib/dates";
import { getPathImplementation } from "@/lib/domain/services/service";

/** Each action of the approved plan next to the services delivered for it, then this path's other services. */
export async function PathImplementationTab({ pathId }: { pathId: string }) {
  const ctx = await requireSessionUser();
  const data = await loadForPage(() => getPathImplementation(ctx, pathId));
  const t = await getTranslations("paths");
  const ts = await getTranslations("services");
  const returnHref = `/paths/${pathId}?tab=implementation`;
  return (
    <div className="flex flex-col gap-6">
      <p data-testid="implementation-total">{ts("pathTotal", { duration: formatMinutes(data.minutes) })}</p>
      {data.planNumber === null ? <p>{ts("noApprovedPlan")}</p> : null}
      {data.actions.map((action) => (
        <section key={action.id} aria-labelledby={`action-${action.id}`} className="rounded-md border border-slate-300 bg-white p-3" data-testid="implementation-action">
          <h3 id={`action-${action.id}`} className="font-semibold">
            {action.position + 1}. {t(`supportTypes.${action.supportType}`)} — {action.description}
          </h3>
          <p className="text-sm text-slate-700">
            {t(`actionStatuses.${action.status}`)}
            {action.plannedFrom || action.plannedTo ? ` · ${t("plannedPeriod")}: ${isoDateOr(action.plannedFrom, "…")} – ${isoDateOr(action.plannedTo, "…")}` : ""} ·{" "}
            {ts("delivered", { count: action.services.length, duration: formatMinutes(action.minutes) })}
          </p>
          {action.services.length > 0 ? (
            <ServiceTable caption={ts("servicesFor", { action: action.description })} services={action.services} returnHref={returnHref} />
          ) : (
            <p className="mt-2 text-sm">{ts("noServicesForAction")}</p>
          )}
        </section>
      ))}
      <section aria-labelledby="other-services">
        <h3 id="other-services" className="font-semibold">
          {ts("otherPathServices")}
        </h3>
        {data.otherServices.length > 0 ? (
          <ServiceTable caption={ts("otherPathServices")} services={data.otherServices} returnHref={returnHref} />
        ) : (
          <p className="mt-2 text-sm">{ts("noOtherServices")}</p>
        )}
      </section>
    </div>
  );
}
