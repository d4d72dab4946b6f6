import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { retryFailedJobAction } from "@/lib/actions/jobs";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import type { TFailedJobView } from "@/lib/domain/jobs/service";

/**
 * The dead-letter view's table: what kind of work failed (its queue, in words), when, how many
 * attempts, the failure's message, and a retry button — a plain form, so it works without
 * JavaScript; it posts the page it is on, to come back to it.
 */
export async function FailedJobsTable({ jobs, page }: { jobs: TFailedJobView[]; page: number }) {
  const t = await getTranslations("jobs");
  const tr = await getTranslations();
  const format = await getFormatter();
  return (
    <DataTable
      caption={t("tableCaption")}
      columns={[
        t("columns.queue"),
        { label: t("columns.createdAt"), hideBelow: "md" },
        { label: t("columns.failedAt"), hideBelow: "sm", ariaSort: "descending" },
        { label: t("columns.attempts"), hideBelow: "sm" },
        { label: t("columns.error"), hideBelow: "md" },
        t("columns.action"),
      ]}
    >
      {jobs.map((job) => {
        const queue = tr(job.queueLabelKey);
        const created = format.dateTime(job.createdAt, INSTANT_DATE_TIME);
        return (
          <tr key={job.id} data-testid="failed-job" className="border-b border-slate-200 align-top">
            <th scope="row" className="p-2 font-medium">
              {queue}
            </th>
            <td className={cn("whitespace-nowrap p-2", cellClass("md"))}>
              <time dateTime={job.createdAt.toISOString()}>{created}</time>
            </td>
            <td className={cn("whitespace-nowrap p-2", cellClass("sm"))}>
              {job.failedAt ? <time dateTime={job.failedAt.toISOString()}>{format.dateTime(job.failedAt, INSTANT_DATE_TIME)}</time> : "—"}
            </td>
            <td className={cn("p-2 tabular-nums", cellClass("sm"))}>{job.attempts}</td>
            <td className={cn("wrap-anywhere p-2 font-mono text-xs", cellClass("md"))}>{job.error ?? t("noError")}</td>
            <td className="p-2">
              <form action={retryFailedJobAction}>
                <input type="hidden" name="jobId" value={job.id} />
                <input type="hidden" name="page" value={page} />
                {/* Named with the job it retries (starting with the visible text: WCAG 2.5.3). */}
                <button type="submit" aria-label={t("retryFor", { queue, createdAt: created })} className={buttonClass("secondary", "px-3 py-1.5")}>
                  {t("retry")}
                </button>
              </form>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
