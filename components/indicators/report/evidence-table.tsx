import { getFormatter, getTranslations } from "next-intl/server";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { CALENDAR_DATE } from "@/lib/dates";
import type { TEvidenceRow } from "@/lib/domain/indicators/report/pages";

/** The drill-down's rows: the date, what the evidence is (a link to it), its quantity, the client (need-to-know), whether it counts. */
export async function EvidenceTable({ items, caption }: { items: TEvidenceRow[]; caption: string }) {
  const t = await getTranslations("indicators");
  const root = await getTranslations();
  const format = await getFormatter();
  const day = (date: Date) => format.dateTime(date, CALENDAR_DATE);
  const what = (row: TEvidenceRow) =>
    row.resultType ? `${root(`paths.resultTypes.${row.resultType}`)}${row.title ? ` — ${row.title}` : ""}` : (row.title ?? t(`sources.${row.source}`));
  return (
    <DataTable
      caption={caption}
      columns={[
        t("drill.columns.date"),
        t("drill.columns.evidence"),
        t("drill.columns.quantity"),
        { label: t("drill.columns.client"), hideBelow: "md" },
        { label: t("drill.columns.counts"), hideBelow: "sm" },
      ]}
    >
      {items.map((row) => (
        <tr key={row.evidenceId} data-testid="evidence-row" className="border-b border-slate-200 align-top">
          <td className="p-2 whitespace-nowrap">
            {day(row.validFrom)}
            {row.source === "ANIMATOR_EMPLOYMENT" ? (
              <span className="block text-xs text-slate-700">{row.validTo ? t("drill.until", { date: day(row.validTo) }) : t("drill.openEnded")}</span>
            ) : null}
          </td>
          <td className="p-2 wrap-anywhere">
            <TextLink href={row.href} aria-label={t("drill.openLabel", { title: what(row) })} data-testid="evidence-link">
              {what(row)}
            </TextLink>
            {row.reference ? <span className="block text-xs text-slate-700">{row.reference}</span> : null}
          </td>
          <td className="p-2 tabular-nums">{row.quantity}</td>
          <td className={`p-2 wrap-anywhere ${cellClass("md")}`}>
            {row.client.kind === "readable" ? (
              <TextLink href={`/clients/${row.client.id}`}>{row.client.name}</TextLink>
            ) : (
              <span className="text-slate-700 italic">{row.client.kind === "outOfScope" ? t("drill.outOfScope") : t("drill.noClient")}</span>
            )}
          </td>
          <td className={`p-2 ${cellClass("sm")}`}>{row.repeated ? t("drill.repeated") : t("drill.counted")}</td>
        </tr>
      ))}
    </DataTable>
  );
}
