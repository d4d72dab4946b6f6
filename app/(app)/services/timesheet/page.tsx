import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { formatMinutes, toHours } from "@/components/services/format";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { entryName } from "@/lib/domain/catalogue/names";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { asCalendarDate, CALENDAR_DATE, dateOnly, isoDate, todayInPoland } from "@/lib/dates";
import { getTimesheetPage } from "@/lib/domain/services/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("services"))("timesheetTitle") };
}

type TProps = { searchParams: Promise<{ month?: string; userId?: string }> };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "2 h 30 min (2,5 h)": the hours as a number in the reader's locale. */
const hoursText = (minutes: number, format: { number: (value: number) => string }) => `${formatMinutes(minutes)} (${format.number(toHours(minutes))} h)`;

/** Monthly hours per user — by client and by support type — on screen and as XLSX or CSV. */
export default async function TimesheetPage({ searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const month = params.month && MONTH.test(params.month) ? params.month : todayInPoland().slice(0, 7);
  // One transaction for the team list and the shown user's month; with no userId a manager, a
  // coordinator or an auditor gets the team view (no sheet), anyone else their own month. A userId
  // not on the list opens the caller's own month (an auditor, who delivers nothing: the first
  // person of the list).
  const userId = params.userId && UUID.test(params.userId) ? params.userId : undefined;
  const { users, sheet } = await loadForPage(() => getTimesheetPage(ctx, { month, userId }));
  const t = await getTranslations("services");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const format = await getFormatter();
  const monthLabel = format.dateTime(dateOnly(`${month}-01`), asCalendarDate({ month: "long", year: "numeric" }));
  const seesTeam = !sheet || users.length > 1;

  const filters = (
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label={t("timesheetFilters")}>
        <div className="flex flex-col gap-1">
          <label htmlFor="timesheet-month" className="text-sm font-medium">
            {t("month")}
          </label>
          <input id="timesheet-month" name="month" type="month" defaultValue={month} className={inputClass()} />
        </div>
        {seesTeam ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="timesheet-user" className="text-sm font-medium">
              {t("export.user")}
            </label>
            <select id="timesheet-user" name="userId" defaultValue={sheet?.user.id ?? ""} className={inputClass()}>
              <option value="">{t("teamOption")}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className={buttonClass("secondary")}>
          {t("show")}
        </button>
      </form>
  );
  const teamSection = seesTeam ? (
    <TotalsSection
      id="team"
      title={t("teamTitle", { month: monthLabel })}
      columns={[t("export.user"), t("export.count"), t("columns.duration")]}
      rows={users.map((u) => ({
        key: u.id,
        label: (
          <Link href={`/services/timesheet?${new URLSearchParams({ month, userId: u.id })}`} className="text-blue-800 underline">
            {u.name}
          </Link>
        ),
        ...u,
      }))}
      showEmpty
    />
  ) : null;

  if (!sheet) {
    // The team view; the caller's own month (when they deliver services) is one click away.
    const own = users.find((u) => u.id === ctx.userId);
    return (
      <>
        <h1 className="text-2xl font-bold">{t("timesheetTitle")}</h1>
        {filters}
        {own ? (
          <p className="mt-4">
            <Link href={`/services/timesheet?${new URLSearchParams({ month, userId: own.id })}`} className="text-blue-800 underline">
              {t("ownTimesheet")}
            </Link>
          </p>
        ) : null}
        {teamSection}
      </>
    );
  }
  const query = new URLSearchParams({ month, userId: sheet.user.id });

  return (
    <>
      <h1 className="text-2xl font-bold">{t("timesheetTitle")}</h1>
      {filters}

      <section aria-labelledby="timesheet-heading" className="mt-6 rounded-md border border-slate-300 bg-white p-4">
        <h2 id="timesheet-heading" className="wrap-anywhere text-lg font-semibold">
          {t("timesheetOf", { user: sheet.user.name, month: monthLabel })}
        </h2>
        <p className="mt-2" data-testid="timesheet-total" data-minutes={sheet.minutes}>
          {t("timesheetTotal", { count: sheet.count, duration: hoursText(sheet.minutes, format) })}
        </p>
        <p className="mt-3 flex flex-wrap gap-3">
          <a href={`/services/timesheet/export?${query}&format=xlsx`} className={buttonClass("primary")} download>
            {t("downloadXlsx")}
          </a>
          <a href={`/services/timesheet/export?${query}&format=csv`} className={buttonClass("secondary")} download>
            {t("downloadCsv")}
          </a>
        </p>
        <p className="mt-3 text-sm text-slate-700">{t("groupNote")}</p>
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <TotalsSection
          id="by-client"
          title={t("export.byClient")}
          columns={[t("export.client"), t("export.count"), t("columns.duration")]}
          rows={sheet.byClient.map((row) => ({
            key: row.clientId,
            label: (
              <Link href={`/clients/${row.clientId}/services?from=${month}-01`} className="text-blue-800 underline">
                {row.name}
              </Link>
            ),
            ...row,
          }))}
        />
        <TotalsSection
          id="by-type"
          title={t("export.byType")}
          columns={[t("fields.supportType"), t("export.count"), t("columns.duration")]}
          rows={sheet.byType.map((row) => ({ key: row.supportType, label: entryName(row.supportTypeNames, locale), ...row }))}
        />
      </div>

      <TotalsSection
        id="by-day"
        title={t("export.byDay")}
        columns={[t("columns.date"), t("export.count"), t("columns.duration")]}
        rows={sheet.byDay.map((row) => ({
          key: row.date,
          label: format.dateTime(dateOnly(row.date), asCalendarDate({ weekday: "short", day: "numeric", month: "numeric" })),
          ...row,
        }))}
      />

      <section aria-labelledby="records-heading" className="mt-6">
        <h2 id="records-heading" className="text-lg font-semibold">
          {t("export.services")}
        </h2>
        {sheet.records.length === 0 ? (
          <p className="mt-2">{t("emptyMonth")}</p>
        ) : (
          <DataTable caption={t("export.services")} columns={[t("columns.date"), { label: t("columns.time"), hideBelow: "sm" }, t("columns.duration"), { label: t("columns.type"), hideBelow: "md" }, { label: t("columns.clients"), hideBelow: "lg" }, t("fields.topic")]}>
            {sheet.records.map((r) => (
              <tr key={r.id} className="border-b border-slate-200 align-top">
                <td className="p-2 whitespace-nowrap">
                  <time dateTime={isoDate(r.date)}>{format.dateTime(r.date, CALENDAR_DATE)}</time>
                </td>
                <td className={cn("p-2", cellClass("sm"))}>{r.startTime ?? tc("none")}</td>
                <td className="p-2 whitespace-nowrap">{formatMinutes(r.durationMinutes)}</td>
                <td className={cn("p-2", cellClass("md"))}>{entryName(r.supportTypeNames, locale)}</td>
                <td className={cn("wrap-anywhere p-2", cellClass("lg"))}>{r.clients.join(", ")}</td>
                <td className="wrap-anywhere p-2">{r.topic ?? tc("none")}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {teamSection}
    </>
  );
}

type TTotalsRow = { key: string; label: React.ReactNode; count: number; minutes: number };

/** A titled table of totals: what (a client, a type, a day, a person), how many services, how long. */
async function TotalsSection({ id, title, columns, rows, showEmpty = false }: { id: string; title: string; columns: string[]; rows: TTotalsRow[]; showEmpty?: boolean }) {
  const t = await getTranslations("services");
  const format = await getFormatter();
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-6 min-w-0">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {rows.length === 0 && !showEmpty ? (
        <p className="mt-2">{t("emptyMonth")}</p>
      ) : (
        <DataTable caption={title} columns={columns}>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-200">
              <th scope="row" className="wrap-anywhere p-2 font-medium">
                {row.label}
              </th>
              <td className="p-2">{row.count}</td>
              <td className="p-2">{hoursText(row.minutes, format)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
