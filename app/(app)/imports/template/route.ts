import { requireSessionUser } from "@/lib/auth/session";
import { getImportTemplate } from "@/lib/domain/imports/service";
import type { TImportKind } from "@/lib/domain/imports/columns";
import { isAppError } from "@/lib/errors";

/** GET ?kind=CLIENTS|SERVICES — the import template to fill in, with the centre's own lists in its drop-downs (XLSX). */
export async function GET(request: Request) {
  const ctx = await requireSessionUser();
  // The kind as asked for: the service parses it, and refuses anything else (422).
  const kind = new URL(request.url).searchParams.get("kind") as TImportKind;
  let file;
  try {
    file = await getImportTemplate(ctx, kind);
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  });
}
