import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { indicatorReportPdf } from "@/lib/domain/indicators/report/export-pdf";
import { exportInputOf } from "@/lib/domain/indicators/report/export-query";
import { getIndicatorReport } from "@/lib/domain/indicators/report/report";
import { isAppError } from "@/lib/errors";
import { fileName, pdfResponse } from "@/lib/exports/pdf/response";

/** GET ?period=2026|2026-Q1|PROJECT&cut=… — the indicator report as a Polish PDF for the funder. */
export async function GET(request: Request) {
  const ctx = await requireSessionUser();
  let report;
  try {
    report = await getIndicatorReport(ctx, exportInputOf(new URL(request.url)));
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  const body = await indicatorReportPdf(report, await getTranslations({ locale: "pl" }));
  return pdfResponse(body, fileName(["wskazniki", report.period.key, report.centre], "pdf"));
}
