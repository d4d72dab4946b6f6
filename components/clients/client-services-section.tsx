import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { newServiceDefaults } from "@/components/services/form-defaults";
import { formatMinutes } from "@/components/services/format";
import { ServiceForm } from "@/components/services/service-form";
import { ServiceTable } from "@/components/services/service-table";
import { todayInPoland } from "@/lib/dates";
import type { TClientPage } from "@/lib/domain/clients/service";

type TProps = {
  client: { id: string; name: string };
  services: NonNullable<TClientPage["services"]>;
  /** The quick-entry form's options, when the caller may log for the client. */
  options: TClientPage["serviceForm"];
  userId: string;
};

/** The client's latest services with their total, and quick entry of a new one when the caller may log for the client. */
export async function ClientServicesSection({ client, services, options, userId }: TProps) {
  const ts = await getTranslations("services");
  return (
    <section aria-labelledby="services-heading" className="rounded-md border border-slate-300 bg-white p-4">
      <h2 id="services-heading" className="text-lg font-semibold">
        {ts("clientSection")}
      </h2>
      <p className="mt-2" data-testid="client-services-total">
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
      {services.items.length > 0 ? <ServiceTable caption={ts("recentOf", { client: client.name })} services={services.items} returnHref={`/clients/${client.id}`} /> : null}
      {options ? (
        <div className="mt-6">
          <h3 className="mb-3 font-semibold">{ts("newTitle")}</h3>
          <ServiceForm
            mode={{ kind: "create" }}
            draftKey={`service-draft:${userId}:client:${client.id}`}
            defaults={newServiceDefaults({ today: todayInPoland(), userId, officeId: options.myOfficeId, clientIds: [client.id] })}
            options={options}
          />
        </div>
      ) : null}
    </section>
  );
}
