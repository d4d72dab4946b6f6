import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inPolishTime, isoDateOr } from "@/lib/dates";
import { namer, type TCatalogue } from "@/lib/domain/catalogue/names";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import { PlanActionsTable } from "./plan-actions-table";
import { PlanDecisionForm } from "./plan-decision-form";
import { PlanEditor } from "./plan-editor";

type TProps = {
  pathId: string;
  /** From getPathPage: the plan, and the version or comparison the query string asked for. */
  data: Extract<TPathPageTab, { name: "plan" }>;
  /** From getPath: the plan editor is open to the caller. */
  canEditPlan: boolean;
  /** From getPath: the caller decides submitted plans of this path. */
  canApprove: boolean;
  /** From getPath: the tenant's support catalogue (names, and the editor's options). */
  catalogue: TCatalogue;
};

/** Step 3: the plan — its latest version (editor, decision or read-only), every version, and a version or a comparison on request. */
export async function PathPlanTab({ pathId, data, canEditPlan, canApprove, catalogue }: TProps) {
  const { plan, viewed, comparison } = data;
  const latest = plan.versions[0] ?? null;
  const t = await getTranslations("paths");
  const format = await getFormatter();
  const locale = await getLocale();
  // A compared field that holds a catalogue code reads as the entry's name.
  const codeNamers: Partial<Record<string, (code: string) => string>> = {
    supportType: namer(catalogue.supportTypes, locale),
    specialistArea: namer(catalogue.specialistAreas, locale),
  };
  const shown = (field: string, value: string | null) => (value === null ? "—" : (codeNamers[field]?.(value) ?? value));
  const day = (d: Date | null) => (d ? format.dateTime(d, inPolishTime({ dateStyle: "medium" })) : "—");
  const names: Record<string, string> = { ...Object.fromEntries(plan.staff.map((u) => [u.id, u.name])), ...plan.people };
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
          <PlanActionsTable actions={plan.latestActions} people={names} catalogue={catalogue} caption={t("planVersion", { number: latest.number })} />
          {canApprove ? <PlanDecisionForm pathId={pathId} versionId={latest.id} /> : <p>{t("awaitingDecision")}</p>}
        </>
      ) : canEditPlan ? (
        <PlanEditor
          pathId={pathId}
          latest={latest ? { id: latest.id, number: latest.number, status: latest.status, revision: latest.revision } : null}
          staff={plan.staff}
          supportTypes={catalogue.supportTypes}
          specialistAreas={catalogue.specialistAreas}
          defaults={{
            versionId: latest?.id ?? null,
            baseRevision: latest?.revision ?? null,
            summary: latest?.summary ?? "",
            actions: plan.latestActions.map((a) => ({
              supportType: a.supportType,
              specialistArea: a.specialistArea ?? "",
              description: a.description,
              plannedFrom: isoDateOr(a.plannedFrom),
              plannedTo: isoDateOr(a.plannedTo),
              responsibleUserId: a.responsibleUserId ?? "",
              expectedResult: a.expectedResult ?? "",
              status: a.status,
            })),
          }}
        />
      ) : latest ? (
        <PlanActionsTable actions={plan.latestActions} people={names} catalogue={catalogue} caption={t("planVersion", { number: latest.number })} />
      ) : null}

      {plan.versions.length > 0 ? (
        <div>
          <h3 className="mb-2 text-lg font-semibold">{t("planVersions")}</h3>
          <DataTable caption={t("planVersions")} columns={[t("versionNumber"), t("versionStatus"), { label: t("submittedAt"), hideBelow: "md" }, { label: t("decidedAt"), hideBelow: "md" }, { label: t("fields.decisionComment"), hideBelow: "lg" }, t("versionLinks")]} className="">
            {plan.versions.map((v, i) => {
              const previous = plan.versions[i + 1];
              return (
                <tr key={v.id} className="border-b border-slate-200">
                  <td className="p-2">{v.number}</td>
                  <td className="p-2">{t(`planStatuses.${v.status}`)}</td>
                  <td className={`p-2 ${cellClass("md")}`}>{day(v.submittedAt)}</td>
                  <td className={`p-2 ${cellClass("md")}`}>{day(v.decidedAt)}</td>
                  <td className={`wrap-anywhere p-2 ${cellClass("lg")}`}>{v.decisionComment ?? "—"}</td>
                  <td className="p-2">
                    <Link href={`/paths/${pathId}?tab=plan&version=${v.id}`} className="text-blue-800 underline">
                      {t("showVersion", { number: v.number })}
                    </Link>
                    {previous ? (
                      <>
                        {" · "}
                        <Link href={`/paths/${pathId}?tab=plan&compare=${previous.id}..${v.id}`} className="text-blue-800 underline">
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
          <PlanActionsTable actions={viewed.actions} people={names} catalogue={catalogue} caption={t("planVersion", { number: viewed.number })} />
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
                      fields: c.fields.map((f) => `${t(`diffFields.${f.field}`)}: „${shown(f.field, f.before)}” → „${shown(f.field, f.after)}”`).join("; "),
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
