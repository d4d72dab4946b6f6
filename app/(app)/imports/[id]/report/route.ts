import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { getAnnotatedReport } from "@/lib/domain/imports/service";
import { isAppError } from "@/lib/errors";

/**
 * The report's file is named after the user's own file, which may hold any character: an ASCII
 * fallback for old clients, and the name itself in RFC 5987 form (`filename*`) for the others.
 */
function attachment(fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\w.-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * GET — the dry run's report as the user's own file with an error column, in the reader's language
 * (XLSX). 404 once the file is no longer kept (after a successful import there is nothing to fix).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const t = await getTranslations("imports.page.report");
  // Issue messages are full paths ("validation.invalidPesel", "imports.issues.duplicateInFile").
  const tr = await getTranslations();
  const translate = (message: string, values: Record<string, string | number>) => (tr.has(message) ? tr(message, values) : message);
  let file;
  try {
    file = await getAnnotatedReport(ctx, id, { sheet: t("sheet"), errorsHeader: t("errorsHeader"), okCell: "" }, translate);
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Disposition": attachment(file.fileName),
      "Cache-Control": "no-store",
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  });
}
