import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientDetailsSection } from "@/components/clients/client-details-section";
import { ClientOverviewTab } from "@/components/clients/client-overview-tab";
import { ClientPathsSection } from "@/components/clients/client-paths-section";
import { ClientServicesSection } from "@/components/clients/client-services-section";
import { ClientSummary } from "@/components/clients/client-summary";
import { ClientTabs } from "@/components/clients/client-tabs";
import { ClientTeamSection } from "@/components/clients/client-team-section";
import { ClientTrainingsSection } from "@/components/clients/client-trainings-section";
import { ClientExchanges } from "@/components/cooperation/client-exchanges";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/clients";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { INSTANT_DATE } from "@/lib/dates";
import { getClientPage, isClientTab, type TClientPage } from "@/lib/domain/clients/service";
import { cooperationLogHref } from "@/lib/domain/cooperation/log-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients"))("title") };
}

type TQuery = { tab?: string; log?: string; created?: string; saved?: string; taken?: string };
type TProps = { params: Promise<{ id: string }>; searchParams: Promise<TQuery> };

/** How many of the latest services the services tab shows (the services page has them all). */
const RECENT_SERVICES = 5;

/** The visible tab's section, from what getClientPage read for it. */
function ClientTab({ data, userId, canListCooperation }: { data: TClientPage; userId: string; canListCooperation: boolean }) {
  const { client } = data;
  const { abilities } = client;
  switch (data.tab) {
    case "overview":
      return <ClientOverviewTab client={client} abilities={abilities} advisors={data.advisors} />;
    case "paths":
      return data.paths ? <ClientPathsSection clientId={client.id} paths={data.paths} canOpenPath={abilities.canOpenPath} /> : null;
    case "services":
      return data.services ? (
        <ClientServicesSection client={client} services={data.services} options={data.serviceForm} canLogService={abilities.canLogService} userId={userId} />
      ) : null;
    case "trainings":
      return data.trainings ? <ClientTrainingsSection trainings={data.trainings} /> : null;
    case "cooperation":
      return data.exchanges ? (
        <ClientExchanges
          client={client}
          exchanges={data.exchanges}
          returnHref={`/clients/${client.id}?tab=cooperation`}
          logHref={canListCooperation ? cooperationLogHref({ clientId: client.id }) : null}
        />
      ) : null;
    case "team":
      return data.team ? <ClientTeamSection clientId={client.id} team={data.team} addAction={addTeamMemberAction} removeAction={removeTeamMemberAction} /> : null;
    case "details":
      return <ClientDetailsSection client={client} />;
  }
}

/**
 * The client's page: who they are and where they stand (the summary), then their sections as
 * tabs. One service call reads it in one transaction — one refusal (need-to-know → 404) before
 * anything else is read — and only the visible tab's data. Logging a service is a step the user
 * takes (`?tab=services&log=1`), never the first thing on the page, and is not offered once the
 * client's support has ended.
 */
export default async function ClientPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const tab = isClientTab(query.tab) ? query.tab : "overview";
  const data = await loadForPage(() => getClientPage(ctx, id, { tab, recentServices: RECENT_SERVICES, logService: query.log === "1" }));
  const { client, summary } = data;
  const { abilities } = client;
  const t = await getTranslations("clients");
  const td = await getTranslations("clients.details");
  const tc = await getTranslations("common");
  const tr = await getTranslations("privacy.restriction");
  const format = await getFormatter();
  // The services tab offers it itself, beside the list.
  const offerLogging = abilities.canLogService && abilities.canReadServices && data.tab !== "services";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/clients" className="text-blue-800 underline">
          {t("backToList")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h1 className="min-w-0 break-words text-2xl font-bold">{client.name}</h1>
        {abilities.canEdit || offerLogging ? (
          <div className="flex flex-wrap gap-3">
            {offerLogging ? (
              <Link href={`/clients/${client.id}?tab=services&log=1`} className={buttonClass("primary")}>
                {t("logService")}
              </Link>
            ) : null}
            {abilities.canEdit ? (
              <Link href={`/clients/${client.id}/edit`} className={buttonClass("secondary")}>
                {td("edit")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
      {flagAlert(query.created ? td("created") : null)}
      {flagAlert(query.saved ? tc("saved") : null)}
      {flagAlert(query.taken && client.keyAdvisor?.id === ctx.userId ? td("taken") : null)}
      {client.status === "CLOSED" ? <p className="mt-3 text-slate-700">{t("supportEnded")}</p> : null}
      {client.restrictedAt ? (
        <Alert tone="info" className="mt-4" data-testid="processing-restricted">
          <strong>{tr("banner", { date: format.dateTime(client.restrictedAt, INSTANT_DATE) })}</strong> {tr("bannerHint")}
        </Alert>
      ) : null}

      <ClientSummary client={client} summary={summary} canReadPaths={abilities.canReadPaths} canReadServices={abilities.canReadServices} />
      <ClientTabs clientId={client.id} current={data.tab} abilities={abilities} participantLink={client.kind === "PERSON"} />
      <div className="mt-6">
        <ClientTab data={data} userId={ctx.userId} canListCooperation={can(ctx.role, "cooperation.list")} />
      </div>
    </>
  );
}

function flagAlert(message: string | null) {
  return message ? (
    <Alert tone="success" className="mt-4">
      {message}
    </Alert>
  ) : null;
}
