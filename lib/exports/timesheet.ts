import ExcelJS from "exceljs";
import { isoDate } from "@/lib/dates";
import type { TEntryNames } from "@/lib/domain/catalogue/names";
import type { getTimesheet } from "@/lib/domain/services/service";
import { asTextCell } from "./cells";

export type TTimesheet = Awaited<ReturnType<typeof getTimesheet>>;

/** Every text the export prints, already translated (Polish by default). */
export type TTimesheetLabels = {
  sheets: { summary: string; byDay: string; byClient: string; byType: string; services: string };
  columns: {
    user: string;
    month: string;
    count: string;
    minutes: string;
    hours: string;
    client: string;
    supportType: string;
    date: string;
    time: string;
    form: string;
    channel: string;
    clients: string;
    topic: string;
  };
  total: string;
  /** A support type's name in the reader's language, from its names in the tenant's catalogue. */
  supportType: (names: TEntryNames) => string;
  form: (form: string) => string;
  channel: (channel: string) => string;
};

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** A row of cells as written: every string neutralised (client names and topics are user text). */
const cells = (row: (string | number)[]) => row.map((value) => asTextCell(value));

/** Worksheet columns: headers (translations, but cells all the same) and widths. */
const columns = (headers: string[], widths: number[]) => headers.map((header, i) => ({ header: asTextCell(header), width: widths[i] }));

/** The rows of the services list, shared by both formats. */
function serviceRows(sheet: TTimesheet, labels: TTimesheetLabels) {
  return sheet.records.map((r) => [
    isoDate(r.date),
    r.startTime ?? "",
    r.durationMinutes,
    hours(r.durationMinutes),
    labels.form(r.form),
    labels.channel(r.channel),
    labels.supportType(r.supportTypeNames),
    r.clients.join(", "),
    r.topic ?? "",
  ]);
}

function serviceHeader(labels: TTimesheetLabels) {
  const c = labels.columns;
  return [c.date, c.time, c.minutes, c.hours, c.form, c.channel, c.supportType, c.clients, c.topic];
}

/**
 * One user's month as a workbook: a summary, minutes by day, by client and by support type, and
 * every service — the basis of an EU timesheet. Hours are decimal (90 min → 1.5).
 */
export async function timesheetWorkbook(sheet: TTimesheet, labels: TTimesheetLabels): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OWES";
  const c = labels.columns;
  const bold = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
  };

  const summary = workbook.addWorksheet(labels.sheets.summary);
  summary.columns = columns([c.user, c.month, c.count, c.minutes, c.hours], [30, 10, 14, 10, 10]);
  summary.addRow(cells([sheet.user.name, sheet.month, sheet.count, sheet.minutes, hours(sheet.minutes)]));
  bold(summary);

  const byDay = workbook.addWorksheet(labels.sheets.byDay);
  byDay.columns = columns([c.date, c.count, c.minutes, c.hours], [12, 14, 10, 10]);
  for (const row of sheet.byDay) byDay.addRow(cells([row.date, row.count, row.minutes, hours(row.minutes)]));
  bold(byDay);

  const byClient = workbook.addWorksheet(labels.sheets.byClient);
  byClient.columns = columns([c.client, c.count, c.minutes, c.hours], [40, 14, 10, 10]);
  for (const row of sheet.byClient) byClient.addRow(cells([row.name, row.count, row.minutes, hours(row.minutes)]));
  bold(byClient);

  const byType = workbook.addWorksheet(labels.sheets.byType);
  byType.columns = columns([c.supportType, c.count, c.minutes, c.hours], [40, 14, 10, 10]);
  for (const row of sheet.byType) byType.addRow(cells([labels.supportType(row.supportTypeNames), row.count, row.minutes, hours(row.minutes)]));
  bold(byType);

  const services = workbook.addWorksheet(labels.sheets.services);
  services.columns = columns(serviceHeader(labels), [12, 8, 9, 9, 14, 14, 30, 40, 40]);
  for (const row of serviceRows(sheet, labels)) services.addRow(cells(row));
  const last = sheet.records.length + 1;
  const totalRow = services.addRow([
    asTextCell(labels.total),
    "",
    { formula: `SUM(C2:C${last})`, result: sheet.minutes },
    { formula: `SUM(D2:D${last})`, result: hours(sheet.minutes) },
  ]);
  totalRow.font = { bold: true };
  bold(services);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV cell: neutralised if it could start a formula, quoted when it holds the separator, a quote or a line break. */
function csvCell(value: string | number): string {
  const text = typeof value === "number" ? String(value).replace(".", ",") : asTextCell(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The month's services as CSV the way Polish Excel opens it: UTF-8 with a BOM, ";" between
 * columns, decimal commas. One row per service; the minutes column sums to the month's total.
 */
export function timesheetCsv(sheet: TTimesheet, labels: TTimesheetLabels): string {
  const lines = [serviceHeader(labels), ...serviceRows(sheet, labels)].map((row) => row.map(csvCell).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
