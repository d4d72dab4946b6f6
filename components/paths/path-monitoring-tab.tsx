import { getFormatter, getTranslations } from "next-intl/server";
import { inPolishTime } from "@/lib/dates";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import { MonitoringForm } from "./monitoring-form";

/** Monitoring notes, newest first, and a new note from implementation on. */
type TProps = { pathId: string; entries: Extract<TPathPageTab, { name: "monitoring" }>["entries"]; canAddMonitoring: boolean };

export async function PathMonitoringTab({ pathId, entries, canAddMonitoring }: TProps) {
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
