import "server-only";
import { addDays, monthRange, startOfWeek, todayInPoland } from "@/lib/dates";

/**
 * The dashboard's periods and the folding of the register's day totals into them: pure, so the
 * weeks (Monday to Sunday, Polish calendar days) and months are tested without a database.
 */

/** How many weeks the hours chart shows, the current one last. */
export const CHART_WEEKS = 12;

/** A period of Polish calendar days, both ends inclusive (YYYY-MM-DD). */
export type TPeriod = { from: string; to: string };

export type TDashboardPeriods = {
  today: string;
  thisWeek: TPeriod;
  thisMonth: TPeriod;
  lastMonth: TPeriod;
  /** The Mondays of the chart's weeks, oldest first. */
  weeks: string[];
  /** Every day any figure needs: the chart's weeks and both months (one register query). */
  window: TPeriod;
};

const wholeMonth = (month: string): TPeriod => {
  const { from, to } = monthRange(month);
  return { from, to: addDays(to, -1) };
};

export function dashboardPeriods(today = todayInPoland()): TDashboardPeriods {
  const monday = startOfWeek(today);
  const thisMonth = wholeMonth(today.slice(0, 7));
  const lastMonth = wholeMonth(addDays(thisMonth.from, -1).slice(0, 7));
  const weeks = Array.from({ length: CHART_WEEKS }, (_, i) => addDays(monday, (i - CHART_WEEKS + 1) * 7));
  const thisWeek = { from: monday, to: addDays(monday, 6) };
  const first = [weeks[0] ?? monday, lastMonth.from].sort()[0] ?? monday;
  const last = [thisWeek.to, thisMonth.to].sort().at(-1) ?? thisMonth.to;
  return { today, thisWeek, thisMonth, lastMonth, weeks, window: { from: first, to: last } };
}

/** A day's register total for one support type (lib/domain/services/register.ts). */
export type TDayTotal = { date: string; type: string; count: number; minutes: number };

export type TTotals = { count: number; minutes: number };

const inPeriod = (date: string, period: TPeriod) => date >= period.from && date <= period.to;

/** Records and minutes in `period`. */
export function totalsIn(days: readonly TDayTotal[], period: TPeriod): TTotals {
  return days.reduce((sum, d) => (inPeriod(d.date, period) ? { count: sum.count + d.count, minutes: sum.minutes + d.minutes } : sum), { count: 0, minutes: 0 });
}

/** Records and minutes in `period` per support type, the types with any in the order of `types`. */
export function totalsByType(days: readonly TDayTotal[], period: TPeriod, types: readonly string[]): ({ type: string } & TTotals)[] {
  return types.flatMap((type) => {
    const totals = totalsIn(
      days.filter((d) => d.type === type),
      period,
    );
    return totals.count > 0 ? [{ type, ...totals }] : [];
  });
}

/** The minutes of each week (a Monday of `weeks`) per support type: every week, types with any minutes. */
export function minutesByWeek(days: readonly TDayTotal[], weeks: readonly string[], types: readonly string[]): { weekStart: string; byType: { type: string; minutes: number }[] }[] {
  return weeks.map((weekStart) => {
    const period = { from: weekStart, to: addDays(weekStart, 6) };
    return { weekStart, byType: totalsByType(days, period, types).map(({ type, minutes }) => ({ type, minutes })) };
  });
}

/** The support types of `days` once each, in the tenant's catalogue order (position, then code), with their names. */
export function supportTypesOf(days: readonly (TDayTotal & { name: string; nameEn: string | null; position: number })[]): { code: string; name: string; nameEn: string | null }[] {
  const types = new Map<string, { code: string; name: string; nameEn: string | null; position: number }>();
  for (const d of days) if (!types.has(d.type)) types.set(d.type, { code: d.type, name: d.name, nameEn: d.nameEn, position: d.position });
  return [...types.values()].sort((a, b) => a.position - b.position || a.code.localeCompare(b.code)).map(({ code, name, nameEn }) => ({ code, name, nameEn }));
}
