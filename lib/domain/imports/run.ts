import "server-only";
import { z } from "zod";
import type { TContext } from "@/lib/auth/context";
import { can, isRole } from "@/lib/auth/permissions";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { createServiceRecords } from "@/lib/domain/services/record-writer";
import { planClientRows, type TClientPlan, type TRowsResult } from "./client-rows";
import { ImportFileError, sha256Hex, type TFileType } from "./files";
import { ISSUES_KEPT, type TIssue } from "./issues";
import { readRecords } from "./records";
import { planServiceRows, type TServicePlan } from "./service-rows";
import { writeClientPlans } from "./write-clients";

/**
 * The background half of an import: the dry run (`import.validate`) and the import itself
 * (`import.commit`), each a job with the import's id. Both read the file the manager uploaded —
 * the import exactly the bytes its dry run checked (the checksum) — and run the same planning;
 * the import plans again inside its one transaction, under the advisors' locks, and refuses to
 * write anything if the centre changed since the dry run (the report then shows why).
 */

/** Long enough for 100,000 service rows on a busy machine; the job's own expiry is an hour. */
const IMPORT_TX_TIMEOUT_MS = 30 * 60_000;

const ZImportJob = z.object({ tenantId: z.uuid(), importId: z.uuid() });

/** A refusal the import records by its key (imports.failures.*): nothing to log, nothing to retry. */
class ImportRefused extends Error {
  constructor(readonly failure: string) {
    super(failure);
  }
}

/** Thrown inside the import's transaction when planning again finds issues: the transaction rolls back, the issues are kept. */
class ChangedSinceDryRun extends Error {
  constructor(readonly result: { issues: TIssue[]; rowsWithIssues: number }) {
    super("The centre changed since the dry run");
  }
}

type TLoadedImport = { id: string; kind: "CLIENTS" | "SERVICES"; fileName: string; fileType: TFileType; checksum: string; content: Uint8Array; updateExisting: boolean; status: string };

/** The user the job acts for (who uploaded, or who started the import), as a context — or null when they may no longer import. */
async function actingContext(tx: TTx, tenantId: string, userId: string, importId: string): Promise<TContext | null> {
  const user = await tx.user.findFirst({ where: { tenantId, id: userId }, select: { id: true, role: true, active: true, partnerId: true, officeId: true } });
  if (!user || !user.active || !isRole(user.role) || !can(user.role, "imports.run")) return null;
  return { userId: user.id, tenantId, role: user.role, partnerId: user.partnerId, officeId: user.officeId, requestId: `import:${importId}` };
}

/**
 * Shows how far the running phase is. Written in a short transaction of its own, so a reload of
 * the page sees it while the import's transaction is still open — which needs a second database
 * connection: with a one-connection pool (the embedded demo database) the bar moves by phase only.
 */
function progressReporter(tenantId: string, importId: string) {
  let last = 0;
  return async (rows: number) => {
    // Let the event loop breathe between batches: with the worker in the app's process (development,
    // the demo) a long plan would otherwise hold every request for seconds.
    await new Promise((resolve) => setImmediate(resolve));
    if (env.DATABASE_POOL_SIZE < 2 || rows === last) return;
    last = rows;
    await tenantTransaction(tenantId, (tx) => tx.dataImport.updateMany({ where: { tenantId, id: importId }, data: { processedRows: rows } }));
  };
}

function plan(tx: TTx, ctx: TContext, loaded: TLoadedImport, options: { lockAdvisors: boolean; onProgress: (rows: number) => Promise<void> }) {
  const headerIssues: TIssue[] = [];
  const records = readRecords(loaded.content, loaded.fileType, loaded.kind, (issues) => headerIssues.push(...issues));
  const planned: Promise<TRowsResult<TClientPlan | TServicePlan>> =
    loaded.kind === "CLIENTS"
      ? planClientRows(tx, ctx, records, { updateExisting: loaded.updateExisting, lockAdvisors: options.lockAdvisors, onProgress: options.onProgress })
      : planServiceRows(tx, ctx, records, { onProgress: options.onProgress });
  return planned.then((result) => ({
    ...result,
    issues: [...headerIssues, ...result.issues],
    rowsWithIssues: result.rowsWithIssues + (headerIssues.length > 0 ? 1 : 0),
  }));
}

