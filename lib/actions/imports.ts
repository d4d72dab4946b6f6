"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { IMPORT_KINDS, type TImportKind } from "@/lib/domain/imports/columns";
import { commitImport, startImport } from "@/lib/domain/imports/service";
import type { TErrorCode } from "@/lib/errors";

// Thin adapters of the spreadsheet import (issue 18): authenticate, call one service, map the result.
// Both are plain form posts, so they work without JavaScript too.

/**
 * What the upload form shows after a refused upload: the choices it sent (a file input cannot be
 * refilled, everything else is), and field errors as translation keys (messages.validation.*) by
 * the form's field names, with their params (e.g. maxMb).
 */
export type TStartImportState = {
  kind: TImportKind;
  updateExisting: boolean;
  code: TErrorCode | "UNEXPECTED" | null;
  fieldErrors: Record<string, string>;
  params: Record<string, string | number>;
};

const ZKind = z.enum(IMPORT_KINDS).catch("CLIENTS");

/** Uploads a file for its dry run and opens its page, where the progress and then the report show. */
export async function startImportAction(_previous: TStartImportState, formData: FormData): Promise<TStartImportState> {
  const ctx = await requireSessionUser();
  const rawKind = formData.get("kind");
  const file = formData.get("file");
  const updateExisting = formData.get("updateExisting") === "on";
  // A form sent without a file holds an empty File named "" (or nothing): the service says "chooseFile".
  const upload = file instanceof File ? file : null;
  const bytes = upload ? new Uint8Array(await upload.arrayBuffer()) : new Uint8Array();
  // The kind as sent: the service parses it again, and an unknown one comes back as the field's error.
  const kind = rawKind as TImportKind;
  const result = await toActionResult(() => startImport(ctx, { kind, fileName: upload?.name ?? "", updateExisting }, bytes));
  if (result.ok) {
    revalidatePath("/imports");
    redirect(`/imports/${result.data.id}`);
  }
  // The schema names the file by its name ("fileName"); the form has one file field.
  const { fileName, ...fieldErrors } = result.fieldErrors;
  if (fileName && !fieldErrors.file) fieldErrors.file = fileName;
  return { kind: ZKind.parse(rawKind), updateExisting, code: result.code, fieldErrors, params: result.params };
}

/**
 * "Importuj" on a clean dry run's page: starts the import and comes back to the page, which then
 * follows its progress. A refusal comes back as `?refused=<code>` for the page to explain
 * (INVALID_STATE: the file is not, or no longer, ready); a foreign or missing id shows as the
 * page's own 404.
 */
export async function commitImportAction(formData: FormData): Promise<void> {
  const ctx = await requireSessionUser();
  const importId = z.string().catch("").parse(formData.get("importId"));
  const result = await toActionResult(() => commitImport(ctx, importId));
  revalidatePath("/imports");
  const page = `/imports/${encodeURIComponent(importId)}`;
  redirect(result.ok ? page : `${page}?${new URLSearchParams({ refused: result.code })}`);
}
