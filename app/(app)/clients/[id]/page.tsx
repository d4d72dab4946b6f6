import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuditChangeList } from "@/components/audit/audit-change-list";
import { AssignClientButton, AssignDialogProvider } from "@/components/caseload/assign-dialog";
import { ReleaseClientButton } from "@/components/caseload/release-dialog";
import { TakeClientButton } from "@/components/caseload/take-client-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { listAssignableAdvisors } from "@/lib/domain/caseload/service";
import { getClient, getClientHistory, getClientTeam } from "@/lib/domain/clients/service";
import { ClientTeamSection } from "@/components/clients/client-team-section";
import { addTeamMemberAction, removeTeamMemberAction } from "../actions";
import { listClientPaths } from "@/lib/domain/paths/service";
import { getServiceFormOptions, listClientServices } from "@/lib/domain/consultations/service";
import { newServiceDefaults } from "@/components/services/form-defaults";
import { formatMinutes } from "@/components/services/format";
import { ServiceForm } from "@/components/services/service-form";
import { ServiceTable } from "@/components/services/service-table";
import { todayInPoland } from "@/lib/dates";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients"))("title") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string; taken?: string }> };

const TIME_ZONE = "Europe/Warsaw";
/** How many of the latest services the client page shows (the history page has them all). */
const RECENT_SERVICES = 5;

