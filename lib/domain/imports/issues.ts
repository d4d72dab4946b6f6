import "server-only";
import type { z } from "zod";
import { columnsOf, type TImportKind } from "./columns";

/**
 * One problem of the report: the row as the user sees it in Excel (the header is row 1), the
 * column's header (null for the whole row) and a message key with its parameters — translated when
 * shown, so the report reads in the user's language. Parameters never hold a cell's value: the
 * row and column point at it, and the report keeps no personal data of its own.
 */
export type TIssue = { rowNumber: number; column: string | null; message: string; params?: Record<string, string | number> };

/** The report keeps this many issues; more are counted but not listed (the file needs fixing anyway). */
export const ISSUES_KEPT = 5_000;

/** The issues a schema found in a row, under the columns their fields came from. */
export function schemaIssues(
  kind: TImportKind,
  rowNumber: number,
  error: z.ZodError,
  fieldToColumn: (field: string) => string = (field) => field,
): TIssue[] {
  const headers = new Map(columnsOf(kind).map((column) => [column.key, column.header]));
  const seen = new Set<string>();
  const issues: TIssue[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    const key = fieldToColumn(field);
    const column = headers.get(key) ?? null;
    const message = `validation.${issue.message}`;
    // One message per column: "invalid" for every element of a list says nothing more.
    if (seen.has(`${column}:${message}`)) continue;
    seen.add(`${column}:${message}`);
    issues.push({ rowNumber, column, message });
  }
  return issues;
}

/** A column's header by its key (for issues raised outside a schema). */
export function headerOf(kind: TImportKind, key: string): string {
  return columnsOf(kind).find((column) => column.key === key)?.header ?? key;
}

/** "2, 5, 7–9, 12": row numbers as a short list. */
export function rowRanges(rows: readonly number[], max = 30): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (const row of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || prev === undefined) break;
    if (row === prev + 1) {
      prev = row;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}–${prev}`);
    start = row;
    prev = row;
  }
  return parts.length > max ? `${parts.slice(0, max).join(", ")}, …` : parts.join(", ");
}
