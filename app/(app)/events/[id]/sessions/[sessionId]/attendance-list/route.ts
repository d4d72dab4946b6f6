import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { getAttendanceListData } from "@/lib/domain/events/documents";
import { isAppError } from "@/lib/errors";
import { attendanceListPdf } from "@/lib/exports/pdf/attendance-list";
import { fileName, pdfResponse } from "@/lib/exports/pdf/response";

type TParams = { params: Promise<{ id: string; sessionId: string }> };

/** GET — a session's attendance list to sign, as a PDF in Polish (a project document, whatever the reader's language). */
export async function GET(_request: Request, { params }: TParams) {
  const ctx = await requireSessionUser();
  const { id, sessionId } = await params;
  let data;
  try {
    data = await getAttendanceListData(ctx, sessionId);
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  // A session is read by its own id: under another event's address it is not there.
  if (data.event.id !== id) return new Response("NOT_FOUND", { status: 404 });
  const t = await getTranslations({ locale: "pl", namespace: "events" });
  const body = await attendanceListPdf(data, t);
  return pdfResponse(body, fileName([t("documents.attendanceList.title"), data.event.title, data.session.day], "pdf"));
}
