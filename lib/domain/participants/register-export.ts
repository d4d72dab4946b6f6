import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { dateOnly, todayInPoland } from "@/lib/dates";
import { mayReadSensitive } from "@/lib/domain/clients/viewer";
import { sensitiveShownTo } from "@/lib/domain/privacy/consent-policy";
import { recordAccess, type TAccessEntry } from "@/lib/domain/privacy/access-log";
import { asTextCell } from "@/lib/exports/cells";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { missingMonitoringFields } from "./completeness";
import { ageOn } from "./derive";
import { participantsWhere } from "./page";
import { completenessPerson, personSelect, plainData } from "./person";
import { REGISTER_COLUMNS, type TRegisterCell, type TRegisterColumn, type TRegisterPerson } from "./register-columns";
import { ZParticipantRegisterInput, type TParticipantRegisterInput } from "./schemas";

/** Persons read per statement: the export never holds more than one page of rows. */
const READ_PAGE = 500;

/** What the access log says an entry of this export was. */
const REGISTER_ACCESS_DETAIL = "participants.register";

/** The sheet's name: the register's participants. */
const SHEET_NAME = "Uczestnicy";

type TPersonRow = Prisma.ClientGetPayload<{ select: ReturnType<typeof personSelect> }>;

function registerPerson(row: TPersonRow, today: string, sensitive: boolean): TRegisterPerson {
  const data = plainData(row.participantData) ?? {};
  const pick = <T extends string>(value: string | null | undefined) => (value ?? null) as T | null;
  return {
    name: row.name,
    pesel: row.pesel,
    sex: pick(data.sex),
    birthDate: data.birthDate ?? null,
    ageAtStart: ageOn(data.birthDate ?? null, data.participationStart ?? null),
    educationLevel: pick(data.educationLevel),
    voivodeship: row.voivodeship,
    county: row.county,
    commune: row.commune,
    town: row.town,
    postalCode: row.postalCode,
    urbanisation: pick(data.urbanisation),
    labourMarketStatus: pick(data.labourMarketStatus),
    // Not even read without clients.read_sensitive (personSelect), withheld while the person's
    // consent is withdrawn (consent-policy.ts): the columns stay empty.
    disability: sensitive ? pick(data.disability) : null,
    foreignOrigin: sensitive ? pick(data.foreignOrigin) : null,
    minority: sensitive ? pick(data.minority) : null,
    homeless: pick(data.homeless),
    participationStart: data.participationStart ?? null,
    participationEnd: data.participationEnd ?? null,
    situationAtEnd: pick(data.situationAtEnd),
    missing: missingMonitoringFields(completenessPerson(row), today, { sensitive }),
  };
}

/** A cell as written: text neutralised against formulas (names are user text), dates as dates, nothing as empty. */
function cellOf(column: TRegisterColumn, value: TRegisterCell): string | number | Date | null {
  if (value === null || value === "") return null;
  if (column.format === "date" && typeof value === "string") return dateOnly(value);
  if (column.format === "number") return typeof value === "number" ? value : asTextCell(value);
  return asTextCell(String(value));
}

export type TParticipantRegister = { fileName: string; body: Buffer; count: number };

/**
 * The participant register as XLSX (participants.report): one row per person the completeness list
 * would show for the year (participation overlapping it, or not yet placed — page.ts
 * participantsWhere), by name, with the columns of register-columns.ts in their order. Read a page
 * at a time (keyset on name and id) and written row by row through exceljs' streaming writer, so
 * neither the tenant's persons nor the sheet's rows are held as objects all at once. Without
 * clients.read_sensitive the special-category columns are empty, and so they are for a person
 * whose SENSITIVE_DATA consent is withdrawn.
 */
export async function exportParticipantRegister(ctx: TContext, rawInput: TParticipantRegisterInput): Promise<TParticipantRegister> {
  await assertCan(ctx, "participants.report");
  const input = parseInput(ZParticipantRegisterInput, rawInput);
  const sensitive = mayReadSensitive(ctx);
  const today = todayInPoland();
  const where = participantsWhere(ctx, { ...(input.year !== undefined ? { year: input.year } : {}), incomplete: false }, today);

  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "OWES";
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = REGISTER_COLUMNS.map((column, i) => ({
    header: asTextCell(column.header),
    key: `c${i}`,
    width: column.width,
    ...(column.format === "date" ? { style: { numFmt: "yyyy-mm-dd" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };

  let count = 0;
  if (where !== null) {
    await tenantTransaction(ctx.tenantId, async (tx) => {
      let cursor: string | null = null;
      for (;;) {
        const rows: TPersonRow[] = await tx.client.findMany({
          where,
          select: personSelect(sensitive),
          orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
          take: READ_PAGE,
          ...(cursor ? { cursor: { tenantId_id: { tenantId: ctx.tenantId, id: cursor } }, skip: 1 } : {}),
        });
        // Every person in the file is logged (issue 17), in one statement per page of persons: the
        // export, and apart the special-category columns where they are filled.
        const access: TAccessEntry[] = [];
        for (const row of rows) {
          count += 1;
          const person = registerPerson(row, today, sensitiveShownTo(ctx, row));
          sheet.addRow(REGISTER_COLUMNS.map((column) => cellOf(column, column.value(person, count)))).commit();
          access.push({ clientId: row.id, view: "EXPORT", detail: REGISTER_ACCESS_DETAIL });
          if (person.disability !== null || person.foreignOrigin !== null || person.minority !== null) {
            access.push({ clientId: row.id, view: "CLIENT_SENSITIVE", detail: REGISTER_ACCESS_DETAIL });
          }
        }
        await recordAccess(tx, ctx, access);
        if (rows.length < READ_PAGE) break;
        cursor = rows[rows.length - 1]?.id ?? null;
      }
    });
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  const fileName = input.year !== undefined ? `rejestr-uczestnikow-${input.year}.xlsx` : "rejestr-uczestnikow.xlsx";
  return { fileName, body: Buffer.concat(chunks), count };
}
