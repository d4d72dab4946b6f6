import { z } from "zod";
import { todayInPoland } from "@/lib/dates";
import type { SubjectRequestKind, SubjectRequestStatus } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly } from "@/lib/validation";

// Messages are translation keys: `validation.*`, or this area's own `privacy.requests.validation.*`.

export const SUBJECT_REQUEST_KINDS = exactly<SubjectRequestKind>()(["ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION"]);
export const SUBJECT_REQUEST_STATUSES = exactly<SubjectRequestStatus>()(["OPEN", "COMPLETED", "REFUSED"]);

/** The register's deadline filter: open requests past their deadline, or due within DUE_SOON_DAYS. */
export const REQUEST_DUE_FILTERS = ["overdue", "soon"] as const;
export type TRequestDueFilter = (typeof REQUEST_DUE_FILTERS)[number];

const optionalFilter = <const T extends readonly string[]>(values: T) =>
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((v): T[number] | undefined => ((values as readonly string[]).includes(v ?? "") ? (v as T[number]) : undefined));

/**
 * A request as the IOD registers it: what is asked (the article), who asked as they signed it, the
 * person of the centre it concerns when identified (a client of the tenant; none when the asker is
 * not found in the records), and the day it was received — never a future day, since the one-month
 * deadline runs from it.
 */
export const ZCreateSubjectRequestInput = z.object({
  kind: z.union([z.literal(""), z.enum(SUBJECT_REQUEST_KINDS)], { error: "chooseKind" }).pipe(z.enum(SUBJECT_REQUEST_KINDS, "chooseKind")),
  requesterName: z.string("required").trim().min(1, "required").max(200, "tooLong"),
  clientId: z
    .union([z.literal(""), z.null(), z.uuid("invalid")])
    .optional()
    .transform((v) => (v ? v : null)),
  receivedOn: z.iso.date("invalidDate").refine((v) => v <= todayInPoland(), "dateInFuture"),
});
export type TCreateSubjectRequestInput = z.input<typeof ZCreateSubjectRequestInput>;

/** An extension (art. 12(3)): the new deadline, at most two months past the first, and why. */
export const ZExtendSubjectRequestInput = z.object({
  extendedTo: z.iso.date("invalidDate"),
  reason: z.string("required").trim().min(1, "required").max(2000, "tooLong"),
});
export type TExtendSubjectRequestInput = z.input<typeof ZExtendSubjectRequestInput>;

/** Closing a request: what was done (completed), or the legal reason for refusing it. */
export const ZCloseSubjectRequestInput = z.object({
  outcome: z.string("required").trim().min(1, "required").max(4000, "tooLong"),
});
export type TCloseSubjectRequestInput = z.input<typeof ZCloseSubjectRequestInput>;

/** The register's query string: an unknown value of a filter is dropped, not an error. */
export const ZFindSubjectRequestsInput = ZPageInput.extend({
  status: optionalFilter(SUBJECT_REQUEST_STATUSES),
  kind: optionalFilter(SUBJECT_REQUEST_KINDS),
  due: optionalFilter(REQUEST_DUE_FILTERS),
});
export type TFindSubjectRequestsInput = z.input<typeof ZFindSubjectRequestsInput>;

/** The person lookup's query: a fragment of the name, or a whole PESEL or NIP. */
export const ZFindPersonsInput = z.string("required").trim().min(2, "searchTooShort").max(100, "tooLong");

/** The register's address with its filters (the filter form, pagination and the IOD's dashboard link here). */
export function subjectRequestsHref(filters: { status?: SubjectRequestStatus; kind?: SubjectRequestKind; due?: TRequestDueFilter }, page = 1): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.due) params.set("due", filters.due);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/privacy/requests?${query}` : "/privacy/requests";
}
