import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { ImportStatus } from "@/lib/generated/prisma/enums";
import { enqueue } from "@/lib/jobs/enqueue";
import { QUEUES } from "@/lib/jobs/queues";
import { toPage, toSkipTake, ZPageInput, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { buildAnnotatedReport } from "./annotate";
import { IMPORT_KINDS, type TImportKind } from "./columns";
import { detectFileType, IMPORT_MAX_BYTES, sha256Hex, type TFileType } from "./files";
import { buildTemplate, templateFileName } from "./templates";

/**
 * Spreadsheet imports (issue 18), the manager's side: download a template, upload a file (checked
 * by its content, not its name; the dry run starts in the background), follow the progress, read
 * the report on screen or as the annotated file, and import a file whose dry run was clean — all
 * rows or none (lib/domain/imports/run.ts does the work).
 */

export const IMPORTS_PAGE_SIZE = 20;
export const ISSUES_PAGE_SIZE = 50;

/** What the upload form sends (the file's bytes come separately, read by the adapter). */
export const ZStartImportInput = z.object({
  kind: z.enum(IMPORT_KINDS, "required"),
  fileName: z.string().trim().min(1, "chooseFile").max(255, "tooLong"),
  updateExisting: z.boolean("invalid").default(false),
});
export type TStartImportInput = z.input<typeof ZStartImportInput>;

/**
 * Takes an uploaded file: refused next to the file field when empty ("chooseFile"), over the size
 * limit ("fileTooLarge") or not an XLSX or CSV by its content ("notSpreadsheet"). Stored with its
 * SHA-256 and queued for its dry run; audited as "import.upload".
 */
export async function startImport(ctx: TContext, rawInput: TStartImportInput, bytes: Uint8Array): Promise<{ id: string }> {
  await assertCan(ctx, "imports.run");
  const input = parseInput(ZStartImportInput, rawInput);
  if (bytes.byteLength === 0) throw new AppError("VALIDATION_FAILED", { fieldErrors: { file: "chooseFile" } });
  if (bytes.byteLength > IMPORT_MAX_BYTES) {
    throw new AppError("VALIDATION_FAILED", { fieldErrors: { file: "fileTooLarge" }, params: { maxMb: IMPORT_MAX_BYTES / 1024 / 1024 } });
  }
  const fileType = detectFileType(bytes);
  if (!fileType) throw new AppError("VALIDATION_FAILED", { fieldErrors: { file: "notSpreadsheet" } });
  const checksum = sha256Hex(bytes);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const { id } = await tx.dataImport.create({
      data: {
        tenantId: ctx.tenantId,
        kind: input.kind,
        fileName: input.fileName,
        fileType,
        byteSize: bytes.byteLength,
        checksum,
        content: Buffer.from(bytes),
        updateExisting: input.kind === "CLIENTS" && input.updateExisting,
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "import.upload",
      entityType: "DataImport",
      entityId: id,
      after: { kind: input.kind, fileName: input.fileName, fileType, byteSize: bytes.byteLength, checksum, updateExisting: input.updateExisting },
    });
    await enqueue(tx, { queue: QUEUES.importValidate, data: { tenantId: ctx.tenantId, importId: id } });
    return { id };
  });
}

const IMPORT_SELECT = {
  id: true,
  kind: true,
  fileName: true,
  fileType: true,
  byteSize: true,
  checksum: true,
  updateExisting: true,
  status: true,
  totalRows: true,
  processedRows: true,
  toCreate: true,
  toUpdate: true,
  toSkip: true,
  invalidRows: true,
  issueCount: true,
  failure: true,
  createdAt: true,
  validatedAt: true,
  committedAt: true,
} as const;

export type TImportView = {
  id: string;
  kind: TImportKind;
  fileName: string;
  fileType: string;
  byteSize: number;
  checksum: string;
  updateExisting: boolean;
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  toCreate: number;
  toUpdate: number;
  toSkip: number;
  invalidRows: number;
  issueCount: number;
  failure: string | null;
  createdAt: Date;
  validatedAt: Date | null;
  committedAt: Date | null;
};

async function loadImportView(tx: TTx, ctx: TContext, importId: string): Promise<TImportView> {
  const row = await tx.dataImport.findFirst({ where: { tenantId: ctx.tenantId, id: importId }, select: IMPORT_SELECT });
  if (!row) throw notFound("DataImport");
  return row;
}

const ZImportsPageInput = z.object({ page: ZPageInput.shape.page.catch(1) });

/** /imports: the centre's imports, newest first (two statements). */
export async function getImportsPage(ctx: TContext, rawInput: { page?: unknown } = {}): Promise<{ imports: TPage<TImportView> }> {
  await assertCan(ctx, "imports.run");
  const { page } = parseInput(ZImportsPageInput, rawInput);
  const pageInput = { page, pageSize: IMPORTS_PAGE_SIZE };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [items, total] = await Promise.all([
      tx.dataImport.findMany({ where: { tenantId: ctx.tenantId }, select: IMPORT_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...toSkipTake(pageInput) }),
      tx.dataImport.count({ where: { tenantId: ctx.tenantId } }),
    ]);
    return { imports: toPage(items, total, pageInput) };
  });
}

export type TImportIssueView = { id: string; rowNumber: number; column: string | null; message: string; params: Record<string, string | number> | null };

