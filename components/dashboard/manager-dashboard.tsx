import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { asCalendarDate, dateOnly, INSTANT_DATE } from "@/lib/dates";
import { namer } from "@/lib/domain/catalogue/names";
import type { TDashboardSupportType, TManagerDashboard, TPeriodServices } from "@/lib/domain/dashboard/service";
import { FunnelChart, hoursOf, HoursChart, LoadChart } from "./charts";
import { OverdueChecksTile, OverdueTile, PlansWaitingTile } from "./attention-tiles";
import { DashboardSection, StatTile, StatTiles } from "./stat-tile";

/** The manager's morning view: clients by step, advisors' loads, queue and decisions, overdue paths, services. */
export async function ManagerDashboard({ data }: { data: TManagerDashboard }) {
  const t = await getTranslations("dashboard");
  const ts = await getTranslations("paths.steps");
  const format = await getFormatter();
  return (
    <>
      <DashboardSection id="clients" title={t("sections.clients")}>
        <StatTiles>
          {data.funnel.map((s) => (
            <StatTile key={s.step} href={s.href ?? "/clients"} value={s.count} label={t("tiles.stepClients", { count: s.count, step: ts(s.step) })} testId={`step-${s.step}`} />
          ))}
        </StatTiles>
        <div className="mt-4">
          <FunnelChart title={t("charts.funnel")} steps={data.funnel} />
        </div>
      </DashboardSection>

      <DashboardSection id="decisions" title={t("sections.decisions")}>
        <StatTiles>
          <StatTile
            href={data.queue.href}
            value={data.queue.count}
            label={t("tiles.queue", { count: data.queue.count })}
            detail={data.queue.oldest ? t("tiles.queueOldest", { date: format.dateTime(data.queue.oldest, INSTANT_DATE) }) : null}
            testId="queue"
          />
          <PlansWaitingTile plans={data.plans} />
          <OverdueTile overdue={data.overdue} />
          <OverdueChecksTile checks={data.overdueChecks} />
        </StatTiles>
      </DashboardSection>

      <DashboardSection id="advisors" title={t("sections.advisors")}>
        <StatTiles>
          <StatTile href={data.advisors.full.href} value={data.advisors.full.count} label={t("tiles.advisorsFull", { count: data.advisors.full.count })} testId="advisors-full" />
          <StatTile
            href={data.advisors.over.href}
            value={data.advisors.over.count}
            label={t("tiles.advisorsOver", { count: data.advisors.over.count })}
            tone={data.advisors.over.count ? "alert" : "plain"}
            testId="advisors-over"
          />
        </StatTiles>
        <div className="mt-4">
          <LoadChart title={t("charts.loads")} buckets={data.advisors.buckets} />
        </div>
      </DashboardSection>

      <DashboardSection id="services" title={t("sections.services")}>
        <MonthsTable thisMonth={data.thisMonth} lastMonth={data.lastMonth} supportTypes={data.supportTypes} />
        <div className="mt-4">
          <HoursChart title={t("charts.hoursCentre")} weeks={data.hours} supportTypes={data.supportTypes} />
        </div>
      </DashboardSection>
    </>
  );
}

/** Services and hours of this month beside last month's, per support type, each cell a link to the register. */
export async function MonthsTable({
  thisMonth,
  lastMonth,
  supportTypes,
}: {
  thisMonth: TPeriodServices;
  lastMonth?: TPeriodServices;
  /** The names of the types the figures show (the tenant's catalogue). */
  supportTypes: TDashboardSupportType[];
}) {
  const t = await getTranslations("dashboard.months");
  const typeName = namer(supportTypes, await getLocale());
  const format = await getFormatter();
  const monthName = (p: TPeriodServices) => format.dateTime(dateOnly(p.period.from), asCalendarDate({ month: "long", year: "numeric" }));
  const months = lastMonth ? [thisMonth, lastMonth] : [thisMonth];
  const types = [...new Set(months.flatMap((m) => m.byType.map((b) => b.type)))];
  const cell = (m: TPeriodServices, type: string) => {
    const entry = m.byType.find((b) => b.type === type);
    return entry ? (
      <TextLink href={entry.href}>{t("cell", { count: entry.count, hours: format.number(hoursOf(entry.minutes)) })}</TextLink>
    ) : (
      "—"
    );
  };
  return (
    <DataTable
      caption={t("caption")}
      className="mt-3"
      columns={[t("type"), t("thisMonth", { month: monthName(thisMonth) }), ...(lastMonth ? [t("lastMonth", { month: monthName(lastMonth) })] : [])]}
    >
      {types.map((type) => (
        <tr key={type} className="border-b border-slate-200">
          <th scope="row" className="p-2 font-medium">
            {typeName(type)}
          </th>
          {months.map((m) => (
            <td key={m.period.from} className="p-2">
              {cell(m, type)}
            </td>
          ))}
        </tr>
      ))}
      <tr className="border-b border-slate-200 font-semibold">
        <th scope="row" className="p-2">
          {t("total")}
        </th>
        {months.map((m) => (
          <td key={m.period.from} className="p-2">
            <TextLink href={m.href} data-testid={`month-total-${m.period.from}`}>
              {t("cell", { count: m.count, hours: format.number(hoursOf(m.minutes)) })}
            </TextLink>
          </td>
        ))}
      </tr>
    </DataTable>
  );
}
