import { z } from "zod";
import { ZPageInput } from "@/lib/pagination";

export const NOTIFICATION_FILTERS = ["all", "unread"] as const;
export type TNotificationFilter = (typeof NOTIFICATION_FILTERS)[number];

export const NOTIFICATIONS_PAGE_SIZE = 20;

/**
 * The /notifications page's query string. Lenient like the other lists: a malformed page is the
 * first page and an unknown filter is "all", so a stale or hand-edited link still opens the list.
 */
export const ZNotificationsPageInput = z.object({
  page: ZPageInput.shape.page.catch(1),
  filter: z.enum(NOTIFICATION_FILTERS).catch("all"),
});
/** As the query string gives it: anything, parsed leniently above. */
export type TNotificationsPageInput = { page?: unknown; filter?: unknown };