function counts(plans: readonly (TClientPlan | TServicePlan)[]) {
  return {
    toCreate: plans.filter((p) => p.action === "create").length,
    toUpdate: plans.filter((p) => p.action === "update").length,
    toSkip: plans.filter((p) => p.action === "skip").length,
  };
}

/** Replaces the import's issues with `issues` (the first ISSUES_KEPT, in row order). */
async function storeIssues(tx: TTx, tenantId: string, importId: string, issues: TIssue[]): Promise<void> {
  await tx.dataImportIssue.deleteMany({ where: { tenantId, importId } });
  const kept = [...issues].sort((a, b) => a.rowNumber - b.rowNumber).slice(0, ISSUES_KEPT);
  for (let start = 0; start < kept.length; start += 1000) {
    await tx.dataImportIssue.createMany({
      data: kept.slice(start, start + 1000).map((issue) => ({
        tenantId,
        importId,
        rowNumber: issue.rowNumber,
        column: issue.column,
        message: issue.message,
        ...(issue.params ? { params: issue.params as Prisma.InputJsonValue } : {}),
      })),
    });
  }
}

async function loadImport(tenantId: string, importId: string, status: string): Promise<{ loaded: TLoadedImport; userId: string } | null> {
  return tenantTransaction(tenantId, async (tx) => {
    const row = await tx.dataImport.findFirst({
      where: { tenantId, id: importId, status: status as "VALIDATING" | "IMPORTING" },
      select: { id: true, kind: true, fileName: true, fileType: true, checksum: true, content: true, updateExisting: true, status: true, createdById: true, committedById: true },
    });
    if (!row || !row.content) return null;
    return {
      loaded: { ...row, fileType: row.fileType as TFileType, content: row.content },
      userId: status === "IMPORTING" && row.committedById ? row.committedById : row.createdById,
    };
  });
}

/** The dry run: every row checked, the report stored, the import marked VALID (clean) or INVALID. */
export async function runImportValidation(tenantId: string, importId: string): Promise<void> {
  const found = await loadImport(tenantId, importId, "VALIDATING");
  if (!found) return;
  const { loaded, userId } = found;
  const onProgress = progressReporter(tenantId, importId);
  try {
    await validate(tenantId, importId, loaded, userId, onProgress);
  } catch (error) {
    // A file the spreadsheet reader cannot read (damaged, password-protected, a row of thousands of
    // columns) ends its dry run here; anything else (the database gone) is logged as a failure of ours.
    const failure =
      error instanceof ImportRefused
        ? error.failure
        : error instanceof ImportFileError
          ? error.reason === "TOO_MANY_COLUMNS"
            ? "tooManyColumns"
            : "unreadable"
          : "unexpected";
    if (failure === "unexpected") logger.error("import dry run failed", { importId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    await tenantTransaction(tenantId, (tx) =>
      tx.dataImport.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { status: "FAILED", failure }, select: { id: true } }),
    );
  }
}

async function validate(tenantId: string, importId: string, loaded: TLoadedImport, userId: string, onProgress: (rows: number) => Promise<void>) {
  await tenantTransaction(
    tenantId,
    async (tx) => {
      const ctx = await actingContext(tx, tenantId, userId, importId);
      if (!ctx) throw new ImportRefused("notAllowed");
      const result = await plan(tx, ctx, loaded, { lockAdvisors: false, onProgress });
      await storeIssues(tx, tenantId, importId, result.issues);
      await tx.dataImport.update({
        where: { tenantId_id: { tenantId, id: importId } },
        data: {
          status: result.issues.length === 0 && result.totalRows > 0 ? "VALID" : "INVALID",
          failure: result.totalRows === 0 && result.issues.length === 0 ? "noRows" : null,
          totalRows: result.totalRows,
          processedRows: result.totalRows,
          invalidRows: result.rowsWithIssues,
          issueCount: result.issues.length,
          ...counts(result.plans),
          validatedAt: new Date(),
        },
        select: { id: true },
      });
    },
    { timeout: IMPORT_TX_TIMEOUT_MS },
  );
}

