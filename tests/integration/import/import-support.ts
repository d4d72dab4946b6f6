import type { TContext } from "@/lib/auth/context";
import type { TImportKind } from "@/lib/domain/imports/columns";
import { runImportCommit, runImportValidation } from "@/lib/domain/imports/run";
import { commitImport, getImportPage, startImport } from "@/lib/domain/imports/service";
import { ownerQuery } from "@/tests/factories";

/** Uploads a file and runs its dry run as the background job would; the import's state and every issue. */
export async function dryRun(ctx: TContext, kind: TImportKind, bytes: Uint8Array, options: { fileName?: string; updateExisting?: boolean } = {}) {
  const { id } = await startImport(ctx, { kind, fileName: options.fileName ?? (kind === "CLIENTS" ? "klienci.xlsx" : "uslugi.xlsx"), updateExisting: options.updateExisting ?? false }, bytes);
  await runImportValidation(ctx.tenantId, id);
  const { dataImport } = await getImportPage(ctx, id);
  return { id, dataImport, issues: await issuesOf(id) };
}

/** Starts the import of a clean dry run and runs it as the background job would. */
export async function commit(ctx: TContext, importId: string) {
  await commitImport(ctx, importId);
  await runImportCommit(ctx.tenantId, importId);
  const { dataImport } = await getImportPage(ctx, importId);
  return { dataImport, issues: await issuesOf(importId) };
}

/** Dry run, then import. */
export async function importFile(ctx: TContext, kind: TImportKind, bytes: Uint8Array, options: { fileName?: string; updateExisting?: boolean } = {}) {
  const checked = await dryRun(ctx, kind, bytes, options);
  if (checked.dataImport.status !== "VALID") throw new Error(`Dry run not clean: ${JSON.stringify(checked.issues.slice(0, 5))}`);
  return { id: checked.id, checked: checked.dataImport, ...(await commit(ctx, checked.id)) };
}

export async function issuesOf(importId: string) {
  return ownerQuery<{ rowNumber: number; column: string | null; message: string; params: Record<string, unknown> | null }>(
    `SELECT row_number AS "rowNumber", "column", message, params FROM data_import_issue WHERE import_id = $1 ORDER BY row_number, message`,
    [importId],
  );
}

export async function clientCount(tenantId: string): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM client WHERE tenant_id = $1`, [tenantId]);
  return row?.n ?? 0;
}
