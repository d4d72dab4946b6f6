import ExcelJS from "exceljs";
import { CLIENT_COLUMNS, SERVICE_COLUMNS, type TClientColumnKey, type TServiceColumnKey } from "@/lib/domain/imports/columns";

/**
 * Spreadsheets as a manager would fill the import templates: the templates' headers, one row per
 * entry, as CSV (any delimiter) or XLSX. Cells are given by column key; an XLSX cell may be a
 * formula instead of a value.
 */

export type TClientCells = Partial<Record<TClientColumnKey, string>>;
export type TServiceCells = Partial<Record<TServiceColumnKey, string>>;
type TColumns = readonly { key: string; header: string }[];

function csvCell(value: string, delimiter: string): string {
  return /["\n\r]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(columns: TColumns, rows: Record<string, string | undefined>[], delimiter: string): string {
  const lines = [columns.map((c) => csvCell(c.header, delimiter)).join(delimiter)];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.key] ?? "", delimiter)).join(delimiter));
  return `${lines.join("\r\n")}\r\n`;
}

export function clientsCsv(rows: TClientCells[], delimiter = ";"): string {
  return csvText(CLIENT_COLUMNS, rows, delimiter);
}

export function servicesCsv(rows: TServiceCells[], delimiter = ";"): string {
  return csvText(SERVICE_COLUMNS, rows, delimiter);
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** A workbook whose first sheet holds the rows; `formulas` puts a formula (with a cached result) into a cell: "row:key". */
async function workbook(columns: TColumns, rows: Record<string, string | undefined>[], formulas: Record<string, { formula: string; result: string | number }>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Dane");
  sheet.addRow(columns.map((c) => c.header));
  rows.forEach((row, index) => {
    sheet.addRow(
      columns.map((c) => {
        const formula = formulas[`${index}:${c.key}`];
        return formula ? { formula: formula.formula, result: formula.result } : (row[c.key] ?? null);
      }),
    );
  });
  book.addWorksheet("Instrukcja").addRow(["To arkusz pomocniczy: import go pomija."]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function clientsXlsx(rows: TClientCells[], formulas: Record<string, { formula: string; result: string | number }> = {}): Promise<Uint8Array> {
  return workbook(CLIENT_COLUMNS, rows, formulas);
}

export function servicesXlsx(rows: TServiceCells[]): Promise<Uint8Array> {
  return workbook(SERVICE_COLUMNS, rows, {});
}

/** A clean dry run of a one-row client CSV, ready to import (as the owner writes it: for tests of other things). */
export async function insertDataImport(tenant: { id: string }, createdById: string): Promise<{ id: string }> {
  const { createHash } = await import("node:crypto");
  const { ownerQuery } = await import("./db");
  const content = Buffer.from(clientsCsv([{ kind: "Osoba fizyczna", name: "Jan Importowany" }]));
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO data_import (id, tenant_id, kind, file_name, file_type, byte_size, checksum, content, status, total_rows, processed_rows, to_create, created_by_id, validated_at, updated_at)
     VALUES (gen_random_uuid(), $1, 'CLIENTS', 'klienci.csv', 'csv', $2, $3, $4, 'VALID', 1, 1, 1, $5, now(), now()) RETURNING id`,
    [tenant.id, content.byteLength, createHash("sha256").update(content).digest("hex"), content, createdById],
  );
  if (!row) throw new Error("setup");
  return row;
}
