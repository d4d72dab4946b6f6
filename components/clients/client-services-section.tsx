import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { newServiceDefaults } from "@/components/services/form-defaults";
import { formatMinutes } from "@/components/services/format";
import { ServiceForm } from "@/components/services/service-form";
import { ServiceTable } from "@/components/services/service-table";
import { buttonClass } from "@/components/ui/button";
import { todayInPoland } from "@/lib/dates";
import type { TClientPage } from "@/lib/domain/clients/service";

type TProps = {
  client: { id: string; name: string };
  services: NonNullable<TClientPage["services"]>;
  /** The entry form's options: the tab was opened to log a service (`?tab=services&log=1`) by a caller who may. */
  options: TClientPage["serviceForm"];
  /** The caller may log a service for the client now (not for a client whose support has ended). */
  canLogService: boolean;
  userId: string;
};

/** The services tab: the client's latest services with their total, and the entry form when asked for. */
export async function ClientServicesSection({ client, services, options, canLogService, userId }: TProps) {
  const ts = await getTranslations("services");
  const t = await getTranslations("clients");
  const tabHref = `/clients/${client.id}?tab=services`;
  return (
    <section aria-labelledby="services-heading" className="flex flex-col gap-4 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="services-heading" className="text-lg font-semibold">
        {ts("clientSection")}
      </h2>
      {options ? (
        <section aria-labelledby="log-service-heading" className="rounded-md border border-slate-300 p-3">
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h3 id="log-service-heading" className="text-lg font-semibold">
              {ts("newTitle")}
            </h3>
            <Link href={tabHref} className="text-sm text-blue-800 underline">
              {t("closeLogForm")}
            </Link>
          </div>
          <ServiceForm
            mode={{ kind: "create" }}
            draftKey={`service-draft:${userId}:client:${client.id}`}
            defaults={newServiceDefaults({ today: todayInPoland(), userId, officeId: options.myOfficeId, clientIds: [client.id] })}
            options={options}
          />
        </section>
      ) : canLogService ? (
        <p>
          <Link href={`${tabHref}&log=1`} className={buttonClass("primary")}>
            {t("logService")}
          </Link>
        </p>
      ) : null}
      <div>
        <p data-testid="client-services-total">
          {ts("total", { count: services.total, duration: formatMinutes(services.minutes) })}
          {services.total > 0 ? (
            <>
              {" · "}
              <Link href={`/clients/${client.id}/services`} className="text-blue-800 underline">
                {ts("fullHistory")}
              </Link>
            </>
          ) : null}
        </p>
        {services.items.length > 0 ? <ServiceTable caption={ts("recentOf", { client: client.name })} services={services.items} returnHref={tabHref} /> : null}
      </div>
    </section>
  );
}
