import { requireSessionUser } from "@/lib/auth/session";
import { getImportProgress } from "@/lib/domain/imports/service";
import { isAppError } from "@/lib/errors";

const NO_STORE = { "Cache-Control": "no-store" };

/** GET — an import's state and counts as JSON, for its page's progress bar (components/imports/import-progress.tsx). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  try {
    return Response.json(await getImportProgress(ctx, id), { headers: NO_STORE });
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status, headers: NO_STORE });
    throw error;
  }
}
