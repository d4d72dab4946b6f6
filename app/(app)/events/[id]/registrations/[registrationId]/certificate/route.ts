import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { getCertificateData } from "@/lib/domain/events/documents";
import { isAppError } from "@/lib/errors";
import { certificatePdf } from "@/lib/exports/pdf/certificate";
import { fileName, pdfResponse } from "@/lib/exports/pdf/response";

type TParams = { params: Promise<{ id: string; registrationId: string }> };

/** GET — a participant's certificate of participation, as a PDF in Polish. */
export async function GET(_request: Request, { params }: TParams) {
  const ctx = await requireSessionUser();
  const { id, registrationId } = await params;
  const t = await getTranslations({ locale: "pl", namespace: "events" });
  let data;
  try {
    data = await getCertificateData(ctx, registrationId);
  } catch (error) {
    // Not registered, or present at no session: say so, in words.
    if (isAppError(error) && error.code === "INVALID_STATE") {
      return new Response(t("documents.certificate.notEligible"), { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  if (data.event.id !== id) return new Response("NOT_FOUND", { status: 404 });
  const body = await certificatePdf(data, t);
  return pdfResponse(body, fileName([t("documents.certificate.title"), data.person, data.event.title], "pdf"));
}
