import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { AssignClientButton, AssignDialogProvider } from "@/components/caseload/assign-dialog";
import { TakeClientButton } from "@/components/caseload/take-client-button";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { inPolishTime } from "@/lib/dates";
import { getQueuePage } from "@/lib/domain/caseload/service";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caseload.queue"))("title") };
}

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { queue, advisors, canAssign: mayAssign, canTake: mayTake } = await loadForPage(() => getQueuePage(ctx, { page: Number(params.page) || 1 }));
  const t = await getTranslations("caseload.queue");
  const tc = await getTranslations("common");
  const tk = await getTranslations("clients.kinds");
  const format = await getFormatter();
  const now = await getNow();
  const hasActions = mayAssign || mayTake;

  const table = (
    <DataTable caption={t("title")} columns={[{ label: t("columns.position"), hideBelow: "sm" }, t("columns.client"), { label: t("columns.kind"), hideBelow: "lg" }, { label: t("columns.town"), hideBelow: "md" }, { label: t("columns.office"), hideBelow: "lg" }, { label: t("columns.waitingSince"), hideBelow: "sm" }, ...(hasActions ? [t("columns.actions")] : [])]}>
          {queue.items.map((client, index) => (
            <tr key={client.id} data-testid="queue-row" className="border-b border-slate-200 align-top">
              <td className={cn("p-2 tabular-nums", cellClass("sm"))}>{(queue.page - 1) * queue.pageSize + index + 1}</td>
              <th scope="row" className="wrap-anywhere p-2 font-medium">
                {client.canOpen ? (
                  <Link href={`/clients/${client.id}`} className="text-blue-800 underline">
                    {client.name}
                  </Link>
                ) : (
                  client.name
                )}
              </th>
              <td className={cn("p-2", cellClass("lg"))}>{tk.has(client.kind) ? tk(client.kind) : client.kind}</td>
              <td className={cn("p-2", cellClass("md"))}>{client.town ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("lg"))}>{client.officeName ?? tc("none")}</td>
              <td className={cn("p-2 whitespace-nowrap", cellClass("sm"))}>
                {client.waitingSince ? (
                  <>
                    <time dateTime={client.waitingSince.toISOString()}>
                      {format.dateTime(client.waitingSince, inPolishTime({ dateStyle: "medium" }))}
                    </time>
                    <span className="block text-slate-700">{format.relativeTime(client.waitingSince, { now, unit: "day" })}</span>
                  </>
                ) : (
                  tc("none")
                )}
              </td>
              {hasActions ? (
                <td className="p-2">
                  <div className="flex flex-wrap gap-2">
                    {mayAssign ? <AssignClientButton client={{ id: client.id, name: client.name, currentAdvisorId: null }} label={t("assign")} /> : null}
                    {mayTake ? <TakeClientButton clientId={client.id} clientName={client.name} label={t("take")} /> : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
    </DataTable>
  );

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("lead")}</p>
      {queue.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : mayAssign ? (
        <div className="mt-6">
          <AssignDialogProvider advisors={advisors ?? []}>{table}</AssignDialogProvider>
        </div>
      ) : (
        table
      )}
      <Pagination result={queue} hrefFor={(page) => `/caseload/queue?page=${page}`} />
    </>
  );
}
