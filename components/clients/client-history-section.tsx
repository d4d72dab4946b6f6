import { getFormatter, getTranslations } from "next-intl/server";
import { AuditChangeList } from "@/components/audit/audit-change-list";
import { DataTable } from "@/components/ui/data-table";
import { inPolishTime } from "@/lib/dates";
import type { TClientHistory } from "@/lib/domain/clients/service";

/** Who served the client (key-advisor assignments) and what changed (the client's audit trail): two sections. */
export async function ClientHistorySection({ history }: { history: TClientHistory }) {
  const td = await getTranslations("clients.details");
  const ta = await getTranslations("audit");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const none = tc("none");
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, inPolishTime({ dateStyle: "short", timeStyle: "short" }))}</time>;
  const actionLabel = (action: string) => (ta.has(`actions.${action}`) ? ta(`actions.${action}`) : action);
  return (
    <>
      <section aria-labelledby="assignments-heading" className="rounded-md border border-slate-300 bg-white p-4">
        <h2 id="assignments-heading" className="text-lg font-semibold">
          {td("assignmentsTitle")}
        </h2>
        {history.assignments.length === 0 ? (
          <p className="mt-2">{td("noAssignments")}</p>
        ) : (
          <DataTable
            caption={td("assignmentsTitle")}
            columns={[td("assignments.when"), td("assignments.advisor"), td("assignments.from"), td("assignments.by"), td("assignments.reason"), td("assignments.ended")]}
            className="mt-2"
          >
            {history.assignments.map((a) => (
              <tr key={a.id} className="border-b border-slate-200 align-top">
                <td className="p-2 whitespace-nowrap">{when(a.assignedAt)}</td>
                <td className="p-2">{a.advisor.name}</td>
                <td className="p-2">{a.fromAdvisor?.name ?? td("assignments.fromQueue")}</td>
                <td className="p-2">{a.assignedBy?.name ?? none}</td>
                <td className="p-2">{a.reason ?? none}</td>
                <td className="p-2">
                  {a.releasedAt ? (
                    <>
                      {when(a.releasedAt)}
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
                <td className="p-2 whitespace-nowrap">{when(entry.createdAt)}</td>
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
    </>
  );
}