/**
 * The import: in one transaction, plan again (under the advisors' locks) and write every row —
 * or, if anything is wrong now, nothing. Audited as one "import.commit" entry with the file's name,
 * checksum, the user and the counts; each record it writes is audited too, naming the import.
 */
export async function runImportCommit(tenantId: string, importId: string): Promise<void> {
  const found = await loadImport(tenantId, importId, "IMPORTING");
  if (!found) return;
  const { loaded, userId } = found;
  const onProgress = progressReporter(tenantId, importId);
  try {
    if (sha256Hex(loaded.content) !== loaded.checksum) throw new Error("The stored file does not match its checksum");
    await tenantTransaction(
      tenantId,
      async (tx) => {
        const ctx = await actingContext(tx, tenantId, userId, importId);
        if (!ctx) throw new ImportRefused("notAllowed");
        // Planning again moves no bar (the import's own writes do), but lets the event loop breathe.
        const result = await plan(tx, ctx, loaded, { lockAdvisors: true, onProgress: () => new Promise((resolve) => setImmediate(resolve)) });
        if (result.issues.length > 0) throw new ChangedSinceDryRun(result);
        await onProgress(0);
        if (loaded.kind === "CLIENTS") {
          await writeClientPlans(tx, ctx, result.plans as TClientPlan[], importId, onProgress);
        } else {
          const creates = (result.plans as TServicePlan[]).flatMap((p) => (p.action === "create" ? [p] : []));
          for (let start = 0; start < creates.length; start += 1000) {
            await createServiceRecords(tx, ctx, creates.slice(start, start + 1000), { importId });
            await onProgress(Math.min(start + 1000, creates.length) + (result.plans.length - creates.length));
          }
        }
        const done = counts(result.plans);
        await recordAudit(tx, auditActor(ctx), {
          action: "import.commit",
          entityType: "DataImport",
          entityId: importId,
          after: { kind: loaded.kind, fileName: loaded.fileName, checksum: loaded.checksum, rows: result.totalRows, created: done.toCreate, updated: done.toUpdate, skipped: done.toSkip },
        });
        await tx.dataImport.update({
          where: { tenantId_id: { tenantId, id: importId } },
          // The rows now live in their tables: the file, which holds personal data, is not kept twice.
          data: { status: "IMPORTED", content: null, processedRows: result.totalRows, ...done, committedAt: new Date(), failure: null },
          select: { id: true },
        });
      },
      { timeout: IMPORT_TX_TIMEOUT_MS },
    );
  } catch (error) {
    const failure = error instanceof ChangedSinceDryRun ? "changedSinceDryRun" : error instanceof ImportRefused ? error.failure : isAppError(error) ? `code.${error.code}` : "unexpected";
    if (failure === "unexpected") logger.error("import failed", { importId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    await tenantTransaction(tenantId, async (tx) => {
      if (error instanceof ChangedSinceDryRun) await storeIssues(tx, tenantId, importId, error.result.issues);
      await tx.dataImport.update({
        where: { tenantId_id: { tenantId, id: importId } },
        data: {
          status: error instanceof ChangedSinceDryRun ? "INVALID" : "FAILED",
          failure,
          ...(error instanceof ChangedSinceDryRun ? { issueCount: error.result.issues.length, invalidRows: error.result.rowsWithIssues } : {}),
        },
        select: { id: true },
      });
    });
    if (failure === "unexpected") throw error;
  }
}

export async function handleImportValidateJob(data: Record<string, unknown>): Promise<void> {
  const { tenantId, importId } = ZImportJob.parse(data);
  await runImportValidation(tenantId, importId);
}

export async function handleImportCommitJob(data: Record<string, unknown>): Promise<void> {
  const { tenantId, importId } = ZImportJob.parse(data);
  await runImportCommit(tenantId, importId);
}
