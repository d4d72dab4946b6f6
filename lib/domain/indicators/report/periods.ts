import "server-only";
import { addDays, dateOnly, isoDate, todayInPoland } from "@/lib/dates";

/**
 * The periods an indicator report covers, as the URL names them: a calendar year "2026", a quarter
 * "2026-Q1".."2026-Q4", or "PROJECT" (the tenant's project period). Days are Polish calendar days,
 * both ends inclusive. Pure, so the boundaries are tested without a database.
 */

export type TPeriodKind = "YEAR" | "QUARTER" | "PROJECT";

export type TPeriodKey = { kind: "YEAR"; year: number } | { kind: "QUARTER"; year: number; quarter: 1 | 2 | 3 | 4 } | { kind: "PROJECT" };

export type TIndicatorPeriod = {
  /** As in the URL: "2026", "2026-Q2", "PROJECT". */
  key: string;
  kind: TPeriodKind;
  year: number | null;
  quarter: number | null;
  /** First and last day (YYYY-MM-DD), inclusive. */
  from: string;
  to: string;
  /**
   * The IndicatorTarget.period whose value this period is measured against: the year for a year
   * and for a quarter (a quarter has no target of its own: it is shown against its year's), "PROJECT"
   * for the project.
   */
  targetPeriod: string;
  /** A quarter is measured against the whole year's target (the screen says so). */
  targetIsYearly: boolean;
};

const YEAR_RE = /^(\d{4})$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** The period a URL names, or null when it names none. */
export function parsePeriodKey(raw: unknown): TPeriodKey | null {
  if (typeof raw !== "string") return null;
  const value = raw.trim().toUpperCase();
  if (value === "PROJECT") return { kind: "PROJECT" };
  const year = YEAR_RE.exec(value);
  if (year) return inRange(Number(year[1])) ? { kind: "YEAR", year: Number(year[1]) } : null;
  const quarter = QUARTER_RE.exec(value);
  if (quarter) {
    const y = Number(quarter[1]);
    return inRange(y)
      ? {
          kind: "QUARTER",
          year: y,
          quarter: Number(quarter[2]) as 1 | 2 | 3 | 4,
        }
      : null;
  }
  return null;
}

const inRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** The period's URL form. */
export function periodKeyString(key: TPeriodKey): string {
  if (key.kind === "PROJECT") return "PROJECT";
  return key.kind === "YEAR" ? String(key.year) : `${key.year}-Q${key.quarter}`;
}

/** The tenant's project period (Tenant.projectStartsOn..projectEndsOn), either end possibly unset. */
export type TProjectDates = { startsOn: Date | null; endsOn: Date | null };

/**
 * The days of a period. "PROJECT" needs both project dates: without them (or with the end before
 * the start) there is no project period and the answer is null — the screen says it is not set.
 */
export function resolvePeriod(key: TPeriodKey, project: TProjectDates): TIndicatorPeriod | null {
  const keyString = periodKeyString(key);
  if (key.kind === "PROJECT") {
    if (!project.startsOn || !project.endsOn || project.endsOn < project.startsOn) return null;
    return {
      key: keyString,
      kind: "PROJECT",
      year: null,
      quarter: null,
      from: isoDate(project.startsOn),
      to: isoDate(project.endsOn),
      targetPeriod: "PROJECT",
      targetIsYearly: false,
    };
  }
  if (key.kind === "YEAR") {
    return {
      key: keyString,
      kind: "YEAR",
      year: key.year,
      quarter: null,
      from: `${key.year}-01-01`,
      to: `${key.year}-12-31`,
      targetPeriod: String(key.year),
      targetIsYearly: false,
    };
  }
  const firstMonth = (key.quarter - 1) * 3 + 1;
  const from = `${key.year}-${String(firstMonth).padStart(2, "0")}-01`;
  const nextFrom = key.quarter === 4 ? `${key.year + 1}-01-01` : `${key.year}-${String(firstMonth + 3).padStart(2, "0")}-01`;
  return {
    key: keyString,
    kind: "QUARTER",
    year: key.year,
    quarter: key.quarter,
    from,
    to: addDays(nextFrom, -1),
    targetPeriod: String(key.year),
    targetIsYearly: true,
  };
}

/** The current year in Poland: the report's period when the URL names none. */
export function currentYearKey(today = todayInPoland()): TPeriodKey {
  return { kind: "YEAR", year: Number(today.slice(0, 4)) };
}

/** The months (YYYY-MM) a period spans, in order: the chart's x axis. */
export function monthsOf(period: Pick<TIndicatorPeriod, "from" | "to">): string[] {
  const months: string[] = [];
  const d = dateOnly(`${period.from.slice(0, 7)}-01`);
  const last = period.to.slice(0, 7);
  while (isoDate(d).slice(0, 7) <= last) {
    months.push(isoDate(d).slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return months;
}

/** The choices of the period picker: the years around `today` (and their quarters), and the project. */
export function periodChoices(today = todayInPoland(), yearsBack = 3, yearsAhead = 1): string[] {
  const year = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let y = year + yearsAhead; y >= year - yearsBack; y--) years.push(y);
  return ["PROJECT", ...years.flatMap((y) => [String(y), `${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`])];
}
