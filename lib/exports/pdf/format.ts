import "server-only";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";

/** A translator of the "events" messages (next-intl's getTranslations("events"), or createTranslator in tests). */
export type TEventsTranslator = (key: string, values?: Record<string, string | number>) => string;

const POLISH_DAY = new Intl.DateTimeFormat("pl-PL", CALENDAR_DATE);
const POLISH_NUMBER = new Intl.NumberFormat("pl-PL", { maximumFractionDigits: 2 });

/** A calendar day (YYYY-MM-DD) as Polish documents write it: "28.11.2026". */
export const polishDay = (day: string) => POLISH_DAY.format(dateOnly(day));

/** A number as Polish documents write it: "1,5". */
export const polishNumber = (value: number) => POLISH_NUMBER.format(value);

/** "09:00–13:00", one of the two when only one is known, or "" when the session has no times. */
export function timeRange(startTime: string | null, endTime: string | null): string {
  if (startTime && endTime) return `${startTime}–${endTime}`;
  return startTime ?? endTime ?? "";
}
