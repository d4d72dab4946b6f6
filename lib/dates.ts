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
