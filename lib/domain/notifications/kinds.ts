/**
 * What the app notifies about, as data. Each kind has its texts under `notifications.kinds.<code>`
 * (title and body, pl and en) and its e-mail template by the same code; a user may turn its e-mail
 * off (in-app is always on).
 */
export const NOTIFICATION_KINDS = [
  /** A key advisor submitted a plan: the coordinators who approve it. */
  "plan_submitted",
  /** A coordinator returned a plan for changes: whoever submitted it and the path's key advisor. */
  "plan_returned",
  /** A coordinator approved a plan: whoever submitted it and the path's key advisor. */
  "plan_approved",
  /** A client was assigned, reassigned or came back with a reopened path: the new key advisor. */
  "client_assigned",
  /** A handover moved a client: the receiving key advisor, once per client. */
  "client_handed_over",
  /** Nightly: a path with no monitoring entry for the tenant's overdue days: its advisor. */
  "path_overdue",
  /** Nightly: the same after twice those days: the advisor's coordinator. */
  "path_overdue_escalated",
  /** Nightly: a plan returned 7 days ago and not resubmitted: its advisor. */
  "plan_not_resubmitted",
  /** Nightly: a job's durability check past its due date and not recorded: the client's key advisor, once per check. */
  "durability_check_overdue",
  /** A training registration got a seat: the key advisor of the client served and whoever registered the person. */
  "registration_confirmed",
  /** A person moved from the waiting list to a seat: the same recipients. */
  "registration_promoted",
  /** Nightly, once retention has ended: people listed for review, to the tenant's IODs (lib/domain/privacy/retention.ts). */
  "retention_review_due",
  /** Weekly, for managers: overdue paths, plans waiting longest, advisors over limit, hours. */
  "weekly_digest",
] as const;

export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is TNotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** How long notifications are kept (the nightly job deletes older ones). */
export const NOTIFICATION_RETENTION_DAYS = 90;
