import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { getEventExportData } from "@/lib/domain/events/documents";
import { isAppError } from "@/lib/errors";
import { eventWorkbook } from "@/lib/exports/event-xlsx";
import { fileName } from "@/lib/exports/pdf/response";

type TParams = { params: Promise<{ id: string }> };

/** GET — the event's participants (attendance, support, travel) and its sessions, as XLSX in the reader's language. */
export async function GET(_request: Request, { params }: TParams) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  let data;
  try {
    data = await getEventExportData(ctx, id);
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  const t = await getTranslations("events");
  const body = await eventWorkbook(data, t);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Disposition": `attachment; filename="${fileName([data.event.title, t("documents.xlsx.participants")], "xlsx")}"`,
      "Cache-Control": "no-store",
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  });
}
