import "server-only";
import { addDays } from "@/lib/dates";
import { addCalendarMonths } from "@/lib/domain/durability/policy";

/**
 * The deadlines of a data subject's request (GDPR art. 12(3)), pure. Days are Polish calendar days
 * (YYYY-MM-DD).
 */

/** A request is answered within one month of receipt. */
export const ANSWER_MONTHS = 1;
/** …which may be extended by at most two further months. */
export const EXTENSION_MONTHS = 2;
/** An open request due within this many days is highlighted (and counted on the IOD's dashboard). */
export const DUE_SOON_DAYS = 7;

/** The first deadline: one calendar month after receipt (31 Jan → 28 Feb, or 29 Feb in a leap year). */
export function dueOnFor(receivedOn: string): string {
  return addCalendarMonths(receivedOn, ANSWER_MONTHS);
}

/** The latest day an extension may set: two months past the first deadline. */
export function latestExtensionFor(dueOn: string): string {
  return addCalendarMonths(dueOn, EXTENSION_MONTHS);
}

/** The deadline in force: the extended one when the request was extended. */
export function effectiveDeadline(request: { dueOn: string; extendedTo: string | null }): string {
  return request.extendedTo ?? request.dueOn;
}

export type TRequestUrgency = "overdue" | "dueSoon" | null;

/** How pressing an open request is today: past its deadline, due within DUE_SOON_DAYS, or neither (closed ones never are). */
export function requestUrgency(request: { status: string; deadline: string }, today: string): TRequestUrgency {
  if (request.status !== "OPEN") return null;
  if (request.deadline < today) return "overdue";
  if (request.deadline <= addDays(today, DUE_SOON_DAYS)) return "dueSoon";
  return null;
}

/**
 * Why an extension is refused (a key of privacy.requests.validation), or null when it is allowed:
 * only once, only while the request is open, decided before the first deadline has passed (the
 * person must be told of it within the first month), to a later day no more than two months on.
 */
export function extensionRefusal(
  request: { status: string; dueOn: string; extendedTo: string | null },
  extendedTo: string,
  today: string,
): { field: "_form" | "extendedTo"; key: string } | null {
  if (request.status !== "OPEN") return { field: "_form", key: "requestClosed" };
  if (request.extendedTo !== null) return { field: "_form", key: "alreadyExtended" };
  if (today > request.dueOn) return { field: "_form", key: "extensionTooLate" };
  if (extendedTo <= request.dueOn) return { field: "extendedTo", key: "extensionNotLater" };
  if (extendedTo > latestExtensionFor(request.dueOn)) return { field: "extendedTo", key: "extensionTooLong" };
  return null;
}
