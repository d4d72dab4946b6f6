import "server-only";
import { z } from "zod";
import type { AccessView } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly } from "@/lib/validation";

export const ACCESS_VIEWS = exactly<AccessView>()([
  "CLIENT_RECORD",
  "CLIENT_SENSITIVE",
  "CLIENT_HISTORY",
  "CLIENT_SERVICES",
  "CLIENT_PARTICIPANT",
  "CLIENT_PRIVACY",
  "CLIENT_EDIT",
  "PATH",
  "PATH_CARD",
  "EXPORT",
  "SUBJECT_EXPORT",
]);

/** "" (a select left at "all", an emptied field) is no filter. */
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * The access log's filters, from the query string (/privacy/access-log and its export). A malformed
 * view, day or page is no filter and the first page, so a stale or hand-edited link still opens the
 * log; `clientId` and `userId` (?client= and ?user= in the URL) are the two entry points ("who
 * viewed this person", "what did this user view") and are checked against the tenant by the
 * service: one that is not the tenant's — or not even an id — answers NOT_FOUND, like a missing one.
 */
export const ZAccessLogQuery = ZPageInput.extend({
  page: ZPageInput.shape.page.catch(1),
  pageSize: ZPageInput.shape.pageSize.catch(50),
  clientId: z.preprocess(blankAsMissing, z.string().max(100).optional()),
  userId: z.preprocess(blankAsMissing, z.string().max(100).optional()),
  /** A person by a fragment of their name (anonymised ones by their placeholder) or their whole PESEL. */
  person: z.preprocess(blankAsMissing, z.string().trim().max(100).optional()).catch(undefined),
  view: z.preprocess(blankAsMissing, z.enum(ACCESS_VIEWS).optional()).catch(undefined),
  /** Entries from the start of this Polish day… */
  from: z.preprocess(blankAsMissing, z.iso.date().optional()).catch(undefined),
  /** …to the end of this one (both YYYY-MM-DD). */
  to: z.preprocess(blankAsMissing, z.iso.date().optional()).catch(undefined),
});
export type TAccessLogQuery = z.input<typeof ZAccessLogQuery>;

/** The filters in force, as the page's URL and its export's carry them (`client`, `user`: ids). */
export type TAccessLogFilters = {
  client?: string;
  user?: string;
  person?: string;
  view?: AccessView;
  from?: string;
  to?: string;
};

/** The log's URL (or its export's) for some filters and a page. */
export function accessLogHref(filters: TAccessLogFilters, options: { page?: number; export?: "csv" | "xlsx" } = {}): string {
  const query = new URLSearchParams();
  for (const key of ["client", "user", "person", "view", "from", "to"] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  if (options.page && options.page > 1) query.set("page", String(options.page));
  if (options.export) query.set("format", options.export);
  const base = options.export ? "/privacy/access-log/export" : "/privacy/access-log";
  const search = query.toString();
  return search ? `${base}?${search}` : base;
}

/** The service's query from the URL's parameters (the page and the export read the same ones). */
export function accessLogQueryOf(params: Partial<Record<keyof TAccessLogFilters | "page", string | undefined>>): TAccessLogQuery {
  const { client, user, ...rest } = params;
  return { ...rest, clientId: client, userId: user };
}
