import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, INSTANT_DATE } from "@/lib/dates";
import type { TClientDetails, TClientSummary } from "@/lib/domain/clients/service";

type TProps = {
  client: Pick<TClientDetails, "kind" | "status" | "keyAdvisor">;
  summary: TClientSummary;
  /** The caller may read the client's paths / services (otherwise those facts are not shown at all). */
  canReadPaths: boolean;
  canReadServices: boolean;
};

/**
 * Where the client stands, above every tab: kind, status, key advisor, the open path's step (a
 * link to it), the last contact and what falls due next — flagged in words, not colour alone,
 * when it is overdue.
 */
export async function ClientSummary({ client, summary, canReadPaths, canReadServices }: TProps) {
  const t = await getTranslations("clients");
  const ts = await getTranslations("clients.summary");
  const tp = await getTranslations("paths");
  const format = await getFormatter();
  const { openPath, lastContact } = summary;
  const due = openPath?.nextDue ?? null;

  const items: { key: string; label: string; value: React.ReactNode }[] = [
    { key: "kind", label: ts("kind"), value: t(`kinds.${client.kind}`) },
    { key: "status", label: ts("status"), value: <strong className="font-semibold">{t(`statuses.${client.status}`)}</strong> },
    { key: "advisor", label: ts("keyAdvisor"), value: client.keyAdvisor?.name ?? ts("noKeyAdvisor") },
  ];
  if (canReadPaths) {
    items.push({
      key: "step",
      label: ts("step"),
      value: openPath ? (
        <Link href={`/paths/${openPath.id}`} className="text-blue-800 underline">
          {tp(`steps.${openPath.step}`)}
        </Link>
      ) : (
        ts("noOpenPath")
      ),
    });
  }
  if (canReadServices) {
    items.push({ key: "last-contact", label: ts("lastContact"), value: lastContact ? format.dateTime(lastContact, CALENDAR_DATE) : ts("noContact") });
  }
  if (canReadPaths) {
    items.push({
      key: "next-due",
      label: ts("nextDue"),
      value: due ? (
        <>
          <span className={due.overdue ? "font-semibold text-red-800" : undefined}>
            {/* A monitoring note falls due at an instant; a plan action on a calendar day. */}
            {format.dateTime(due.date, due.kind === "MONITORING" ? INSTANT_DATE : CALENDAR_DATE)}
            {due.overdue ? ` — ${ts("overdue")}` : ""}
          </span>
          <span className="block text-sm text-slate-700">
            {due.kind === "MONITORING" ? ts("dueMonitoring") : ts("dueAction", { action: due.actionDescription ?? "" })}
          </span>
        </>
      ) : (
        ts("noNextDue")
      ),
    });
  }

  return (
    <section aria-labelledby="summary-heading" className="mt-4 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="summary-heading" className="sr-only">
        {ts("title")}
      </h2>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => (
          <div key={item.key} className="min-w-0" data-testid={`summary-${item.key}`}>
            <dt className="text-sm font-medium text-slate-700">{item.label}</dt>
            <dd className="break-words">{item.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
