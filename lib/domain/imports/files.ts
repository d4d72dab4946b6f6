import "server-only";
import { createHash } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";

/**
 * The file layer of the spreadsheet import: what kind of file arrived (by its content), its text,
 * and its rows as strings, read as a stream so 100,000 rows never sit in memory at once. Nothing
 * is ever evaluated: a formula comes back as its text.
 */

/** The largest file accepted (the upload and the instructions sheet say the same). */
export const IMPORT_MAX_BYTES = 25 * 1024 * 1024;

/**
 * More non-empty columns than this in one row is not a client list but a broken (or hostile) file:
 * a CSV line of 25 MB of ";" would otherwise become millions of cells.
 */
export const IMPORT_MAX_COLUMNS = 1000;

export type TFileType = "xlsx" | "csv";

/** A row as the user sees it: `rowNumber` is Excel's row number (the header is row 1). */
export type TRawRow = { rowNumber: number; cells: string[] };

/**
 * Why a file's rows cannot be read at all; the caller maps `reason` to a translated message.
 * UNREADABLE: a damaged workbook, or one without a worksheet. TOO_MANY_COLUMNS: a row holds a value
 * beyond IMPORT_MAX_COLUMNS.
 */
export class ImportFileError extends Error {
  constructor(
    readonly reason: "UNREADABLE" | "TOO_MANY_COLUMNS",
    options?: { cause?: unknown },
  ) {
    super(`Import file: ${reason}`, options);
    this.name = "ImportFileError";
  }
}

// ── File type ────────────────────────────────────────────────────────────────────────────────

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;

/** Starts of files that are surely not CSV (besides ZIP, which is looked into). */
const BINARY_MAGIC: readonly number[][] = [
  [0xd0, 0xcf, 0x11, 0xe0], // OLE: old .xls, .doc, .msg
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP, WAV, AVI)
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, i) => bytes[i] === byte);

/**
 * What the file is, judged by its bytes (the extension and the browser's MIME type are the user's
 * word, not evidence): "xlsx" for a ZIP holding xl/workbook.xml, "csv" for text (no NUL in the
 * first 64 KB, no known binary signature), otherwise null — old .xls, PDF, images, .docx and other
 * archives, and the empty file.
 */
export function detectFileType(bytes: Uint8Array): TFileType | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, [0x50, 0x4b])) {
    // Any "PK" start is a ZIP of some kind (or its empty/spanned variants): never text.
    if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
    const archive = readZipDirectory(bytes);
    return archive?.entries.some((entry) => entry.name === "xl/workbook.xml") ? "xlsx" : null;
  }
  if (BINARY_MAGIC.some((magic) => startsWith(bytes, magic))) return null;
  return bytes.subarray(0, 64 * 1024).includes(0) ? null : "csv";
}

// ── Text ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The file's text: UTF-8 (its BOM dropped) when the bytes are valid UTF-8, otherwise Windows-1250 —
 * what Polish Excel writes for "CSV (rozdzielany przecinkami)". Valid UTF-8 by accident is
 * practically impossible for Polish text in Windows-1250, so the order decides reliably.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1250").decode(bytes);
  }
}

const DELIMITERS = [";", ",", "\t"] as const;
type TDelimiter = (typeof DELIMITERS)[number];

/**
 * The column separator of a CSV, from its header line: the most frequent of ";", "," and tab
 * outside quotes; ties (and a single-column header) go to ";", what Polish Excel writes.
 */
export function detectDelimiter(headerLine: string): TDelimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: TDelimiter = ";";
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** The first record of a CSV text (a header may hold a quoted line break), for the delimiter. */
function firstRecord(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) return text.slice(0, i);
  }
  return text;
}

// ── Rows ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Collects one row's cells, keeping column positions but holding no trailing empty cells, so a line
 * of a million separators costs nothing and a value past IMPORT_MAX_COLUMNS is refused.
 */
