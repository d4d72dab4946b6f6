import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import type { TImportView } from "@/lib/domain/imports/service";

/**
 * The centre's past imports, newest first: the file (linking to its report), its state, and the
 * counts of its dry run. A phone shows the file and the state; the rest is on the import's page.
 */
export async function ImportsTable({ imports }: { imports: TImportView[] }) {
  const t = await getTranslations("imports");
  const format = await getFormatter();
  // Counts exist once the dry run has finished; before that (or when it could not read the file) there are none.
  const counted = (item: TImportView, value: number) => (item.validatedAt ? format.number(value) : "—");
  return (
    <DataTable
      caption={t("page.tableCaption")}
      columns={[
        { label: t("page.columns.createdAt"), hideBelow: "sm", ariaSort: "descending" },
        t("page.columns.fileName"),
        { label: t("page.columns.kind"), hideBelow: "sm" },
        t("page.columns.status"),
        { label: t("page.columns.rows"), hideBelow: "md" },
        { label: t("page.columns.toCreate"), hideBelow: "lg" },
        { label: t("page.columns.toUpdate"), hideBelow: "lg" },
        { label: t("page.columns.toSkip"), hideBelow: "lg" },
        { label: t("page.columns.invalidRows"), hideBelow: "md" },
      ]}
    >
      {imports.map((item) => (
        <tr key={item.id} data-testid="import-row" className="border-b border-slate-200 align-top">
          <td className={cn("whitespace-nowrap p-2", cellClass("sm"))}>
            <time dateTime={item.createdAt.toISOString()}>{format.dateTime(item.createdAt, INSTANT_DATE_TIME)}</time>
          </td>
          <th scope="row" className="p-2 font-medium wrap-anywhere">
            <TextLink href={`/imports/${item.id}`}>{item.fileName}</TextLink>
          </th>
          <td className={cn("p-2", cellClass("sm"))}>{t(`kinds.${item.kind}`)}</td>
          <td className="p-2">{t(`statuses.${item.status}`)}</td>
          <td className={cn("p-2 tabular-nums", cellClass("md"))}>{counted(item, item.totalRows)}</td>
          <td className={cn("p-2 tabular-nums", cellClass("lg"))}>{counted(item, item.toCreate)}</td>
          <td className={cn("p-2 tabular-nums", cellClass("lg"))}>{counted(item, item.toUpdate)}</td>
          <td className={cn("p-2 tabular-nums", cellClass("lg"))}>{counted(item, item.toSkip)}</td>
          <td className={cn("p-2 tabular-nums", cellClass("md"))}>{counted(item, item.invalidRows)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
