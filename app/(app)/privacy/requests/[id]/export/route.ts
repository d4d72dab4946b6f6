import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { buildSubjectExport } from "@/lib/domain/privacy/subject-export";
import { isAppError } from "@/lib/errors";

/** GET — an access request's answer (art. 15): the person's data as a ZIP of dane.pdf and dane.json, in Polish. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  let result;
  try {
    result = await buildSubjectExport(ctx, id, await getTranslations({ locale: "pl" }));
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  return new Response(new Uint8Array(result.body), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
