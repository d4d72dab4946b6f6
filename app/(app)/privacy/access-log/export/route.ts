import { getTranslations } from "next-intl/server";
import { requireSessionUser } from "@/lib/auth/session";
import { exportAccessLog, type TAccessLogExportLabels } from "@/lib/domain/privacy/access-log-export";
import { accessLogQueryOf } from "@/lib/domain/privacy/access-log-schemas";
import { isAppError } from "@/lib/errors";

/** GET ?format=xlsx|csv&client=…&user=…&person=…&view=…&from=…&to=… — the filtered access log as a download (audited). */
export async function GET(request: Request) {
  const ctx = await requireSessionUser();
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "csv" ? "csv" : "xlsx";
  const t = await getTranslations("privacy.accessLog");
  const tr = await getTranslations();
  const labels: TAccessLogExportLabels = {
    sheet: t("sheet"),
    columns: {
      at: t("columns.at"),
      user: t("columns.user"),
      role: t("columns.role"),
      person: t("columns.person"),
      view: t("columns.view"),
      detail: t("columns.detail"),
      ip: t("columns.ip"),
    },
    view: (view) => tr(`privacy.views.${view}`),
    role: (role) => tr(`roles.${role}`),
    unknownUser: t("unknownUser"),
  };
  const query = accessLogQueryOf(Object.fromEntries(["client", "user", "person", "view", "from", "to"].map((key) => [key, params.get(key) ?? undefined])));
  let file;
  try {
    file = await exportAccessLog(ctx, query, { format, labels });
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "Content-Type": file.contentType,
    },
  });
}
