import "server-only";
import type { TNotificationKind } from "@/lib/domain/notifications/kinds";
import { notificationMail } from "./notification";
import type { TNotificationMailRenderer } from "./types";
import { weeklyDigestMail } from "./weekly-digest";

export { dailyDigestMail } from "./daily-digest";
export type { TMailNotification, TNotificationMailRenderer } from "./types";

/**
 * Which template e-mails each kind of notification. Every kind has one (the record is total):
 * most use the generic one (subject, paragraph, button); a kind with a richer e-mail has its own.
 */
export const NOTIFICATION_MAIL_TEMPLATES: Record<TNotificationKind, TNotificationMailRenderer> = {
  plan_submitted: notificationMail,
  plan_returned: notificationMail,
  plan_approved: notificationMail,
  client_assigned: notificationMail,
  client_handed_over: notificationMail,
  path_overdue: notificationMail,
  path_overdue_escalated: notificationMail,
  plan_not_resubmitted: notificationMail,
  durability_check_overdue: notificationMail,
  registration_confirmed: notificationMail,
  registration_promoted: notificationMail,
  retention_review_due: notificationMail,
  weekly_digest: weeklyDigestMail,
};