class RowCells {
  readonly cells: string[] = [];

  /** Puts `value` at 0-based `column` (columns arrive left to right). */
  set(column: number, value: string): void {
    if (value === "") return;
    if (column >= IMPORT_MAX_COLUMNS) throw new ImportFileError("TOO_MANY_COLUMNS");
    while (this.cells.length < column) this.cells.push("");
    this.cells[column] = value;
  }
}

/**
 * Every non-blank row of the file, the header (row 1) included — the caller maps the headers.
 * Cells are trimmed strings ("" when empty; a row may be shorter than the header when its last
 * cells are empty). Row numbers are those Excel shows, blank rows counted, so messages point to
 * the right line. XLSX: only the first worksheet in the workbook's tab order is read (the data
 * sheet; instructions and lists after it are ignored), formulas come back as their text ("=1+1"),
 * dates as dd.mm.rrrr. Throws ImportFileError when the workbook cannot be read.
 */
export async function* readRows(bytes: Uint8Array, type: TFileType): AsyncGenerator<TRawRow> {
  if (type === "csv") yield* readCsvRows(decodeText(bytes));
  else yield* readXlsxRows(bytes);
}

function* readCsvRows(text: string): Generator<TRawRow> {
  // Excel's own hint "sep=;" on the first line names the separator; Excel hides that line, so it
  // is no row. Otherwise the first line with content decides (a file may start with blank lines).
  const hint = /^sep=([;,\t])\r?\n/i.exec(text);
  const body = hint ? text.slice(hint[0].length) : text;
  const delimiter = hint?.[1] ?? detectDelimiter(firstRecord(body.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, "")));
  let recordIndex = 0;
  for (const cells of csvRecords(body, delimiter)) {
    recordIndex += 1;
    if (cells.length > 0) yield { rowNumber: recordIndex, cells };
  }
}

/**
 * RFC 4180 records, tolerant the way Excel is: CRLF, LF or CR line ends; a quote opens a quoted
 * field only at its start (spaces before it allowed); an unclosed quote runs to the end of the file.
 * Line breaks inside a quoted cell become "\n". Each record's cells are trimmed.
 */
function* csvRecords(text: string, delimiter: string): Generator<string[]> {
  const n = text.length;
  let row = new RowCells();
  let column = 0;
  let field = "";
  let quoted = false;
  /** The field already had a quoted part: a later quote is literal. */
  let wasQuoted = false;
  /** Characters were seen since the last record ended (an empty last line is no record). */
  let pending = false;
  const endField = () => {
    row.set(column, field.trim());
    column += 1;
    field = "";
    wasQuoted = false;
  };
  let i = 0;
  while (i < n) {
    const ch = text[i];
    pending = true;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else {
          quoted = false;
          i += 1;
        }
        continue;
      }
      const close = text.indexOf('"', i);
      const end = close === -1 ? n : close;
      field += text.slice(i, end).replace(/\r\n?/g, "\n");
      i = end;
      continue;
    }
    if (ch === '"' && !wasQuoted && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      field = "";
      i += 1;
    } else if (ch === delimiter) {
      endField();
      i += 1;
    } else if (ch === "\n" || ch === "\r") {
      endField();
      yield row.cells;
      row = new RowCells();
      column = 0;
      pending = false;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      // Copy a run of ordinary characters at once: this loop sees 100,000-row files.
      let j = i + 1;
      while (j < n) {
        const next = text[j];
        if (next === delimiter || next === "\n" || next === "\r" || next === '"') break;
        j += 1;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (pending) {
    endField();
    yield row.cells;
  }
}

async function* readXlsxRows(bytes: Uint8Array): AsyncGenerator<TRawRow> {
  const archive = await dataSheetArchive(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(chunked(archive), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    // Dates are numbers in the file; only the cell's number format says which are dates.
    styles: "cache",
    worksheets: "emit",
  });
  let sawSheet = false;
  try {
    for await (const worksheet of reader) {
      // The archive holds one worksheet; stop after it whatever exceljs does with the rest.
      if (sawSheet) break;
      sawSheet = true;
      for await (const row of worksheet) {
        const cells = new RowCells();
        row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
          cells.set(columnNumber - 1, cellText(cell.value).trim());
        });
        if (cells.cells.length > 0) yield { rowNumber: row.number, cells: cells.cells };
      }
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("UNREADABLE", { cause: error });
  }
  if (!sawSheet) throw new ImportFileError("UNREADABLE");
}

