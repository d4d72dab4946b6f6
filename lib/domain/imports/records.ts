import "server-only";
import { columnsOf, foldCell, type TImportColumn, type TImportKind } from "./columns";
import { readRows, type TFileType } from "./files";
import type { TIssue } from "./issues";

/** One data row of the file, its cells by column key ("" when empty or the column is absent). */
export type TRecord = { rowNumber: number; values: Record<string, string> };

/** The header's columns found by their (folded) header text, and what is wrong with the header. */
function mapHeader(kind: TImportKind, rowNumber: number, cells: string[]): { positions: Map<string, number>; issues: TIssue[] } {
  const columns = columnsOf(kind);
  const byHeader = new Map<string, TImportColumn>(columns.map((column) => [foldCell(column.header), column]));
  const positions = new Map<string, number>();
  const issues: TIssue[] = [];
  cells.forEach((cell, index) => {
    const column = byHeader.get(foldCell(cell));
    if (!column) return;
    if (positions.has(column.key)) issues.push({ rowNumber, column: column.header, message: "imports.issues.duplicateColumn" });
    else positions.set(column.key, index);
  });
  for (const column of columns) {
    if (column.required && !positions.has(column.key)) issues.push({ rowNumber, column: column.header, message: "imports.issues.missingColumn" });
  }
  return { positions, issues };
}

/**
 * The file's data rows as records, read one at a time (the file is never turned into one big
 * array of cells). The first non-blank row must be the header; `onHeader` gets its problems — a required
 * column missing stops the reading, since no row could be read right.
 */
export async function* readRecords(bytes: Uint8Array, type: TFileType, kind: TImportKind, onHeader: (issues: TIssue[]) => void): AsyncGenerator<TRecord> {
  let positions: Map<string, number> | null = null;
  const keys = columnsOf(kind).map((column) => column.key);
  for await (const row of readRows(bytes, type)) {
    if (!positions) {
      const header = mapHeader(kind, row.rowNumber, row.cells);
      onHeader(header.issues);
      if (header.issues.some((issue) => issue.message === "imports.issues.missingColumn")) return;
      positions = header.positions;
      continue;
    }
    const values: Record<string, string> = {};
    for (const key of keys) {
      const at = positions.get(key);
      values[key] = at === undefined ? "" : (row.cells[at] ?? "").trim();
    }
    yield { rowNumber: row.rowNumber, values };
  }
  if (!positions) onHeader([{ rowNumber: 1, column: null, message: "imports.issues.emptyFile" }]);
}
