import { useFormatter, useTranslations } from "next-intl";
import { AuditChangeList } from "@/components/audit/audit-change-list";
import { AuditValue } from "@/components/audit/audit-value";
import { useAuditText } from "@/components/audit/use-audit-text";
import { cellClass, DataTable, TIGHT_CELL } from "@/components/ui/data-table";
import { cn } from "@/components/ui/cn";
import { inPolishTime } from "@/lib/dates";
import type { TClientHistory } from "@/lib/domain/clients/service";

/**
 * Who served the client (key-advisor assignments) and what changed (the client's audit trail): two
 * sections, in words. On a narrow screen the secondary columns hide and their content moves under
 * a key column.
 */
export function ClientHistorySection({ history }: { history: TClientHistory }) {
  const td = useTranslations("clients.details");
  const ta = useTranslations("audit");
  const t = useTranslations();
  const format = useFormatter();
  const text = useAuditText();
  const none = t("common.none");
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, inPolishTime({ dateStyle: "short", timeStyle: "short" }))}</time>;
  const from = (a: TClientHistory["assignments"][number]) => a.fromAdvisor?.name ?? td("assignments.fromQueue");
  return (
    <>
      <section aria-labelledby="assignments-heading" className="rounded-md border border-slate-300 bg-white p-2 sm:p-4">
        <h2 id="assignments-heading" className="text-lg font-semibold">
          {td("assignmentsTitle")}
        </h2>
        {history.assignments.length === 0 ? (
          <p className="mt-2">{td("noAssignments")}</p>
        ) : (
          <DataTable
            caption={td("assignmentsTitle")}
            columns={[
              td("assignments.when"),
              td("assignments.advisor"),
              { label: td("assignments.from"), hideBelow: "sm" },
              { label: td("assignments.by"), hideBelow: "md" },
              { label: td("assignments.reason"), hideBelow: "sm" },
              td("assignments.ended"),
            ]}
            className="mt-2"
            cellPadding={TIGHT_CELL}
          >
            {history.assignments.map((a) => (
              <tr key={a.id} className="border-b border-slate-200 align-top">
                <td className={cn(TIGHT_CELL, "md:whitespace-nowrap")}>{when(a.assignedAt)}</td>
                <td className={cn(TIGHT_CELL, "[overflow-wrap:anywhere]")}>
                  {a.advisor.name}
                  <span className="block text-slate-700 sm:hidden">
                    {td("assignments.from")}: {from(a)}
                  </span>
                  <span className="block text-slate-700 sm:hidden">{td("assignments.endReason", { reason: text(a.reason) })}</span>
                </td>
                <td className={cn(TIGHT_CELL, cellClass("sm"))}>{from(a)}</td>
                <td className={cn(TIGHT_CELL, cellClass("md"))}>{a.assignedBy?.name ?? none}</td>
                <td className={cn(TIGHT_CELL, "[overflow-wrap:anywhere]", cellClass("sm"))}>
                  <AuditValue value={a.reason} />
                </td>
                <td className={cn(TIGHT_CELL, "[overflow-wrap:anywhere]")}>
                  {a.releasedAt ? (
                    <>
                      {when(a.releasedAt)}
                      {a.releasedBy ? <span className="block">{td("assignments.endedBy", { name: a.releasedBy.name })}</span> : null}
                      {a.releaseReason.kind !== "none" ? <span className="block">{td("assignments.endReason", { reason: text(a.releaseReason) })}</span> : null}
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
          <DataTable
            caption={td("auditTitle")}
            columns={[ta("columns.time"), { label: ta("columns.actor"), hideBelow: "sm" }, ta("columns.action"), ta("columns.change")]}
            className="mt-2"
          >
            {history.auditEntries.map((entry) => (
              <tr key={entry.id} className="border-b border-slate-200 align-top">
                <td className="p-2 md:whitespace-nowrap">
                  {when(entry.createdAt)}
                  <span className="block sm:hidden">{entry.actor?.name ?? ta("system")}</span>
                </td>
                <td className={`p-2 ${cellClass("sm")}`}>{entry.actor?.name ?? ta("system")}</td>
                <td className="p-2">{t(entry.description.actionKey)}</td>
                <td className="p-2 md:min-w-64">
                  <AuditChangeList description={entry.description} />
                  {entry.sensitiveHidden ? <span className="mt-1 block text-slate-600">{td("sensitiveHidden")}</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