/** The archive as a stream of 1 MB chunks (what a file stream would give the unzipper). */
function chunked(bytes: Uint8Array): Readable {
  const size = 1024 * 1024;
  return Readable.from(
    (function* () {
      for (let start = 0; start < bytes.length; start += size) yield Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(size, bytes.length - start));
    })(),
  );
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A Date cell as the user typed it: dd.mm.rrrr, with the time only when it has one. */
function dateText(value: Date): string {
  // exceljs turns the serial into UTC milliseconds; round off float noise (10:00 → 09:59:59.999).
  const d = new Date(Math.round(value.getTime() / 1000) * 1000);
  const seconds = d.getUTCSeconds();
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}${seconds ? `:${pad2(seconds)}` : ""}`;
  // A time typed alone ("10:00") is a serial below 1, which falls on 30.12.1899.
  if (d.getUTCFullYear() < 1900) return time;
  const date = `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return d.getUTCHours() || d.getUTCMinutes() || seconds ? `${date} ${time}` : date;
}

/** A number as Excel shows it in a General cell: integers in full (a PESEL typed as a number), decimals to 15 digits. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  return String(Number(value.toPrecision(15)));
}

/**
 * A cell's value as text. A formula is its own text with "=", never its cached result: imported
 * data is what the user typed, and a value computed elsewhere is not (a dependent cell of a shared
 * formula carries no text of its own, so it reads "=").
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "TAK" : "NIE";
  if (value instanceof Date) return dateText(value);
  // `sharedFormula` names the master cell, not a formula: without a text of its own the cell reads "=".
  if ("formula" in value || "sharedFormula" in value) return `=${value.formula ?? ""}`;
  // Runs of a shared string may have no text at all (null).
  if ("richText" in value) return value.richText.map((run) => run.text ?? "").join("");
  if ("error" in value) return value.error;
  if ("text" in value) return typeof value.text === "string" ? value.text : "";
  return "";
}

// ── The data sheet, out of the workbook ──────────────────────────────────────────────────────

type TZipEntry = { name: string; offset: number; method: number; compressedSize: number };
type TZipDirectory = { entries: TZipEntry[]; directoryOffset: number };

/**
 * The entries of a ZIP from its central directory (ZIP64 included): names, where their local
 * records start, how they are compressed. Null when the archive is damaged.
 */
function readZipDirectory(bytes: Uint8Array): TZipDirectory | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === ZIP_END) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  let count = u16(end + 10);
  let directoryOffset = u32(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR) return null;
    const end64 = u64(locator + 8);
    if (end64 + 56 > bytes.length || u32(end64) !== ZIP64_END) return null;
    count = u64(end64 + 32);
    directoryOffset = u64(end64 + 48);
  }
  const names = new TextDecoder("utf-8");
  const entries: TZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== ZIP_CENTRAL) return null;
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = u32(at + 20);
    let offset = u32(at + 42);
    if (compressedSize === 0xffffffff || offset === 0xffffffff) {
      // ZIP64 extra field (id 1): the 64-bit values present are, in order, original size, compressed size, offset.
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const size = u16(extra + 2);
        if (u16(extra) === 1) {
          let field = extra + 4;
          const next = () => {
            if (field + 8 > extra + 4 + size) throw new RangeError("ZIP64 field missing");
            field += 8;
            return u64(field - 8);
          };
          try {
            if (u32(at + 24) === 0xffffffff) next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (offset === 0xffffffff) offset = next();
          } catch {
            return null;
          }
          break;
        }
        extra += 4 + size;
      }
    }
    if (offset + 30 > bytes.length || u32(offset) !== ZIP_LOCAL) return null;
    entries.push({ name, offset, method: u16(at + 10), compressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, directoryOffset };
}