export default async function ClientPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const flags = await searchParams;
  const mayAssign = can(ctx.role, "clients.assign");
  // The client first: one refusal (need-to-know → 404) before anything else is read.
  const client = await loadForPage(() => getClient(ctx, id));
  const { abilities } = client;
  const [history, team, advisors, paths, services, serviceOptions] = await loadForPage(() =>
    Promise.all([
      getClientHistory(ctx, id),
      getClientTeam(ctx, id),
      mayAssign ? listAssignableAdvisors(ctx) : [],
      abilities.canReadPaths ? listClientPaths(ctx, id) : [],
      abilities.canReadServices ? listClientServices(ctx, id, { pageSize: RECENT_SERVICES }) : null,
      abilities.canLogService ? getServiceFormOptions(ctx, [id]) : null,
    ]),
  );
  const ts = await getTranslations("services");
  const tp = await getTranslations("paths");
  const t = await getTranslations("clients");
  const tf = await getTranslations("clients.fields");
  const td = await getTranslations("clients.details");
  const ta = await getTranslations("audit");
  const tca = await getTranslations("caseload.assign");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short", timeZone: TIME_ZONE });
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  const none = tc("none");

  const advisor = client.keyAdvisor;
  const showAssign = mayAssign && client.status !== "CLOSED";
  const showRelease = mayAssign && advisor !== null;
  const showTake = can(ctx.role, "clients.take_from_queue") && client.status === "WAITING";
  const targetGroup = [
    client.atRiskOfExclusion ? tf("atRiskOfExclusion") : null,
    client.aged50Plus ? tf("aged50Plus") : null,
    client.longTermUnemployed ? tf("longTermUnemployed") : null,
    client.leavingReintegrationEntity ? tf("leavingReintegrationEntity") : null,
    !client.sensitiveHidden && client.hasDisability ? tf("hasDisability") : null,
  ].filter((v): v is string => v !== null);
  const address = [client.street, [client.postalCode, client.town].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const isGroup = client.kind === "INITIATIVE_GROUP";
  const actionLabel = (action: string) => (ta.has(`actions.${action}`) ? ta(`actions.${action}`) : action);

  const details: [string, React.ReactNode][] = [
    [tf("kind"), t(`kinds.${client.kind}`) + (client.subtype && t.has(`subtypes.${client.subtype}`) ? ` — ${t(`subtypes.${client.subtype}`)}` : "")],
    ...(client.kind === "PERSON"
      ? ([[tf("pesel"), client.pesel ?? none]] as [string, React.ReactNode][])
      : client.kind === "INITIATIVE_GROUP"
        ? []
        : ([
            [tf("nip"), client.nip ?? none],
            [tf("regon"), client.regon ?? none],
            [tf("krs"), client.krs ?? none],
          ] as [string, React.ReactNode][])),
    [tf("email"), client.email ?? none],
    [tf("phone"), client.phone ?? none],
    [td("address"), address || none],
    [tf("commune"), client.commune ?? none],
    [tf("county"), client.county ?? none],
    [tf("voivodeship"), client.voivodeship ?? none],
    [tf("office"), client.office?.name ?? none],
    [
      t("sections.targetGroup"),
      <>
        {targetGroup.length ? targetGroup.join(", ") : none}
        {client.sensitiveHidden ? <span className="block text-slate-600">{td("sensitiveHidden")}</span> : null}
      </>,
    ],
    [t("sections.spheres"), client.kpresSpheres.length ? client.kpresSpheres.map((s) => t(`spheres.${s}`)).join(", ") : none],
    [
      td("consent"),
      client.consentDate
        ? [
            date(client.consentDate),
            client.consentLegalBasis && t.has(`legalBases.${client.consentLegalBasis}`) ? t(`legalBases.${client.consentLegalBasis}`) : null,
            client.consentScope,
          ]
            .filter(Boolean)
            .join(" · ")
        : td("noConsent"),
    ],
    [tf("notes"), client.notes ? <span className="whitespace-pre-line">{client.notes}</span> : none],
  ];

  const advisorSection = (
    <section aria-labelledby="advisor-heading" className="rounded-md border border-slate-300 bg-white p-4">
      <h2 id="advisor-heading" className="text-lg font-semibold">
        {td("advisorTitle")}
      </h2>
      <p className="mt-2" data-testid="key-advisor">
        {advisor ? (
          <strong className="font-semibold">{advisor.name}</strong>
        ) : client.status === "CLOSED" ? (
          td("closed")
        ) : client.waitingSince ? (
          td("waitingSince", { date: dateTime(client.waitingSince) })
        ) : (
          td("noAdvisor")
        )}
      </p>
      {showAssign || showRelease || showTake ? (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          {showAssign ? (
            <AssignClientButton
              variant="primary"
              client={{ id: client.id, name: client.name, currentAdvisorId: advisor?.id ?? null }}
              label={advisor ? tca("buttonChange") : tca("button")}
            />
          ) : null}
          {showRelease && advisor ? <ReleaseClientButton clientId={client.id} clientName={client.name} advisorName={advisor.name} /> : null}
          {showTake ? <TakeClientButton clientId={client.id} clientName={client.name} label={td("take")} /> : null}
        </div>
      ) : null}
    </section>
  );

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/clients" className="text-blue-800 underline">
          {t("backToList")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{client.name}</h1>
          <p className="mt-1 text-slate-700">
            {t(`kinds.${client.kind}`)} · {td("status")}: <strong className="font-semibold">{t(`statuses.${client.status}`)}</strong>
          </p>
        </div>
        {abilities.canEdit ? (
          <Link href={`/clients/${client.id}/edit`} className={buttonClass("secondary")}>
            {td("edit")}
          </Link>
        ) : null}
      </div>
      {flags.created ? (
        <Alert tone="success" className="mt-4">
          {td("created")}
        </Alert>
      ) : null}
      {flags.saved ? (
        <Alert tone="success" className="mt-4">
          {tc("saved")}
        </Alert>
      ) : null}
      {flags.taken && advisor?.id === ctx.userId ? (
        <Alert tone="success" className="mt-4">
          {td("taken")}
        </Alert>
      ) : null}

      <div className="mt-6 flex flex-col gap-6">
        {showAssign ? <AssignDialogProvider advisors={advisors}>{advisorSection}</AssignDialogProvider> : advisorSection}

        <ClientTeamSection clientId={client.id} team={team} today={todayInPoland()} addAction={addTeamMemberAction} removeAction={removeTeamMemberAction} />

        {abilities.canReadPaths ? (
          <section aria-labelledby="paths-heading" className="rounded-md border border-slate-300 bg-white p-4">
            <h2 id="paths-heading" className="text-lg font-semibold">
              {tp("clientPaths")}
            </h2>
            {paths.length === 0 ? <p className="mt-2">{tp("noPaths")}</p> : null}
            <ul className="mt-2 flex flex-col gap-1">
              {paths.map((p) => (
                <li key={p.id}>
                  <Link href={`/paths/${p.id}`} className="text-blue-800 underline">
                    {tp("pathItem", { direction: tp(`directions.${p.direction}`), step: tp(`steps.${p.step}`), opened: date(p.openedAt) })}
                  </Link>
                </li>
              ))}
            </ul>
            {abilities.canOpenPath && client.status === "ACTIVE" && !paths.some((p) => p.closedAt === null) ? (
              <Link href={`/paths/new?clientId=${client.id}`} className={`${buttonClass("primary")} mt-3`}>
                {tp("openPath")}
              </Link>
            ) : null}
          </section>
        ) : null}

        {services ? (
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
            {serviceOptions ? (
              <div className="mt-6">
                <h3 className="mb-3 font-semibold">{ts("newTitle")}</h3>
                <ServiceForm
                  mode={{ kind: "create" }}
                  draftKey={`service-draft:${ctx.userId}:client:${client.id}`}
                  defaults={newServiceDefaults({ today: todayInPoland(), userId: ctx.userId, officeId: serviceOptions.myOfficeId, clientIds: [client.id] })}
                  options={serviceOptions}
                />
              </div>
            ) : null}
          </section>
        ) : null}

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
              <h3 className="mt-6 font-semibold">{isGroup ? t("sections.members") : t("sections.representatives")}</h3>
              {client.people.length === 0 ? (
                <p className="mt-2">{t("people.none")}</p>
              ) : (
                <DataTable caption={isGroup ? t("sections.members") : t("sections.representatives")} columns={[tf("personName"), tf("personFunction"), tf("personEmail"), tf("personPhone")]} className="mt-2">
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

        <section aria-labelledby="assignments-heading" className="rounded-md border border-slate-300 bg-white p-4">
          <h2 id="assignments-heading" className="text-lg font-semibold">
            {td("assignmentsTitle")}
          </h2>
          {history.assignments.length === 0 ? (
            <p className="mt-2">{td("noAssignments")}</p>
          ) : (
            <DataTable caption={td("assignmentsTitle")} columns={[td("assignments.when"), td("assignments.advisor"), td("assignments.from"), td("assignments.by"), td("assignments.reason"), td("assignments.ended")]} className="mt-2">
                  {history.assignments.map((a) => (
                    <tr key={a.id} className="border-b border-slate-200 align-top">
                      <td className="p-2 whitespace-nowrap">
                        <time dateTime={a.assignedAt.toISOString()}>{dateTime(a.assignedAt)}</time>
                      </td>
                      <td className="p-2">{a.advisor.name}</td>
                      <td className="p-2">{a.fromAdvisor?.name ?? td("assignments.fromQueue")}</td>
                      <td className="p-2">{a.assignedBy?.name ?? none}</td>
                      <td className="p-2">{a.reason ?? none}</td>
                      <td className="p-2">
                        {a.releasedAt ? (
                          <>
                            <time dateTime={a.releasedAt.toISOString()}>{dateTime(a.releasedAt)}</time>
                            {a.releasedBy ? <span className="block">{td("assignments.endedBy", { name: a.releasedBy.name })}</span> : null}
                            {a.releaseReason ? <span className="block">{td("assignments.endReason", { reason: a.releaseReason })}</span> : null}
                          </>
                        ) : (
                          td("assignments.current")
                        )}
                      </td>
                    </tr>
                  ))}
            </DataTable>
          )}
        </section>

        <section aria-labelledby="audit-heading" className="rounded-md border border-slate-300 bg-white p-4">
          <h2 id="audit-heading" className="text-lg font-semibold">
            {td("auditTitle")}
          </h2>
          {history.auditEntries.length === 0 ? (
            <p className="mt-2">{ta("empty")}</p>
          ) : (
            <DataTable caption={td("auditTitle")} columns={[ta("columns.time"), ta("columns.actor"), ta("columns.action"), ta("columns.change")]} className="mt-2">
                  {history.auditEntries.map((entry) => (
                    <tr key={entry.id} className="border-b border-slate-200 align-top">
                      <td className="p-2 whitespace-nowrap">
                        <time dateTime={entry.createdAt.toISOString()}>{dateTime(entry.createdAt)}</time>
                      </td>
                      <td className="p-2">{entry.actor?.name ?? ta("system")}</td>
                      <td className="p-2">{actionLabel(entry.action)}</td>
                      <td className="min-w-64 p-2">
                        <AuditChangeList before={entry.before} after={entry.after} />
                        {entry.sensitiveHidden ? <span className="mt-1 block text-slate-600">{td("sensitiveHidden")}</span> : null}
                      </td>
                    </tr>
                  ))}
            </DataTable>
          )}
        </section>
      </div>
    </>
  );
}
