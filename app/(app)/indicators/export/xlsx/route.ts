import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { exportInputOf } from "@/lib/domain/indicators/report/export-query";
import { indicatorReportWorkbook } from "@/lib/domain/indicators/report/export-xlsx";
import { getIndicatorReport } from "@/lib/domain/indicators/report/report";
import { isAppError } from "@/lib/errors";
import { fileName } from "@/lib/exports/pdf/response";

/** GET ?period=2026|2026-Q1|PROJECT&cut=… — the indicator report as XLSX, in Polish (for the funder). */
export async function GET(request: Request) {
  const ctx = await requireSessionUser();
  let report;
  try {
    report = await getIndicatorReport(ctx, exportInputOf(new URL(request.url)));
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  const body = await indicatorReportWorkbook(report, await getTranslations({ locale: "pl" }));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Disposition": `attachment; filename="${fileName(["wskazniki", report.period.key, report.centre], "xlsx")}"`,
      "Cache-Control": "no-store",
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  });
}
