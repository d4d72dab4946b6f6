import { getFormatter, getTranslations } from "next-intl/server";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { inPolishTime } from "@/lib/dates";
import { listPathMonitoring } from "@/lib/domain/paths/service";
import { MonitoringForm } from "./monitoring-form";

/** Monitoring notes, newest first, and a new note from implementation on. */
export async function PathMonitoringTab({ pathId, canAddMonitoring }: { pathId: string; canAddMonitoring: boolean }) {
  const ctx = await requireSessionUser();
  const entries = await loadForPage(() => listPathMonitoring(ctx, pathId));
  const t = await getTranslations("paths");
  const format = await getFormatter();
  return (
    <div className="flex flex-col gap-6">
      {canAddMonitoring ? <MonitoringForm pathId={pathId} /> : <p>{t("monitoringFromImplementation")}</p>}
      <ul className="flex flex-col gap-3">
        {entries.map((m) => (
          <li key={m.id} className="rounded-md border border-slate-300 bg-white p-3">
            <p className="text-sm text-slate-700">
              {format.dateTime(m.createdAt, inPolishTime({ dateStyle: "medium", timeStyle: "short" }))} · {m.authorName ?? "—"}
            </p>
            <p className="mt-1 whitespace-pre-line">{m.progress}</p>
            {m.risks ? <p className="mt-1 text-sm">{t("fields.risks")}: {m.risks}</p> : null}
            {m.nextSteps ? <p className="mt-1 text-sm">{t("fields.nextSteps")}: {m.nextSteps}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
