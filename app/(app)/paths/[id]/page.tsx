import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AddAnnotationForm, ReviseAnnotationForm } from "@/components/paths/annotation-forms";
import { ContractForm } from "@/components/paths/contract-form";
import { EvaluationForm } from "@/components/paths/evaluation-form";
import { IdentificationForm } from "@/components/paths/identification-form";
import { MonitoringForm } from "@/components/paths/monitoring-form";
import { MoveStepButtons } from "@/components/paths/move-step-buttons";
import { NeedsForm } from "@/components/paths/needs-form";
import { PlanActionsTable } from "@/components/paths/plan-actions-table";
import { PlanDecisionForm } from "@/components/paths/plan-decision-form";
import { PlanEditor } from "@/components/paths/plan-editor";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { comparePlanVersions, getPath, getPathTimeline, getPlanVersion } from "@/lib/domain/paths/service";
import { acceptsMonitoring, PATH_STEPS } from "@/lib/domain/paths/state-machine";
import { getPathImplementation } from "@/lib/domain/consultations/service";
import { formatMinutes } from "@/components/services/format";
import { ServiceTable } from "@/components/services/service-table";
import { DataTable } from "@/components/ui/data-table";

const TABS = ["identification", "needs", "plan", "implementation", "monitoring", "evaluation", "annotations", "timeline"] as const;
type TTab = (typeof TABS)[number];

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("paths"))("title") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string; version?: string; compare?: string }> };

