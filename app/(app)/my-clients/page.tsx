import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { LoadBar } from "@/components/caseload/load-bar";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, INSTANT_DATE, isoDate } from "@/lib/dates";
import { getMyClientsPage } from "@/lib/domain/caseload/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caseload.myClients"))("title") };
}

export default async function MyClientsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { caseload, clients: result } = await loadForPage(() => getMyClientsPage(ctx, { page: Number(params.page) || 1 }));
  const t = await getTranslations("caseload.myClients");
  const tl = await getTranslations("caseload.load");
  const tcl = await getTranslations("clients");
  const tc = await getTranslations("common");
  const tp = await getTranslations("paths");
  const format = await getFormatter();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link href="/caseload/queue" className={buttonClass("secondary")}>
          {t("queueLink")}
        </Link>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4" data-testid="my-caseload">
        <p className="font-medium">{tl("mine", { load: caseload.load, limit: caseload.limit })}</p>
        <LoadBar load={caseload.load} limit={caseload.limit} />
      </div>
      {caseload.overLimit ? (
        <Alert tone="info" className="mt-3">
          {tl("overLimit", { over: caseload.load - caseload.limit })}
        </Alert>
      ) : caseload.full ? (
        <Alert tone="info" className="mt-3">
          {tl("full")}
        </Alert>
      ) : null}
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            tcl("columns.name"),
            tcl("columns.step"),
            tcl("columns.nextDue"),
            { label: tcl("columns.lastContact"), hideBelow: "sm" },
            { label: tcl("columns.kind"), hideBelow: "md" },
            { label: tcl("columns.town"), hideBelow: "lg" },
            { label: tcl("columns.office"), hideBelow: "lg" },
          ]}
        >
          {result.items.map((client) => (
            <tr key={client.id} className="border-b border-slate-200">
              <th scope="row" className="wrap-anywhere p-2 font-medium">
                <Link href={`/clients/${client.id}`} className="text-blue-800 underline">
                  {client.name}
                </Link>
              </th>
              <td className="p-2">{client.step ? tp(`steps.${client.step}`) : tc("none")}</td>
              <td className="p-2">
                {client.nextDue ? (
                  <>
                    {/* A monitoring note falls due at an instant (a Polish day); a plan action on a calendar day. */}
                    <time dateTime={client.nextDue.date.toISOString()} className="whitespace-nowrap">
                      {format.dateTime(client.nextDue.date, client.nextDue.kind === "MONITORING" ? INSTANT_DATE : CALENDAR_DATE)}
                    </time>{" "}
                    <Link href={`/paths/${client.nextDue.pathId}`} className="text-blue-800 underline">
                      {client.nextDue.kind === "MONITORING" ? t("dueMonitoring") : t("duePlanAction", { action: client.nextDue.actionDescription ?? "" })}
                    </Link>
                    {client.nextDue.overdue ? <span className="ml-1 font-semibold text-red-800">{t("overdue")}</span> : null}
                  </>
                ) : (
                  tc("none")
                )}
              </td>
              <td className={cn("p-2 whitespace-nowrap", cellClass("sm"))}>
                {client.lastContact ? <time dateTime={isoDate(client.lastContact)}>{format.dateTime(client.lastContact, CALENDAR_DATE)}</time> : tc("none")}
              </td>
              <td className={cn("p-2", cellClass("md"))}>{tcl(`kinds.${client.kind}`)}</td>
              <td className={cn("p-2", cellClass("lg"))}>{client.town ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("lg"))}>{client.office?.name ?? tc("none")}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={result} hrefFor={(page) => `/my-clients?page=${page}`} />
    </>
  );
}
