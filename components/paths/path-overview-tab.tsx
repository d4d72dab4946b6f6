import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { CALENDAR_DATE, INSTANT_DATE } from "@/lib/dates";
import { namer } from "@/lib/domain/catalogue/names";
import type { TPathPageTab, TPathView } from "@/lib/domain/paths/service";
import { PATH_STEPS } from "@/lib/domain/paths/state-machine";
import { missingText } from "./missing-text";
import { MoveStepButtons } from "./move-step-buttons";

/** The six working steps; CLOSED is where they end, not a seventh stop. */
const WORKING_STEPS = PATH_STEPS.filter((step) => step !== "CLOSED");

type TProps = {
  path: Pick<TPathView, "id" | "step" | "closedAt" | "lastMonitoringAt" | "monitoringOverdue" | "nextSteps" | "canWrite" | "catalogue">;
  overview: Extract<TPathPageTab, { name: "overview" }>["overview"];
};

/**
 * Where the path stands, read at a glance: the step among the six (aria-current="step"), the
 * plan's status, the last monitoring (flagged when overdue by lib/domain/paths/overdue.ts), the
 * approved plan's next action, and what is still missing to move on — in words; the advisor who
 * may move the path gets the move buttons with the same explanation.
 */
export async function PathOverviewTab({ path, overview }: TProps) {
  const t = await getTranslations("paths");
  const to = await getTranslations("paths.overview");
  const format = await getFormatter();
  const typeName = namer(path.catalogue.supportTypes, await getLocale());
  const current = WORKING_STEPS.findIndex((step) => step === path.step);
  const closed = path.step === "CLOSED";
  const { latestPlan, approvedPlanNumber, nextAction } = overview;
  const actionDate = nextAction ? (nextAction.plannedTo ?? nextAction.plannedFrom) : null;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="progress-heading" className="rounded-md border border-slate-300 bg-white p-4">
        <h3 id="progress-heading" className="text-lg font-semibold">
          {to("progress")}
        </h3>
        <ol className="mt-3 grid gap-2 text-sm sm:grid-cols-3 lg:grid-cols-6" data-testid="path-progress">
          {WORKING_STEPS.map((step, index) => {
            const done = closed || index < current;
            const isCurrent = index === current;
            return (
              <li
                key={step}
                aria-current={isCurrent ? "step" : undefined}
                className={cn(
                  "rounded-md border px-3 py-2",
                  isCurrent ? "border-blue-800 bg-blue-700 font-semibold text-white" : done ? "border-slate-400 bg-slate-100 text-slate-900" : "border-slate-300 text-slate-800",
                )}
              >
                {index + 1}. {t(`steps.${step}`)}
                <span className="block text-xs">{isCurrent ? to("stepCurrent") : done ? to("stepDone") : to("stepAhead")}</span>
              </li>
            );
          })}
        </ol>
        {closed ? <p className="mt-3 font-medium">{to("closed")}</p> : null}
      </section>

      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div className="min-w-0 rounded-md border border-slate-300 bg-white p-4" data-testid="overview-plan">
          <dt className="font-semibold">{to("plan")}</dt>
          <dd className="mt-1 break-words">
            {latestPlan ? to("planLatest", { number: latestPlan.number, status: t(`planStatuses.${latestPlan.status}`) }) : t("noPlan")}
            {approvedPlanNumber !== null && approvedPlanNumber !== latestPlan?.number ? (
              <span className="block text-sm text-slate-700">{to("planApproved", { number: approvedPlanNumber })}</span>
            ) : null}
          </dd>
        </div>
        <div className="min-w-0 rounded-md border border-slate-300 bg-white p-4" data-testid="overview-monitoring">
          <dt className="font-semibold">{to("lastMonitoring")}</dt>
          <dd className="mt-1 break-words">
            {path.lastMonitoringAt ? format.dateTime(path.lastMonitoringAt, INSTANT_DATE) : to("noMonitoring")}
            {path.monitoringOverdue ? <strong className="mt-1 block font-semibold text-red-800">{to("monitoringOverdue")}</strong> : null}
          </dd>
        </div>
        <div className="min-w-0 rounded-md border border-slate-300 bg-white p-4" data-testid="overview-next-action">
          <dt className="font-semibold">{to("nextAction")}</dt>
          <dd className="mt-1 break-words">
            {nextAction ? (
              <>
                {nextAction.description}
                <span className="block text-sm text-slate-700">
                  {typeName(nextAction.supportType)} · {t(`actionStatuses.${nextAction.status}`)}
                </span>
                <span className="block text-sm">{actionDate ? to("due", { date: format.dateTime(actionDate, CALENDAR_DATE) }) : to("noDate")}</span>
                <span className="block text-sm">{nextAction.responsibleName ? to("responsible", { name: nextAction.responsibleName }) : to("noResponsible")}</span>
              </>
            ) : (
              to("noNextAction")
            )}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="move-on-heading" className="rounded-md border border-slate-300 bg-white p-4" data-testid="overview-move-on">
        <h3 id="move-on-heading" className="text-lg font-semibold">
          {to("moveOn")}
        </h3>
        {path.canWrite ? (
          <div className="mt-3">
            <MoveStepButtons pathId={path.id} next={path.nextSteps} supportTypes={path.catalogue.supportTypes} />
          </div>
        ) : (
          <ul className="mt-3 flex flex-col gap-3">
            {path.nextSteps.map((option) => (
              <li key={option.to}>
                {option.missing.length === 0 ? (
                  <p>{to("ready", { step: t(`steps.${option.to}`) })}</p>
                ) : (
                  <>
                    <p className="font-medium">{to("missingFor", { step: t(`steps.${option.to}`) })}</p>
                    <ul className="list-disc pl-5">
                      {option.missing.map((key) => (
                        <li key={key}>{missingText(t, key, typeName)}</li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