export default async function PathPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const query = await searchParams;
  const tab: TTab = TABS.find((t) => t === query.tab) ?? "identification";
  const path = await loadForPage(() => getPath(ctx, id));
  const t = await getTranslations("paths");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const names: Record<string, string> = { ...Object.fromEntries(path.staff.map((u) => [u.id, u.name])), ...path.people };
  const readOnly = !path.canWrite || path.step === "CLOSED";
  const latest = path.versions[0] ?? null;

  return (
    <>
      <p className="text-sm">
        <Link href={`/clients/${path.clientId}`} className="text-blue-800 underline">
          {path.clientName}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("titleFor", { client: path.clientName })}</h1>
      <p className="mt-1 text-slate-700">
        {t(`directions.${path.direction}`)} · {t(`templates.${path.template}`)} · {t("advisor")}: {path.advisorName ?? "—"} ·{" "}
        <Link href={`/paths/${path.id}/card`} className="text-blue-800 underline">
          {t("printCard")}
        </Link>
      </p>

      <section aria-labelledby="step-heading" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
        <h2 id="step-heading" className="text-lg font-semibold" data-testid="path-step">
          {t("currentStep", { step: t(`steps.${path.step}`) })}
        </h2>
        <ol className="mt-3 flex flex-wrap gap-2 text-sm">
          {PATH_STEPS.map((step, index) => (
            <li
              key={step}
              aria-current={step === path.step ? "step" : undefined}
              className={cn("rounded-full border px-3 py-1", step === path.step ? "border-blue-800 bg-blue-700 font-semibold text-white" : "border-slate-400 text-slate-800")}
            >
              {index + 1}. {t(`steps.${step}`)}
            </li>
          ))}
        </ol>
        {path.monitoringOverdue ? (
          <Alert tone="error" className="mt-3">
            {t("monitoringOverdue")}
          </Alert>
        ) : null}
        {path.canWrite ? (
          <div className="mt-4">
            <MoveStepButtons pathId={path.id} next={path.nextSteps} />
          </div>
        ) : null}
      </section>

      <nav aria-label={t("sections")} className="mt-6">
        <ul className="flex flex-wrap gap-1 border-b border-slate-300">
          {TABS.map((key) => (
            <li key={key}>
              <Link
                href={`/paths/${path.id}?tab=${key}`}
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

        {tab === "identification" ? (
          <div className="flex flex-col gap-8">
            <IdentificationForm pathId={path.id} readOnly={readOnly} defaults={{ direction: path.direction, workForm: path.workForm, identification: path.identification ?? "" }} />
            <div>
              <h3 className="mb-3 text-lg font-semibold">{t("contract")}</h3>
              <ContractForm
                pathId={path.id}
                readOnly={readOnly}
                defaults={{ number: path.contract?.number ?? "", status: path.contract?.status ?? "DRAFT", signedOn: day(path.contract?.signedOn), scope: path.contract?.scope ?? "" }}
              />
            </div>
          </div>
        ) : null}

        {tab === "needs" ? (
          <NeedsForm
            pathId={path.id}
            readOnly={readOnly}
            defaults={{ needs: path.needs.map((n) => ({ area: n.area, description: n.description, priority: n.priority, expectedEffects: n.expectedEffects })) }}
          />
        ) : null}

        {tab === "plan" ? <PlanTab path={path} names={names} query={query} readOnly={readOnly} latest={latest} /> : null}

        {tab === "implementation" ? <ImplementationTab pathId={path.id} /> : null}

        {tab === "monitoring" ? (
          <div className="flex flex-col gap-6">
            {!readOnly && acceptsMonitoring(path.step) ? <MonitoringForm pathId={path.id} /> : <p>{t("monitoringFromImplementation")}</p>}
            <ul className="flex flex-col gap-3">
              {path.monitoring.map((m) => (
                <li key={m.id} className="rounded-md border border-slate-300 bg-white p-3">
                  <p className="text-sm text-slate-700">
                    {when(m.createdAt)} · {names[m.authorId] ?? "—"}
                  </p>
                  <p className="mt-1 whitespace-pre-line">{m.progress}</p>
                  {m.risks ? <p className="mt-1 text-sm">{t("fields.risks")}: {m.risks}</p> : null}
                  {m.nextSteps ? <p className="mt-1 text-sm">{t("fields.nextSteps")}: {m.nextSteps}</p> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {tab === "evaluation" ? (
          <div className="flex flex-col gap-6">
            {path.evaluations.map((e) => (
              <article key={e.id} className="rounded-md border border-slate-300 bg-white p-3" aria-label={t("evaluationOf", { date: when(e.createdAt) })}>
                <p className="text-sm text-slate-700">
                  {when(e.createdAt)} · {names[e.authorId] ?? "—"}
                </p>
                <p className="mt-1 whitespace-pre-line">{e.assessment}</p>
                <ul className="mt-2 list-disc pl-5 text-sm" data-testid="evaluation-results">
                  {e.results.map((r) => (
                    <li key={r.id}>
                      {t(`resultTypes.${r.type}`)}: {r.quantity} ({day(r.achievedOn)}; {r.evidenceKind}
                      {r.evidenceReference ? `, ${r.evidenceReference}` : ""})
                    </li>
                  ))}
                </ul>
              </article>
            ))}
            {!readOnly && path.step === "EVALUATION" ? <EvaluationForm pathId={path.id} /> : <p>{t("evaluationInEvaluationStep")}</p>}
          </div>
        ) : null}

        {tab === "annotations" ? <AnnotationsTab path={path} names={names} when={when} /> : null}

        {tab === "timeline" ? <TimelineTab pathId={path.id} /> : null}
      </section>
    </>
  );
}

type TPath = Awaited<ReturnType<typeof getPath>>;

async function PlanTab({ path, names, query, readOnly, latest }: { path: TPath; names: Record<string, string>; query: { version?: string; compare?: string }; readOnly: boolean; latest: TPath["versions"][number] | null }) {
  const ctx = await requireSessionUser();
  const t = await getTranslations("paths");
  const format = await getFormatter();
  const viewed = query.version && query.version !== latest?.id ? await loadForPage(() => getPlanVersion(ctx, path.id, query.version ?? "")) : null;
  const [fromId, toId] = (query.compare ?? "").split("..");
  const comparison = fromId && toId ? await loadForPage(() => comparePlanVersions(ctx, path.id, fromId, toId)) : null;
  const editable = !readOnly && path.step !== "IDENTIFICATION" && latest?.status !== "SUBMITTED";
  return (
    <div className="flex flex-col gap-6">
      {latest ? (
        <p data-testid="plan-status">
          {t("planVersionStatus", { number: latest.number, status: t(`planStatuses.${latest.status}`) })}
        </p>
      ) : (
        <p>{t("noPlan")}</p>
      )}
      {latest?.status === "RETURNED" && latest.decisionComment ? (
        <Alert tone="info">
          {t("returnedWithComment")}: {latest.decisionComment}
        </Alert>
      ) : null}

      {latest?.status === "SUBMITTED" ? (
        <>
          <PlanActionsTable actions={path.latestActions} people={names} caption={t("planVersion", { number: latest.number })} />
          {path.canApprove ? <PlanDecisionForm pathId={path.id} versionId={latest.id} /> : <p>{t("awaitingDecision")}</p>}
        </>
      ) : editable ? (
        <PlanEditor
          pathId={path.id}
          latest={latest ? { id: latest.id, number: latest.number, status: latest.status, revision: latest.revision } : null}
          staff={path.staff}
          defaults={{
            versionId: latest?.id ?? null,
            baseRevision: latest?.revision ?? null,
            summary: latest?.summary ?? "",
            actions: path.latestActions.map((a) => ({
              supportType: a.supportType,
              specialistArea: a.specialistArea ?? "",
              description: a.description,
              plannedFrom: day(a.plannedFrom),
              plannedTo: day(a.plannedTo),
              responsibleUserId: a.responsibleUserId ?? "",
              expectedResult: a.expectedResult ?? "",
              status: a.status,
            })),
          }}
        />
      ) : latest ? (
        <PlanActionsTable actions={path.latestActions} people={names} caption={t("planVersion", { number: latest.number })} />
      ) : null}

      {path.versions.length > 0 ? (
        <div>
          <h3 className="mb-2 text-lg font-semibold">{t("planVersions")}</h3>
          <DataTable caption={t("planVersions")} columns={[t("versionNumber"), t("versionStatus"), t("submittedAt"), t("decidedAt"), t("fields.decisionComment"), t("versionLinks")]} className="">
              {path.versions.map((v, i) => {
                const previous = path.versions[i + 1];
                return (
                  <tr key={v.id} className="border-b border-slate-200">
                    <td className="p-2">{v.number}</td>
                    <td className="p-2">{t(`planStatuses.${v.status}`)}</td>
                    <td className="p-2">{v.submittedAt ? format.dateTime(v.submittedAt, { dateStyle: "medium" }) : "—"}</td>
                    <td className="p-2">{v.decidedAt ? format.dateTime(v.decidedAt, { dateStyle: "medium" }) : "—"}</td>
                    <td className="p-2">{v.decisionComment ?? "—"}</td>
                    <td className="p-2">
                      <Link href={`/paths/${path.id}?tab=plan&version=${v.id}`} className="text-blue-800 underline">
                        {t("showVersion", { number: v.number })}
                      </Link>
                      {previous ? (
                        <>
                          {" · "}
                          <Link href={`/paths/${path.id}?tab=plan&compare=${previous.id}..${v.id}`} className="text-blue-800 underline">
                            {t("compareWith", { from: previous.number, to: v.number })}
                          </Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
          </DataTable>
        </div>
      ) : null}

      {viewed ? (
        <div>
          <h3 className="mb-2 text-lg font-semibold">{t("planVersion", { number: viewed.number })}</h3>
          <PlanActionsTable actions={viewed.actions} people={names} caption={t("planVersion", { number: viewed.number })} />
        </div>
      ) : null}

      {comparison ? (
        <div>
          <h3 className="mb-2 text-lg font-semibold">{t("comparison", { from: comparison.from.number, to: comparison.to.number })}</h3>
          {comparison.changes.length === 0 && !comparison.summaryChanged ? <p>{t("noChanges")}</p> : null}
          {comparison.summaryChanged ? <p>{t("summaryChanged")}</p> : null}
          <ul className="list-disc pl-5">
            {comparison.changes.map((c) => (
              <li key={`${c.kind}-${c.position}`}>
                {c.kind === "changed"
                  ? t("actionChanged", {
                      number: c.position + 1,
                      fields: c.fields.map((f) => `${t(`diffFields.${f.field}`)}: „${f.before ?? "—"}” → „${f.after ?? "—"}”`).join("; "),
                    })
                  : t(c.kind === "added" ? "actionAdded" : "actionRemoved", { number: c.position + 1, description: c.action.description })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

async function AnnotationsTab({ path, names, when }: { path: TPath; names: Record<string, string>; when: (d: Date) => string }) {
  const t = await getTranslations("paths");
  const byAnnotation = new Map<string, TPath["annotations"]>();
  for (const a of path.annotations) byAnnotation.set(a.annotationId, [...(byAnnotation.get(a.annotationId) ?? []), a]);
  return (
    <div className="flex flex-col gap-6">
      {path.canAnnotate ? <AddAnnotationForm pathId={path.id} step={path.step} /> : null}
      {byAnnotation.size === 0 ? <p>{t("noAnnotations")}</p> : null}
      <ul className="flex flex-col gap-3">
        {[...byAnnotation.entries()].map(([annotationId, revisions]) => {
          const current = revisions[revisions.length - 1];
          if (!current) return null;
          return (
            <li key={annotationId} className="rounded-md border border-slate-300 bg-white p-3">
              <p className="text-sm text-slate-700">
                {t(`steps.${current.step}`)} · {when(current.createdAt)} · {names[current.authorId] ?? "—"}
                {current.revision > 1 ? ` · ${t("revisionNumber", { number: current.revision })}` : ""}
              </p>
              <p className="mt-1 whitespace-pre-line">{current.text}</p>
              {revisions.length > 1 ? (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-blue-800">{t("earlierRevisions", { count: revisions.length - 1 })}</summary>
                  <ol className="mt-2 flex flex-col gap-2">
                    {revisions.slice(0, -1).map((r) => (
                      <li key={r.id}>
                        <span className="text-slate-700">
                          {t("revisionNumber", { number: r.revision })} · {when(r.createdAt)} · {names[r.authorId] ?? "—"}:
                        </span>{" "}
                        <span className="whitespace-pre-line">{r.text}</span>
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
              {path.canAnnotate ? <ReviseAnnotationForm pathId={path.id} annotationId={annotationId} text={current.text} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Each action of the approved plan next to the services delivered for it, then this path's other services. */
async function ImplementationTab({ pathId }: { pathId: string }) {
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
            {action.plannedFrom || action.plannedTo ? ` · ${t("plannedPeriod")}: ${day(action.plannedFrom) || "…"} – ${day(action.plannedTo) || "…"}` : ""} ·{" "}
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

async function TimelineTab({ pathId }: { pathId: string }) {
  const ctx = await requireSessionUser();
  const events = await loadForPage(() => getPathTimeline(ctx, pathId));
  const t = await getTranslations("paths");
  const format = await getFormatter();
  return (
    <ol className="flex flex-col gap-2 border-l-2 border-slate-300 pl-4">
      {events.map((e, i) => (
        <li key={i}>
          <p className="text-sm text-slate-700">
            {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })} · {e.actorName ?? "—"}
          </p>
          <p>
            {t(`timeline.${e.kind}`, {
              step: e.step ? t(`steps.${e.step}`) : "",
              number: e.planNumber ?? 0,
              status: e.planStatus ? t(`planStatuses.${e.planStatus}`) : "",
            })}
            {e.text ? `: ${e.text}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