type TRelationship = { type: string; target: string };

const decodeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name] ?? "");

/** The attributes of each `<tag …>` element (any namespace prefix) in a small XML part. */
function xmlElements(xml: string, tag: string): Map<string, string>[] {
  const elements: Map<string, string>[] = [];
  for (const element of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*)>`, "g"))) {
    const attributes = new Map<string, string>();
    for (const [, name, doubleQuoted, singleQuoted] of (element[1] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (name) attributes.set(name, decodeXml(doubleQuoted ?? singleQuoted ?? ""));
    }
    elements.push(attributes);
  }
  return elements;
}

/** A workbook relationship's target as a path in the archive ("worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"). */
function partPath(target: string): string {
  const parts: string[] = target.startsWith("/") ? [] : ["xl"];
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "" && segment !== ".") parts.push(segment);
  }
  return parts.join("/");
}

/** The value of an attribute named `name` under any namespace prefix (`r:id`). */
function prefixedAttribute(attributes: Map<string, string>, name: string): string | undefined {
  for (const [key, value] of attributes) if (key === name || key.endsWith(`:${name}`)) return value;
  return undefined;
}

/**
 * A new archive holding, in this order, the workbook's relationships, the workbook, its styles, its
 * shared strings and its first worksheet — copied as compressed, never inflated. exceljs's
 * streaming reader takes parts in archive order: with the sheet last it always knows the strings,
 * the date formats and the 1904 flag before the first row (LibreOffice and exceljs itself store
 * the workbook after the sheets, which makes it crash or read dates as numbers), and the other
 * sheets (lists, instructions) are never parsed at all.
 */
async function dataSheetArchive(bytes: Uint8Array): Promise<Uint8Array> {
  const directory = readZipDirectory(bytes);
  if (!directory) throw new ImportFileError("UNREADABLE");
  const wanted = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels"]);
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (file) => wanted.has(file.name) });
  } catch (error) {
    throw new ImportFileError("UNREADABLE", { cause: error });
  }
  const workbookXml = parts["xl/workbook.xml"];
  const relsXml = parts["xl/_rels/workbook.xml.rels"];
  if (!workbookXml || !relsXml) throw new ImportFileError("UNREADABLE");

  const text = new TextDecoder("utf-8");
  const relationships = new Map<string, TRelationship>();
  for (const attributes of xmlElements(text.decode(relsXml), "Relationship")) {
    const id = attributes.get("Id");
    const target = attributes.get("Target");
    if (id && target && attributes.get("TargetMode") !== "External") relationships.set(id, { type: attributes.get("Type") ?? "", target: partPath(target) });
  }
  const byName = new Map(directory.entries.map((entry) => [entry.name, entry]));
  const related = (type: string) => [...relationships.values()].find((rel) => rel.type.endsWith(`/${type}`) && byName.has(rel.target))?.target;

  // Sheets are listed in tab order; chart sheets and the like have no rows and are passed over.
  const sheet = xmlElements(text.decode(workbookXml), "sheet")
    .map((attributes) => relationships.get(prefixedAttribute(attributes, "id") ?? ""))
    .find((rel) => rel !== undefined && rel.type.endsWith("/worksheet") && byName.has(rel.target));
  if (!sheet) throw new ImportFileError("UNREADABLE");

  // exceljs recognises parts only under their usual names: a part stored elsewhere is renamed.
  const plan: [string | undefined, string][] = [
    ["xl/_rels/workbook.xml.rels", "xl/_rels/workbook.xml.rels"],
    ["xl/workbook.xml", "xl/workbook.xml"],
    [related("styles"), "xl/styles.xml"],
    [related("sharedStrings"), "xl/sharedStrings.xml"],
    [sheet.target, /^xl\/worksheets\/sheet\d+\.xml$/.test(sheet.target) ? sheet.target : "xl/worksheets/sheet1.xml"],
  ];
  const starts = [...directory.entries.map((entry) => entry.offset), directory.directoryOffset].sort((a, b) => a - b);
  const records: Uint8Array[] = [];
  for (const [source, name] of plan) {
    const entry = source === undefined ? undefined : byName.get(source);
    if (!entry) continue;
    await assertInflates(bytes, entry);
    // A local record runs to the next one (data descriptor included) or to the central directory.
    const end = starts.find((start) => start > entry.offset) ?? bytes.length;
    records.push(renamedRecord(bytes.subarray(entry.offset, end), name));
  }
  return Buffer.concat([...records, endOfCentralDirectory(records.reduce((length, record) => length + record.length, 0))]);
}

/**
 * The 22-byte end record of an archive with no central directory, at `offset`. exceljs's reader
 * (unzipper) reads local records one by one and stops cleanly at this signature; without it, the
 * stream ending after the sheet reads as a truncated archive ("FILE_ENDED"), which surfaced
 * whenever the consumer awaited something (a database round trip) between rows.
 */
function endOfCentralDirectory(offset: number): Uint8Array {
  const record = new Uint8Array(22);
  const view = new DataView(record.buffer);
  view.setUint32(0, ZIP_END, true);
  // Disk numbers, entry counts and directory size stay 0; the directory would start here.
  view.setUint32(16, offset, true);
  return record;
}

/**
 * Refuses a part whose compressed data is damaged. exceljs never hears of a decompression error
 * inside a sheet: its reader would wait for the rest of the sheet forever. Inflating the part once
 * first (streamed, the output dropped) costs a fraction of the parse and turns that hang into
 * UNREADABLE. Only "stored" and "deflate" parts are readable at all.
 */
async function assertInflates(bytes: Uint8Array, entry: TZipEntry): Promise<void> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ImportFileError("UNREADABLE");
  if (entry.method === 0) return;
  if (entry.method !== 8) throw new ImportFileError("UNREADABLE");
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(chunked(bytes.subarray(start, end)), createInflateRaw(), discard);
  } catch (error) {
    throw new ImportFileError("UNREADABLE", { cause: error });
  }
}

/** A ZIP local record under another name (the header's name field replaced, the data untouched). */
function renamedRecord(record: Uint8Array, name: string): Uint8Array {
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const oldNameLength = view.getUint16(26, true);
  const newName = new TextEncoder().encode(name);
  const header = Buffer.from(record.subarray(0, 30));
  header.writeUInt16LE(newName.length, 26);
  return Buffer.concat([header, newName, record.subarray(30 + oldNameLength)]);
}

// ── Values ───────────────────────────────────────────────────────────────────────────────────

/**
 * A date cell as YYYY-MM-DD: "dd.mm.rrrr" or "d.m.rrrr" (what Polish Excel shows) or ISO
 * "rrrr-mm-dd"; a time after the date ("15.03.2026 10:00", "2026-03-15T10:00:00", as exports
 * write) is ignored. Null unless it is a real calendar date (31.02.2026 → null).
 */
export function parsePolishDate(cell: string): string | null {
  const text = cell.trim().replace(/(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/, "");
  const polish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const [year, month, day] = polish ? [polish[3], polish[2], polish[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year || !month || !day) return null;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 31.02 over into March and maps years 0–99 onto the 1900s: compare back.
  date.setUTCFullYear(y);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${pad2(m)}-${pad2(d)}`;
}

/** The SHA-256 of the file, hex: the same file uploaded twice is recognised. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
