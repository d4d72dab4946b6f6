import { getLocale, getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { entryName } from "@/lib/domain/catalogue/names";
import { getTimesheet } from "@/lib/domain/services/service";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { timesheetCsv, timesheetWorkbook, type TTimesheetLabels } from "@/lib/exports/timesheet";

/** GET ?month=YYYY-MM&userId=…&format=xlsx|csv — one user's monthly hours as a download. */
export async function GET(request: Request) {
  const ctx = await requireSessionUser();
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "csv" ? "csv" : "xlsx";
  let sheet;
  try {
    sheet = await getTimesheet(ctx, { month: params.get("month") ?? "", userId: params.get("userId") ?? "" });
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  const t = await getTranslations("services");
  const tp = await getTranslations("paths");
  const locale = await getLocale();
  const labels: TTimesheetLabels = {
    sheets: { summary: t("export.summary"), byDay: t("export.byDay"), byClient: t("export.byClient"), byType: t("export.byType"), services: t("export.services") },
    columns: {
      user: t("export.user"),
      month: t("export.month"),
      count: t("export.count"),
      minutes: t("export.minutes"),
      hours: t("export.hours"),
      client: t("export.client"),
      supportType: t("fields.supportType"),
      date: t("fields.date"),
      time: t("fields.startTime"),
      form: t("fields.form"),
      channel: t("fields.channel"),
      clients: t("fields.clients"),
      topic: t("fields.topic"),
    },
    total: t("export.total"),
    supportType: (names) => entryName(names, locale),
    form: (form) => tp(`workForms.${form}`),
    channel: (channel) => t(`channels.${channel}`),
  };
  const name = `godziny-${sheet.month}-${foldForSearch(sheet.user.name).replace(/[^a-z0-9]+/g, "-")}.${format}`;
  const headers = {
    "Content-Disposition": `attachment; filename="${name}"`,
    "Cache-Control": "no-store",
  };
  if (format === "csv") {
    return new Response(timesheetCsv(sheet, labels), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  }
  const body = await timesheetWorkbook(sheet, labels);
  return new Response(new Uint8Array(body), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
