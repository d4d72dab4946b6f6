import "server-only";
import { addDays, dateOnly, isoDate } from "@/lib/dates";

/**
 * The rules of job durability (issue 16 §3), pure: when a check falls due, from when it may be
 * recorded, and what a recorded outcome closes.
 */

/** A check may be recorded from this many days before it is due (the visit is planned ahead). */
export const CHECK_EARLY_DAYS = 30;

/**
 * `isoDay` plus `months` calendar months (YYYY-MM-DD). A day the target month lacks falls to its
 * last day: 31 Jan + 1 month = 28 Feb (29 Feb in a leap year), 31 Mar + 6 months = 30 Sep.
 */
export function addCalendarMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoDate(new Date(Date.UTC(year, month, Math.min(d, lastDay))));
}

/** The checks a job starting on `startsOn` gets: one per month count of the tenant's settings. */
export function plannedChecks(startsOn: string, checkMonths: readonly number[]): { months: number; dueOn: Date }[] {
  return [...new Set(checkMonths)]
    .filter((months) => Number.isInteger(months) && months > 0)
    .sort((a, b) => a - b)
    .map((months) => ({
      months,
      dueOn: dateOnly(addCalendarMonths(startsOn, months)),
    }));
}

/** The first day a check due on `dueOn` (YYYY-MM-DD) may be recorded. */
export function checkOpensOn(dueOn: string): string {
  return addDays(dueOn, -CHECK_EARLY_DAYS);
}

export type TCheckState = "DONE_MAINTAINED" | "DONE_ENDED" | "OVERDUE" | "DUE" | "UPCOMING";

/**
 * Where a check stands on `today`: recorded (maintained / ended), overdue (its due date passed),
 * due (within the window it may be recorded in), or upcoming.
 */
export function checkState(check: { dueOn: string; outcome: "MAINTAINED" | "ENDED" | null }, today: string): TCheckState {
  if (check.outcome === "MAINTAINED") return "DONE_MAINTAINED";
  if (check.outcome === "ENDED") return "DONE_ENDED";
  if (check.dueOn < today) return "OVERDUE";
  if (checkOpensOn(check.dueOn) <= today) return "DUE";
  return "UPCOMING";
}

/**
 * Why a check cannot be recorded as given, as a field → message key, or null when it can: not
 * before its window opens, not dated in the future, and an end date not before the job started.
 */
export function checkRecordingRefusal(
  check: { dueOn: string },
  job: { startsOn: string },
  input: {
    outcome: "MAINTAINED" | "ENDED";
    checkedOn: string;
    endedOn: string | null;
  },
  today: string,
): Record<string, string> | null {
  if (today < checkOpensOn(check.dueOn)) return { _form: "durabilityCheckNotOpen" };
  if (input.checkedOn > today) return { checkedOn: "dateInFuture" };
  if (input.outcome === "ENDED") {
    if (!input.endedOn) return { endedOn: "required" };
    if (input.endedOn > today) return { endedOn: "dateInFuture" };
    if (input.endedOn < job.startsOn) return { endedOn: "durabilityEndedBeforeStart" };
  }
  return null;
}
