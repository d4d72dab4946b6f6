/** Where the OWES works: calendar dates (of consent, of a consultation) are Polish dates. */
export const TIME_ZONE = "Europe/Warsaw";

/** Today's calendar date in Poland as YYYY-MM-DD. */
export function todayInPoland(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);
}

/** A YYYY-MM-DD calendar date as the UTC midnight Prisma stores in a DATE column. */
export function dateOnly(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** The YYYY-MM-DD of a DATE column value. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
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
