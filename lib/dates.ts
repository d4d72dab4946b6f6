/** Where the OWES works: calendar dates (of consent, of a consultation) are Polish dates. */
export const TIME_ZONE = "Europe/Warsaw";

/** Built once: constructing an Intl.DateTimeFormat costs more than formatting with it (issue 12). */
const POLISH_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE });

/** Today's calendar date in Poland as YYYY-MM-DD. */
export function todayInPoland(now: Date = new Date()): string {
  return POLISH_DAY.format(now);
}

/** A YYYY-MM-DD calendar date as the UTC midnight Prisma stores in a DATE column. */
export function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** The YYYY-MM-DD of a DATE column value (stored as UTC midnight, so its UTC day is the date). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The YYYY-MM-DD of an optional DATE column value, or `empty` when there is none (a form's blank field). */
export function isoDateOr(date: Date | null | undefined, empty = ""): string {
  return date ? isoDate(date) : empty;
}

/**
 * Options for next-intl's `format.dateTime` (or `Intl.DateTimeFormat`) that show an instant — a
 * timestamp column such as `createdAt` — in Polish time, whatever the server's time zone.
 */
export function inPolishTime<T extends Omit<Intl.DateTimeFormatOptions, "timeZone">>(options: T): T & { timeZone: string } {
  return { ...options, timeZone: TIME_ZONE };
}

/**
 * Options that show a calendar date — a DATE column, stored as UTC midnight — as that same date
 * (read in UTC, so no time zone can move it to the day before).
 */
export function asCalendarDate<T extends Omit<Intl.DateTimeFormatOptions, "timeZone">>(options: T): T & { timeZone: string } {
  return { ...options, timeZone: "UTC" };
}

/**
 * The house formats of dates on screen, for next-intl's `format.dateTime` (server: getFormatter,
 * client: useFormatter), so each locale writes a date its own way: in pl "30.11.2026" (numeric) or
 * "30 lis 2026" (medium), in en "11/30/2026" or "Nov 30, 2026". A DATE column (a calendar day) takes
 * the CALENDAR_* ones; a timestamp (an instant) the INSTANT_* ones, read in Polish time.
 */
export const CALENDAR_DATE = asCalendarDate({ day: "2-digit", month: "2-digit", year: "numeric" } as const);
export const CALENDAR_DATE_MEDIUM = asCalendarDate({ dateStyle: "medium" } as const);
export const INSTANT_DATE = inPolishTime({ day: "2-digit", month: "2-digit", year: "numeric" } as const);
export const INSTANT_DATE_TIME = inPolishTime({ day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" } as const);

export function addDays(isoDay: string, days: number): string {
  const d = dateOnly(isoDay);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

/** Monday of the ISO week holding `isoDay`. */
export function startOfWeek(isoDay: string): string {
  const weekday = (dateOnly(isoDay).getUTCDay() + 6) % 7;
  return addDays(isoDay, -weekday);
}

/** First day of a YYYY-MM month and the first day of the next one (half-open range). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

const POLISH_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" });

/**
 * The instant a Polish calendar day (YYYY-MM-DD) begins: its midnight in Europe/Warsaw. Poland is
 * 1 or 2 hours ahead of UTC, and its clock changes at 01:00 UTC, so the hour it shows at the day's
 * UTC midnight is the offset in force since its own midnight.
 */
export function startOfPolishDay(isoDay: string): Date {
  const utcMidnight = dateOnly(isoDay);
  return new Date(utcMidnight.getTime() - Number(POLISH_HOUR.format(utcMidnight)) * 3_600_000);
}
