import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { TIME_ZONE } from "@/lib/dates";
import { tenantTransaction } from "@/lib/db/transaction";
import { maskPesel } from "@/lib/domain/audit/redact";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { asTextCell } from "@/lib/exports/cells";
import type { AccessView, Role } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { accessLogWhereSql, loadAccessLogRows, resolveAccessLogFilters, type TAccessLogRow } from "./access-log-query";
import { ZAccessLogQuery, type TAccessLogFilters, type TAccessLogQuery } from "./access-log-schemas";

/** Rows read per statement: the export never holds more than one batch of rows as objects. */
const READ_BATCH = 2000;

export type TAccessLogExportFormat = "csv" | "xlsx";

/** Every text the file prints, already translated (Polish by default). */
export type TAccessLogExportLabels = {
  sheet: string;
  columns: { at: string; user: string; role: string; person: string; view: string; detail: string; ip: string };
  view: (view: AccessView) => string;
  role: (role: Role) => string;
  /** A user id no user of the tenant has. */
  unknownUser: string;
};

export type TAccessLogExport = { fileName: string; body: Buffer; contentType: string; count: number };

/** "YYYY-MM-DD HH:MM:SS" in Polish time: the moment as the screen shows it, readable in any spreadsheet. */
const POLISH_DATE_TIME = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** One row's cells, each a value, never a formula (names, details and IPs pass through asTextCell). */
function cellsOf(row: TAccessLogRow, labels: TAccessLogExportLabels): string[] {
  return [
    POLISH_DATE_TIME.format(row.at),
    row.user?.name ?? labels.unknownUser,
    row.user ? labels.role(row.user.role) : "",
    row.client.name,
    labels.view(row.view),
    row.detail ?? "",
    row.ip ?? "",
  ].map((value) => asTextCell(value));
}

function csvCell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The filter as the audit records it: a PESEL typed as the person filter is masked like every audited PESEL. */
function auditedFilter(filters: TAccessLogFilters) {
  const { client, user, person, ...rest } = filters;
  const compact = person?.replace(/\s+/g, "");
  return {
    ...(client ? { clientId: client } : {}),
    ...(user ? { userId: user } : {}),
    ...(person ? { person: compact && /^\d{11}$/.test(compact) ? maskPesel(compact) : person } : {}),
    ...rest,
  };
}

/**
 * The filtered access log as a download (privacy.access_log): every matching row, newest first,
 * read in batches (keyset on time and id) within one transaction and written row by row — XLSX
 * through exceljs' streaming writer, or CSV the way Polish Excel opens it (UTF-8 with a BOM, ";").
 * The export is audited (`access_log.export`) with its filter, format and number of rows, in the
 * same transaction. Filters resolve as on the screen: a foreign client or user id is NOT_FOUND.
 */
export async function exportAccessLog(
  ctx: TContext,
  rawQuery: TAccessLogQuery,
  options: { format: TAccessLogExportFormat; labels: TAccessLogExportLabels },
): Promise<TAccessLogExport> {
  await assertCan(ctx, "privacy.access_log");
  const input = parseInput(ZAccessLogQuery, rawQuery);
  const { labels, format } = options;
  const header = [
    labels.columns.at,
    labels.columns.user,
    labels.columns.role,
    labels.columns.person,
    labels.columns.view,
    labels.columns.detail,
    labels.columns.ip,
  ];

  const chunks: Buffer[] = [];
  let writeRow: (cells: string[]) => void;
  let finish: () => Promise<void>;
  if (format === "csv") {
    const lines: string[] = [header.map((h) => csvCell(asTextCell(h))).join(";")];
    writeRow = (cells) => lines.push(cells.map(csvCell).join(";"));
    finish = async () => {
      chunks.push(Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8"));
    };
  } else {
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    const finished = new Promise<void>((resolve, reject) => {
      stream.on("end", resolve);
      stream.on("error", reject);
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    workbook.creator = "OWES";
    const sheet = workbook.addWorksheet(labels.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = header.map((h, i) => ({ header: asTextCell(h), key: `c${i}`, width: [20, 28, 22, 32, 28, 40, 18][i] }));
    sheet.getRow(1).font = { bold: true };
    writeRow = (cells) => sheet.addRow(cells).commit();
    finish = async () => {
      sheet.commit();
      await workbook.commit();
      await finished;
    };
  }

  const count = await tenantTransaction(ctx.tenantId, async (tx) => {
    const resolved = await resolveAccessLogFilters(tx, ctx, input);
    const where = accessLogWhereSql(ctx, resolved.filters);
    let written = 0;
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const rows = await loadAccessLogRows(tx, where, resolved.users, { take: READ_BATCH, ...(after ? { after } : {}) });
      for (const row of rows) writeRow(cellsOf(row, labels));
      written += rows.length;
      const last = rows.at(-1);
      if (rows.length < READ_BATCH || !last) break;
      after = { at: last.at, id: last.id };
    }
    await recordAudit(tx, auditActor(ctx), {
      action: "access_log.export",
      entityType: "Tenant",
      entityId: ctx.tenantId,
      after: { ...auditedFilter(resolved.filters), format, rows: written },
    });
    return written;
  });
  await finish();
  const day = POLISH_DATE_TIME.format(new Date()).slice(0, 10);
  return {
    fileName: `rejestr-dostepu-${day}.${format}`,
    body: Buffer.concat(chunks),
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    count,
  };
}
