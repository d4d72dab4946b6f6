import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { asCalendarDate, CALENDAR_DATE } from "@/lib/dates";
import type { TClientDetails } from "@/lib/domain/clients/service";

/** The client's record: identifiers, contact data, target group, consent and notes; an organisation's or group's people. */
export async function ClientDetailsSection({ client }: { client: TClientDetails }) {
  const t = await getTranslations("clients");
  const tf = await getTranslations("clients.fields");
  const td = await getTranslations("clients.details");
  const tc = await getTranslations("common");
  const tp = await getTranslations("privacy.consents");
  const format = await getFormatter();
  // A withdrawn consent (lib/domain/privacy/consent-policy.ts): the contact data stay for the support itself, marked.
  const noOfferContact = client.contactWithdrawnOn ? <span className="block text-sm text-slate-700">{tp("noOfferContact")}</span> : null;
  const none = tc("none");
  const targetGroup = [
    client.atRiskOfExclusion ? tf("atRiskOfExclusion") : null,
    client.aged50Plus ? tf("aged50Plus") : null,
    client.longTermUnemployed ? tf("longTermUnemployed") : null,
    client.leavingReintegrationEntity ? tf("leavingReintegrationEntity") : null,
    !client.sensitiveHidden && client.hasDisability ? tf("hasDisability") : null,
  ].filter((v): v is string => v !== null);
  const address = [client.street, [client.postalCode, client.town].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const isGroup = client.kind === "INITIATIVE_GROUP";
  const peopleTitle = isGroup ? t("sections.members") : t("sections.representatives");

  const identifiers: [string, React.ReactNode][] =
    client.kind === "PERSON"
      ? [[tf("pesel"), client.pesel ?? none]]
      : isGroup
        ? []
        : [
            [tf("nip"), client.nip ?? none],
            [tf("regon"), client.regon ?? none],
            [tf("krs"), client.krs ?? none],
          ];
  const details: [string, React.ReactNode][] = [
    [tf("kind"), t(`kinds.${client.kind}`) + (client.subtype && t.has(`subtypes.${client.subtype}`) ? ` — ${t(`subtypes.${client.subtype}`)}` : "")],
    ...identifiers,
    [
      tf("email"),
      <>
        {client.email ?? none}
        {client.email ? noOfferContact : null}
      </>,
    ],
    [
      tf("phone"),
      <>
        {client.phone ?? none}
        {client.phone ? noOfferContact : null}
      </>,
    ],
    [td("address"), address || none],
    [tf("commune"), client.commune ?? none],
    [tf("county"), client.county ?? none],
    [tf("voivodeship"), client.voivodeship ?? none],
    [tf("office"), client.office?.name ?? none],
    [
      t("sections.targetGroup"),
      <>
        {targetGroup.length ? targetGroup.join(", ") : none}
        {client.sensitiveHidden ? (
          <span className="block text-slate-600">
            {client.sensitiveWithdrawnOn ? tp("sensitiveWithdrawn", { date: format.dateTime(client.sensitiveWithdrawnOn, CALENDAR_DATE) }) : td("sensitiveHidden")}
          </span>
        ) : null}
      </>,
    ],
    [t("sections.spheres"), client.kpresSpheres.length ? client.kpresSpheres.map((s) => t(`spheres.${s}`)).join(", ") : none],
    [
      td("consent"),
      client.consentDate
        ? [
            format.dateTime(client.consentDate, asCalendarDate({ dateStyle: "long" })),
            client.consentLegalBasis && t.has(`legalBases.${client.consentLegalBasis}`) ? t(`legalBases.${client.consentLegalBasis}`) : null,
            client.consentScope,
          ]
            .filter(Boolean)
            .join(" · ")
        : td("noConsent"),
    ],
    [tf("notes"), client.notes ? <span className="whitespace-pre-line">{client.notes}</span> : none],
  ];

  return (
    <section aria-labelledby="details-heading" className="rounded-md border border-slate-300 bg-white p-4">
      <h2 id="details-heading" className="text-lg font-semibold">
        {td("title")}
      </h2>
      <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[14rem_1fr]">
        {details.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {client.kind !== "PERSON" ? (
        <>
          <h3 className="mt-6 font-semibold">{peopleTitle}</h3>
          {client.people.length === 0 ? (
            <p className="mt-2">{t("people.none")}</p>
          ) : (
            <DataTable caption={peopleTitle} columns={[tf("personName"), tf("personFunction"), tf("personEmail"), tf("personPhone")]} className="mt-2">
              {client.people.map((p) => (
                <tr key={p.id} className="border-b border-slate-200">
                  <td className="p-2">{p.name}</td>
                  <td className="p-2">{p.function ?? none}</td>
                  <td className="p-2">{p.email ?? none}</td>
                  <td className="p-2">{p.phone ?? none}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      ) : null}
    </section>
  );
}
