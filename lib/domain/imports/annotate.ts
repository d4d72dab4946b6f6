import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { asTextCell } from "@/lib/exports/cells";
import { foldCell } from "./columns";
import { readRows, type TFileType } from "./files";

/** One problem to show in the report: `message` is already in the reader's language. */
export type TRowIssue = { rowNumber: number; column: string | null; message: string };

/** Excel's own limits: a longer text or a later row makes it "repair" the file. */
const EXCEL_MAX_TEXT = 32_767;
const EXCEL_MAX_ROWS = 1_048_576;

/** Light red, Excel's own "light red fill" for bad values. */
const ISSUE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };

/** A cell as written: never a formula (asTextCell), never longer than Excel accepts. */
const textCell = (text: string) => asTextCell(text.length > EXCEL_MAX_TEXT ? `${text.slice(0, EXCEL_MAX_TEXT - 1)}…` : text);

/** A usable sheet name: Excel refuses []:*?/\ and more than 31 characters. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || "Sheet1";

/** The issues of a row as one cell: "<column>: <message>; …". */
const issueText = (issues: readonly TRowIssue[]) => issues.map((issue) => (issue.column ? `${issue.column}: ${issue.message}` : issue.message)).join("; ");

/**
 * The user's own file with an error column: the rows exactly as readRows reads them, each at its
 * own row number (so "row 17" in the on-screen report is row 17 here too), then one more column
 * headed `labels.errorsHeader` holding each row's issues, in light red — and the cells the issues
 * name in light red as well. Rows without issues show `labels.okCell` there (nothing when it is "").
 * Issues of rows the file does not hold (a blank line) get a row of their own. Every cell is text,
 * so a user's "=SUM(A1)" is shown, never run. Written as a stream: 100,000 rows fit.
 */
export async function buildAnnotatedReport(
  bytes: Uint8Array,
  type: TFileType,
  issues: TRowIssue[],
  labels: { sheet: string; errorsHeader: string; okCell: string },
): Promise<Buffer> {
  // A first pass finds the widest row, so the error column stands clear of every user cell
  // (a stray value to the right of the header included); the rows themselves are not kept.
  let header: string[] | null = null;
  let width = 0;
  for await (const row of readRows(bytes, type)) {
    header ??= row.cells;
    width = Math.max(width, row.cells.length);
  }
  const errorColumn = width + 1;
  const headerPositions = new Map<string, number>();
  (header ?? []).forEach((cell, i) => {
    const folded = foldCell(cell);
    if (folded && !headerPositions.has(folded)) headerPositions.set(folded, i + 1);
  });

  const byRow = new Map<number, TRowIssue[]>();
  for (const issue of issues) {
    if (!Number.isInteger(issue.rowNumber) || issue.rowNumber < 1) continue;
    const list = byRow.get(issue.rowNumber);
    if (list) list.push(issue);
    else byRow.set(issue.rowNumber, [issue]);
  }
  const issueRows = [...byRow.keys()].sort((a, b) => a - b);

  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(labels.sheet), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [...Array.from({ length: width }, (_, i) => ({ width: Math.min(50, Math.max(10, (header?.[i] ?? "").length + 2)) })), { width: 60 }];

  let headerWritten = false;
  const writeRow = (rowNumber: number, cells: readonly string[]) => {
    if (rowNumber > EXCEL_MAX_ROWS) return;
    const row = sheet.getRow(rowNumber);
    cells.forEach((cell, i) => {
      if (cell !== "") row.getCell(i + 1).value = textCell(cell);
    });
    const rowIssues = byRow.get(rowNumber) ?? [];
    const errorCell = row.getCell(errorColumn);
    const isHeader = !headerWritten && cells.length > 0;
    if (isHeader) {
      headerWritten = true;
      row.font = { bold: true };
      errorCell.value = textCell(rowIssues.length > 0 ? `${labels.errorsHeader} — ${issueText(rowIssues)}` : labels.errorsHeader);
    } else if (rowIssues.length > 0) {
      errorCell.value = textCell(issueText(rowIssues));
    } else if (labels.okCell !== "") {
      errorCell.value = textCell(labels.okCell);
    }
    if (rowIssues.length > 0) {
      errorCell.fill = ISSUE_FILL;
      errorCell.alignment = { wrapText: true, vertical: "top" };
      for (const issue of rowIssues) {
        const at = issue.column === null ? undefined : headerPositions.get(foldCell(issue.column));
        if (at !== undefined && !isHeader) row.getCell(at).fill = ISSUE_FILL;
      }
    }
    row.commit();
  };

  // Rows and issue-only rows, merged in row order (a streamed sheet is written top to bottom).
  const pendingIssueRows = issueRows.values();
  let nextIssueRow = pendingIssueRows.next().value;
  for await (const row of readRows(bytes, type)) {
    for (; nextIssueRow !== undefined && nextIssueRow <= row.rowNumber; nextIssueRow = pendingIssueRows.next().value) {
      if (nextIssueRow < row.rowNumber) writeRow(nextIssueRow, []);
    }
    writeRow(row.rowNumber, row.cells);
  }
  for (; nextIssueRow !== undefined; nextIssueRow = pendingIssueRows.next().value) writeRow(nextIssueRow, []);

  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
