import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import type { TImportIssueView, TImportView } from "@/lib/domain/imports/service";
import type { TPage } from "@/lib/pagination";

type TProps = {
  dataImport: Pick<TImportView, "id" | "status" | "invalidRows" | "issueCount">;
  issues: TPage<TImportIssueView>;
};

/**
 * The dry run's report: how many rows and errors, each error by row number and column (the row
 * numbers are Excel's, unformatted, the header being row 1), 50 a page, and the user's own file with an error
 * column to download — as long as the file is kept (it goes once imported).
 */
export async function ImportIssues({ dataImport, issues }: TProps) {
  const t = await getTranslations("imports.page");
  // Issue messages are full paths ("validation.invalidPesel", "imports.issues.duplicateInFile").
  const tr = await getTranslations();
  const message = (issue: TImportIssueView) => (tr.has(issue.message) ? tr(issue.message, issue.params ?? {}) : issue.message);
  return (
    <section aria-labelledby="import-issues" className="mt-8">
      <h2 id="import-issues" className="text-xl font-semibold">
        {t("issuesHeading")}
      </h2>
      <p className="mt-2" data-testid="import-issues-summary">
        {t("issuesSummary", { rows: dataImport.invalidRows, count: dataImport.issueCount })}
      </p>
      {dataImport.issueCount > issues.total ? <p className="mt-1 text-sm text-slate-700">{t("issuesTruncated", { kept: issues.total })}</p> : null}
      {dataImport.status !== "IMPORTED" ? (
        <div className="mt-3">
          <a href={`/imports/${dataImport.id}/report`} download className={buttonClass("secondary")}>
            {t("downloadReport")}
          </a>
          <p className="mt-1 text-sm text-slate-700">{t("downloadReportHint", { header: t("report.errorsHeader") })}</p>
        </div>
      ) : null}
      <DataTable caption={t("issuesCaption")} columns={[t("issueColumns.row"), t("issueColumns.column"), t("issueColumns.message")]} className="mt-4">
        {issues.items.map((issue) => (
          <tr key={issue.id} data-testid="import-issue" className="border-b border-slate-200 align-top">
            <th scope="row" className="p-2 font-medium tabular-nums">
              {issue.rowNumber}
            </th>
            <td className="p-2 wrap-anywhere">{issue.column ?? <span className="text-slate-700">{t("wholeRow")}</span>}</td>
            <td className="p-2">{message(issue)}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination result={issues} hrefFor={(page) => `/imports/${dataImport.id}?page=${page}`} label={t("issuesPagination")} />
    </section>
  );
}
