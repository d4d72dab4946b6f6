import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { cellClass, DataTable, TIGHT_CELL } from "@/components/ui/data-table";
import { inPolishTime } from "@/lib/dates";
import type { TAccessLogRow } from "@/lib/domain/privacy/access-log-query";

/**
 * The access log as a table. Each person links to "who viewed this person" and each user to "what
 * did this user view" (`hrefFor`) — within the log: the IOD reads no client record. On a narrow
 * screen the detail and IP columns hide and their content moves under the view, so nothing is lost;
 * the cells pad tightly and long words (an IPv6 address, a view's name) wrap, so four columns fit 360 px.
 */
export function AccessLogTable({
  rows,
  caption,
  hrefFor,
}: {
  rows: TAccessLogRow[];
  caption: string;
  hrefFor: (filter: { client: string } | { user: string }) => string;
}) {
  const t = useTranslations("privacy.accessLog");
  const tr = useTranslations();
  const format = useFormatter();
  const extra = (row: TAccessLogRow) => (
    <>
      {row.detail ? <span className="block [overflow-wrap:anywhere]">{row.detail}</span> : null}
      {row.ip ? <span className="block [overflow-wrap:anywhere]">{t("ipOf", { ip: row.ip })}</span> : null}
    </>
  );
  return (
    <DataTable
      caption={caption}
      cellPadding={TIGHT_CELL}
      columns={[
        t("columns.at"),
        t("columns.user"),
        t("columns.person"),
        t("columns.view"),
        { label: t("columns.detail"), hideBelow: "md" },
        { label: t("columns.ip"), hideBelow: "md" },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id} className="border-b border-slate-200 align-top">
          <td className={`${TIGHT_CELL} md:whitespace-nowrap`}>
            <time dateTime={row.at.toISOString()}>{format.dateTime(row.at, inPolishTime({ dateStyle: "short", timeStyle: "medium" }))}</time>
          </td>
          <td className={TIGHT_CELL}>
            {row.user ? (
              <>
                <Link href={hrefFor({ user: row.user.id })} className="text-blue-800 underline [overflow-wrap:anywhere]">
                  <span className="sr-only">{t("whatViewed")} </span>
                  {row.user.name}
                </Link>
                <span className="block text-slate-700">{tr(`roles.${row.user.role}`)}</span>
              </>
            ) : (
              t("unknownUser")
            )}
          </td>
          <td className={TIGHT_CELL}>
            <Link href={hrefFor({ client: row.client.id })} className="text-blue-800 underline [overflow-wrap:anywhere]">
              <span className="sr-only">{t("whoViewed")} </span>
              {row.client.name}
            </Link>
          </td>
          <td className={`${TIGHT_CELL} [overflow-wrap:anywhere]`}>
            {tr(`privacy.views.${row.view}`)}
            <div className="mt-1 text-slate-700 md:hidden">{extra(row)}</div>
          </td>
          <td className={`${TIGHT_CELL} [overflow-wrap:anywhere] ${cellClass("md")}`}>{row.detail ?? ""}</td>
          <td className={`${TIGHT_CELL} [overflow-wrap:anywhere] ${cellClass("md")}`}>{row.ip ?? ""}</td>
        </tr>
      ))}
    </DataTable>
  );
}
