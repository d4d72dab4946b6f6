import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PathAnnotationsTab } from "@/components/paths/path-annotations-tab";
import { PathEvaluationTab } from "@/components/paths/path-evaluation-tab";
import { PathIdentificationTab } from "@/components/paths/path-identification-tab";
import { PathImplementationTab } from "@/components/paths/path-implementation-tab";
import { PathMonitoringTab } from "@/components/paths/path-monitoring-tab";
import { PathNeedsTab } from "@/components/paths/path-needs-tab";
import { PathOverviewTab } from "@/components/paths/path-overview-tab";
import { PathPlanTab } from "@/components/paths/path-plan-tab";
import { PathTimelineTab } from "@/components/paths/path-timeline-tab";
import { cn } from "@/components/ui/cn";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { nameOf } from "@/lib/domain/catalogue/names";
import { getPathPage, PATH_TABS, type TPathPageTab, type TPathTab, type TPathView } from "@/lib/domain/paths/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("paths"))("title") };
}

type TQuery = { tab?: string; version?: string; compare?: string; page?: string };
type TProps = { params: Promise<{ id: string }>; searchParams: Promise<TQuery> };

/** The page number from the query string: a positive integer, else the first page. */
function pageNumber(raw: string | undefined): number {
  const page = raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, page);
}

/** `?compare=<from>..<to>`: two plan versions to compare, when both are given. */
function comparedVersions(raw: string | undefined) {
  const [fromVersionId, toVersionId] = (raw ?? "").split("..");
  return fromVersionId && toVersionId ? { fromVersionId, toVersionId } : undefined;
}

/** The visible tab, with its data from getPathPage and what the caller may do there from the path's head. */
function PathTab({ tab, path }: { tab: TPathPageTab; path: TPathView }) {
  switch (tab.name) {
    case "overview":
      return <PathOverviewTab path={path} overview={tab.overview} />;
    case "identification":
      return <PathIdentificationTab path={path} contract={tab.contract} canEditContent={path.canEditContent} />;
    case "needs":
      return <PathNeedsTab pathId={path.id} needs={tab.needs} canEditContent={path.canEditContent} supportTypes={path.catalogue.supportTypes} />;
    case "plan":
      return <PathPlanTab pathId={path.id} data={tab} canEditPlan={path.canEditPlan} canApprove={path.canApprove} catalogue={path.catalogue} />;
    case "implementation":
      return <PathImplementationTab data={tab.implementation} supportTypes={path.catalogue.supportTypes} />;
    case "monitoring":
      return <PathMonitoringTab pathId={path.id} entries={tab.entries} canAddMonitoring={path.canAddMonitoring} />;
    case "evaluation":
      return <PathEvaluationTab pathId={path.id} evaluations={tab.evaluations} clientSpheres={tab.clientSpheres} canEvaluate={path.canEvaluate} canCorrect={path.canWrite} />;
    case "annotations":
      return <PathAnnotationsTab pathId={path.id} annotations={tab.annotations} step={path.step} canAnnotate={path.canAnnotate} />;
    case "timeline":
      return <PathTimelineTab events={tab.events} addExchangeHref={tab.addExchangeHref} />;
  }
}

export default async function PathPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const tab: TPathTab = PATH_TABS.find((t) => t === query.tab) ?? "overview";
  const { path, tab: tabData } = await loadForPage(() =>
    getPathPage(ctx, id, { tab, page: pageNumber(query.page), versionId: query.version, compare: comparedVersions(query.compare) }),
  );
  const t = await getTranslations("paths");
  const locale = await getLocale();

  return (
    <>
      <p className="text-sm">
        <Link href={`/clients/${path.clientId}`} className="text-blue-800 underline">
          {path.clientName}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("titleFor", { client: path.clientName })}</h1>
      <p className="mt-1 text-slate-700">
        {t(`directions.${path.direction}`)} · {nameOf(path.catalogue.pathTemplates, path.template, locale)} · {t("advisor")}: {path.advisorName ?? "—"} ·{" "}
        <Link href={`/paths/${path.id}/card`} className="text-blue-800 underline">
          {t("printCard")}
        </Link>
      </p>

      <p className="mt-2 font-semibold" data-testid="path-step">
        {t("currentStep", { step: t(`steps.${path.step}`) })}
      </p>
      {path.monitoringOverdue ? <p className="font-semibold text-red-800">{t("monitoringOverdue")}</p> : null}

      <nav aria-label={t("sections")} className="mt-6">
        <ul className="flex flex-wrap gap-1 border-b border-slate-300">
          {PATH_TABS.map((key) => (
            <li key={key}>
              <Link
                href={key === "overview" ? `/paths/${path.id}` : `/paths/${path.id}?tab=${key}`}
                aria-current={key === tab ? "page" : undefined}
                className={cn("block rounded-t-md px-3 py-2 text-sm font-medium", key === tab ? "bg-blue-700 text-white" : "text-slate-800 hover:bg-slate-200")}
              >
                {t(`tabs.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="tab-heading" className="mt-6">
        <h2 id="tab-heading" className="mb-4 text-xl font-semibold">
          {t(`tabs.${tab}`)}
        </h2>
        <PathTab tab={tabData} path={path} />
      </section>
    </>
  );
}
