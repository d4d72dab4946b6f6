import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientAdvisorSection } from "@/components/clients/client-advisor-section";
import { ClientDetailsSection } from "@/components/clients/client-details-section";
import { ClientPathsSection } from "@/components/clients/client-paths-section";
import { ClientServicesSection } from "@/components/clients/client-services-section";
import { ClientTeamSection } from "@/components/clients/client-team-section";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getClientPage } from "@/lib/domain/clients/service";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/clients";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients"))("title") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string; saved?: string; taken?: string }> };

/** How many of the latest services the client page shows (the services page has them all). */
const RECENT_SERVICES = 5;

/**
 * One service call reads the page in one transaction — one refusal (need-to-know → 404) before
 * anything else is read — and the sections render what it says the caller may see.
 */
export default async function ClientPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const flags = await searchParams;
  const data = await loadForPage(() => getClientPage(ctx, id, { recentServices: RECENT_SERVICES }));
  const { client } = data;
  const { abilities } = client;
  const t = await getTranslations("clients");
  const td = await getTranslations("clients.details");
  const tc = await getTranslations("common");

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
      {flags.taken && client.keyAdvisor?.id === ctx.userId ? (
        <Alert tone="success" className="mt-4">
          {td("taken")}
        </Alert>
      ) : null}

      <div className="mt-6 flex flex-col gap-6">
        <ClientAdvisorSection client={client} abilities={abilities} advisors={data.advisors} />
        <ClientTeamSection clientId={client.id} team={data.team} addAction={addTeamMemberAction} removeAction={removeTeamMemberAction} />
        {data.paths ? <ClientPathsSection clientId={client.id} paths={data.paths} canOpenPath={abilities.canOpenPath} /> : null}
        {data.services ? <ClientServicesSection client={client} services={data.services} options={data.serviceForm} userId={ctx.userId} /> : null}
        <ClientDetailsSection client={client} />
      </div>
      <p className="mt-6">
        <Link href={`/clients/${client.id}/history`} className="text-blue-800 underline" data-testid="client-history-link">
          {td("historyLink")}
        </Link>
      </p>
    </>
  );
}
