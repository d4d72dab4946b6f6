import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inPolishTime } from "@/lib/dates";
import type { TAuditEntryView } from "@/lib/domain/audit/find-audit";
import { AuditChangeList } from "./audit-change-list";
import { AuditValue } from "./audit-value";

/**
 * The audit trail as a table. On a narrow screen (360 px, 200 % zoom) the actor and the record
 * columns hide and their content moves under the time and the action, so nothing is lost.
 */
export function AuditTable({ entries, historyHref }: { entries: TAuditEntryView[]; historyHref: (entry: TAuditEntryView) => string }) {
  const t = useTranslations("audit");
  const tr = useTranslations();
  const format = useFormatter();
  const actor = (entry: TAuditEntryView) => entry.actorName ?? t("system");
  const entity = (entry: TAuditEntryView) => (
    <>
      <span className="block">{tr(entry.entityTypeKey)}</span>
      {entry.entity ? (
        <Link href={historyHref(entry)} className="block text-blue-800 underline [overflow-wrap:anywhere]">
          <span className="sr-only">{t("historyOf")} </span>
          <AuditValue value={entry.entity} />
        </Link>
      ) : null}
    </>
  );
  return (
    <DataTable
      caption={t("title")}
      columns={[
        t("columns.time"),
        { label: t("columns.actor"), hideBelow: "sm" },
        t("columns.action"),
        { label: t("columns.entity"), hideBelow: "md" },
        t("columns.change"),
      ]}
    >
      {entries.map((entry) => (
        <tr key={entry.id} className="border-b border-slate-200 align-top">
          <td className="p-2 md:whitespace-nowrap">
            <time dateTime={entry.createdAt.toISOString()}>{format.dateTime(entry.createdAt, inPolishTime({ dateStyle: "short", timeStyle: "medium" }))}</time>
            <span className="block sm:hidden">{actor(entry)}</span>
          </td>
          <td className={`p-2 ${cellClass("sm")}`}>{actor(entry)}</td>
          <td className="p-2">
            {tr(entry.description.actionKey)}
            <div className="mt-1 text-slate-700 md:hidden">{entity(entry)}</div>
          </td>
          <td className={`p-2 ${cellClass("md")}`}>{entity(entry)}</td>
          <td className="p-2 md:min-w-64">
            <AuditChangeList description={entry.description} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
