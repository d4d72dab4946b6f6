/**
 * What the app notifies about, as data. Each kind has its texts under `notifications.kinds.<code>`
 * (title and body, pl and en) and its e-mail template by the same code; a user may turn its e-mail
 * off (in-app is always on).
 */
export const NOTIFICATION_KINDS = [
  /** A key advisor submitted a plan: the coordinators who approve it. */
  "plan_submitted",
  /** A coordinator returned a plan for changes: its advisor. */
  "plan_returned",
  /** A coordinator approved a plan: its advisor. */
  "plan_approved",
  /** A client was assigned to a key advisor: that advisor. */
  "client_assigned",
  /** A client was handed over: the new key advisor (and the one who had them). */
  "client_handed_over",
  /** Nightly: a path with no monitoring entry for the tenant's overdue days: its advisor. */
  "path_overdue",
  /** Nightly: the same after twice those days: the advisor's coordinator. */
  "path_overdue_escalated",
  /** Nightly: a plan returned 7 days ago and not resubmitted: its advisor. */
  "plan_not_resubmitted",
  /** A training registration got a seat: the person's key advisor. */
  "registration_confirmed",
  /** A person moved from the waiting list to a seat: the person's key advisor. */
  "registration_promoted",
  /** Weekly, for managers: overdue paths, plans waiting longest, advisors over limit, hours. */
  "weekly_digest",
] as const;

export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is TNotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** How long notifications are kept (the nightly job deletes older ones). */
export const NOTIFICATION_RETENTION_DAYS = 90;
