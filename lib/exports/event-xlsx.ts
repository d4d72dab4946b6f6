import ExcelJS from "exceljs";
import type { TEventExportData } from "@/lib/domain/events/documents";
import { asTextCell } from "./cells";

/** A translator of the "events" messages (the reader's language, as the timesheet's export). */
export type TEventsTranslator = (key: string, values?: Record<string, string | number>) => string;

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** A row of cells as written: every string neutralised (names and places are user text), numbers stay numbers. */
const cells = (row: (string | number)[]) => row.map((value) => asTextCell(value));

const columns = (headers: string[], widths: number[]) => headers.map((header, i) => ({ header: asTextCell(header), width: widths[i] }));

function frame(sheet: ExcelJS.Worksheet) {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

type TSupportKind = "materials" | "accommodation" | "meals";
const SUPPORT_KINDS: TSupportKind[] = ["materials", "accommodation", "meals"];

/**
 * An event as a workbook: "Uczestnicy" — each registration (any status) with its attendance at
 * every session, the support received over the event ("Materiały: 2, Wyżywienie: 2") and the
 * travel reimbursed in total — and "Sesje" — each session with its counts. Every cell is a value,
 * never a formula: names, places and links are user text and are neutralised (lib/exports/cells.ts).
 */
export async function eventWorkbook(data: TEventExportData, t: TEventsTranslator): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OWES";
  const x = (key: string, values?: Record<string, string | number>) => t(`documents.xlsx.${key}`, values);

  const participants = workbook.addWorksheet(x("participants"));
  participants.columns = columns(
    [x("person"), x("client"), x("registration"), ...data.sessions.map((s) => x("session", { number: s.number, date: s.day })), x("support"), x("travel"), x("present"), x("hours")],
    [30, 36, 16, ...data.sessions.map(() => 18), 34, 16, 12, 12],
  );
  for (const p of data.participants) {
    const rows = data.sessions.map((s) => ({ session: s, row: s.attendance.get(p.registrationId) }));
    const present = rows.filter(({ row }) => row?.status === "PRESENT");
    const support = SUPPORT_KINDS.map((kind) => [kind, present.filter(({ row }) => row?.[kind]).length] as const).filter(([, count]) => count > 0);
    const travel = present.reduce((sum, { row }) => sum + Number(row?.travelReimbursement ?? 0), 0);
    participants.addRow(
      cells([
        p.person,
        p.represents ?? p.person,
        t(`registrationStatuses.${p.status}`),
        ...rows.map(({ row }) => (row ? t(`attendance.statuses.${row.status}`) : x("notRecorded"))),
        support.map(([kind, count]) => `${t(`attendance.${kind}`)}: ${count}`).join(", "),
        Math.round(travel * 100) / 100,
        present.length,
        hours(present.reduce((sum, { session }) => sum + session.durationMinutes, 0)),
      ]),
    );
  }
  frame(participants);

  const sessions = workbook.addWorksheet(x("sessions"));
  sessions.columns = columns(
    [x("number"), x("date"), x("start"), x("end"), x("minutes"), x("hours"), x("place"), x("online"), x("presentCount"), x("absentCount"), x("excusedCount")],
    [6, 12, 9, 9, 11, 9, 36, 36, 9, 11, 15],
  );
  for (const s of data.sessions) {
    const count = (status: string) => [...s.attendance.values()].filter((a) => a.status === status).length;
    sessions.addRow(
      cells([s.number, s.day, s.startTime ?? "", s.endTime ?? "", s.durationMinutes, hours(s.durationMinutes), s.place ?? "", s.onlineUrl ?? "", count("PRESENT"), count("ABSENT"), count("EXCUSED")]),
    );
  }
  frame(sessions);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