/** /imports/[id]: the import, and a page of its report's issues in row order (three statements). */
export async function getImportPage(ctx: TContext, importId: string, rawInput: { page?: unknown } = {}): Promise<{ dataImport: TImportView; issues: TPage<TImportIssueView> }> {
  await assertCan(ctx, "imports.run");
  assertId(importId, "DataImport");
  const { page } = parseInput(ZImportsPageInput, rawInput);
  const pageInput = { page, pageSize: ISSUES_PAGE_SIZE };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const dataImport = await loadImportView(tx, ctx, importId);
    const where = { tenantId: ctx.tenantId, importId };
    const [rows, total] = await Promise.all([
      tx.dataImportIssue.findMany({ where, select: { id: true, rowNumber: true, column: true, message: true, params: true }, orderBy: [{ rowNumber: "asc" }, { id: "asc" }], ...toSkipTake(pageInput) }),
      tx.dataImportIssue.count({ where }),
    ]);
    const issues = rows.map((row) => ({ ...row, params: (row.params ?? null) as Record<string, string | number> | null }));
    return { dataImport, issues: toPage(issues, total, pageInput) };
  });
}

export type TImportProgress = Pick<TImportView, "id" | "status" | "totalRows" | "processedRows" | "toCreate" | "toUpdate" | "toSkip" | "invalidRows" | "issueCount" | "failure">;

/** What the progress bar polls: the import's state and counts (one statement). */
export async function getImportProgress(ctx: TContext, importId: string): Promise<TImportProgress> {
  await assertCan(ctx, "imports.run");
  assertId(importId, "DataImport");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const row = await tx.dataImport.findFirst({
      where: { tenantId: ctx.tenantId, id: importId },
      select: { id: true, status: true, totalRows: true, processedRows: true, toCreate: true, toUpdate: true, toSkip: true, invalidRows: true, issueCount: true, failure: true },
    });
    if (!row) throw notFound("DataImport");
    return row;
  });
}

/**
 * Starts the import of a file whose dry run was clean (VALID): anything else is refused with
 * INVALID_STATE ("importNotValid"). The job imports exactly the stored bytes the dry run checked.
 * Audited as "import.start".
 */
export async function commitImport(ctx: TContext, importId: string): Promise<void> {
  await assertCan(ctx, "imports.run");
  assertId(importId, "DataImport");
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<{ status: ImportStatus; checksum: string; fileName: string }[]>`
      SELECT status::text AS status, checksum, file_name AS "fileName" FROM data_import
      WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${importId}::uuid FOR UPDATE`;
    if (!row) throw notFound("DataImport");
    if (row.status !== "VALID") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "importNotValid" } });
    await tx.dataImport.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: importId } },
      data: { status: "IMPORTING", processedRows: 0, committedById: ctx.userId },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), { action: "import.start", entityType: "DataImport", entityId: importId, after: { fileName: row.fileName, checksum: row.checksum } });
    await enqueue(tx, { queue: QUEUES.importCommit, data: { tenantId: ctx.tenantId, importId } });
  });
}

/**
 * The report as a file: the user's own rows with an error column (annotate.ts), `translate`
 * turning each issue's message key into the reader's language. NOT_FOUND once the file is no
 * longer kept (after a successful import there is nothing to fix).
 */
export async function getAnnotatedReport(
  ctx: TContext,
  importId: string,
  labels: { sheet: string; errorsHeader: string; okCell: string },
  translate: (message: string, params: Record<string, string | number>) => string,
): Promise<{ fileName: string; content: Buffer }> {
  await assertCan(ctx, "imports.run");
  assertId(importId, "DataImport");
  const { row, issues } = await tenantTransaction(ctx.tenantId, async (tx) => {
    const found = await tx.dataImport.findFirst({ where: { tenantId: ctx.tenantId, id: importId }, select: { fileName: true, fileType: true, content: true } });
    if (!found?.content) throw notFound("DataImport");
    const rows = await tx.dataImportIssue.findMany({
      where: { tenantId: ctx.tenantId, importId },
      select: { rowNumber: true, column: true, message: true, params: true },
      orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
    });
    return { row: { ...found, content: found.content }, issues: rows };
  });
  const content = await buildAnnotatedReport(
    row.content,
    row.fileType as TFileType,
    issues.map((issue) => ({ rowNumber: issue.rowNumber, column: issue.column, message: translate(issue.message, (issue.params ?? {}) as Record<string, string | number>) })),
    labels,
  );
  const base = row.fileName.replace(/\.(xlsx|csv)$/i, "");
  return { fileName: `${base}-raport.xlsx`, content };
}

/** A template to fill in, with the centre's own lists (support types, specialist areas, offices) in its drop-downs. */
export async function getImportTemplate(ctx: TContext, kind: TImportKind): Promise<{ fileName: string; content: Buffer }> {
  await assertCan(ctx, "imports.run");
  const parsedKind = parseInput(z.enum(IMPORT_KINDS), kind);
  const lists = await tenantTransaction(ctx.tenantId, async (tx) => {
    const [supportTypes, specialistAreas, offices] = await Promise.all([
      tx.supportTypeEntry.findMany({ where: { tenantId: ctx.tenantId, retiredAt: null }, select: { name: true }, orderBy: [{ position: "asc" }, { code: "asc" }] }),
      tx.specialistAreaEntry.findMany({ where: { tenantId: ctx.tenantId, retiredAt: null }, select: { name: true }, orderBy: [{ position: "asc" }, { code: "asc" }] }),
      tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: { name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    ]);
    return { supportTypes: supportTypes.map((e) => e.name), specialistAreas: specialistAreas.map((e) => e.name), offices: offices.map((o) => o.name) };
  });
  return { fileName: templateFileName(parsedKind), content: await buildTemplate(parsedKind, lists) };
}
