import { getTranslations } from "next-intl/server";
import type { TAdvisorCaseload } from "@/lib/domain/caseload/service";
import type { TClientAbilities, TClientDetails } from "@/lib/domain/clients/service";
import { ClientAdvisorSection } from "./client-advisor-section";

type TProps = {
  client: TClientDetails;
  abilities: TClientAbilities;
  advisors: TAdvisorCaseload[] | null;
};

/** The overview: the key advisor with the moves the caller may make, and how to reach the client. */
export async function ClientOverviewTab({ client, abilities, advisors }: TProps) {
  const tf = await getTranslations("clients.fields");
  const td = await getTranslations("clients.details");
  const to = await getTranslations("clients.overview");
  const tc = await getTranslations("common");
  const tp = await getTranslations("privacy.consents");
  const address = [client.street, [client.postalCode, client.town].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const contact: [string, string][] = [
    [tf("email"), client.email ?? tc("none")],
    [tf("phone"), client.phone ?? tc("none")],
    [td("address"), address || tc("none")],
    [tf("office"), client.office?.name ?? tc("none")],
  ];
  return (
    <div className="flex flex-col gap-6">
      <ClientAdvisorSection client={client} abilities={abilities} advisors={advisors} />
      <section aria-labelledby="contact-heading" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="contact-heading" className="text-lg font-semibold">
          {to("contactTitle")}
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[14rem_1fr]">
          {contact.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-700">{label}</dt>
              <dd className="min-w-0 break-words">{value}</dd>
            </div>
          ))}
        </dl>
        {/* A withdrawn consent (lib/domain/privacy/consent-policy.ts): the contact data serve the support itself only. */}
        {client.contactWithdrawnOn && (client.email || client.phone) ? <p className="mt-3 text-sm text-slate-700">{tp("noOfferContact")}</p> : null}
      </section>
    </div>
  );
}
