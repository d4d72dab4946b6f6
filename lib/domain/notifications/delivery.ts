import "server-only";
import { z } from "zod";
import { tenantTransaction } from "@/lib/db/transaction";
import { logger } from "@/lib/logger";
import { mailLocale } from "@/lib/mail/render";
import { NOTIFICATION_MAIL_TEMPLATES } from "@/lib/mail/templates";
import { mailConfigured, sendMail } from "@/lib/mail/transport";
import { isNotificationKind } from "./kinds";
import type { TNotificationParams } from "./outbox";

/** The data of a `notification.email` job: ids only (the job table has no row-level security). */
const ZNotificationEmailJob = z.object({ tenantId: z.uuid(), notificationId: z.uuid() });
export type TNotificationEmailJob = z.infer<typeof ZNotificationEmailJob>;

/** What one delivery did: e-mailed it, decided against it, left it to the digest, or found it dealt with. */
export type TDeliveryOutcome = "SENT" | "SKIPPED" | "DIGEST" | "NOTHING_TO_DO";

type TLockedNotification = { email_status: string; user_id: string; kind: string; href: string; params: TNotificationParams };

/**
 * E-mails one notification (the `notification.email` job). The row is locked for the whole
 * attempt and only a PENDING row is sent, so a duplicated job, a second worker or a retry after a
 * lost completion sends nothing twice: whoever locks it second finds it SENT.
 *
 * The recipient's choices as they are now win over those at the time of the change: an e-mail
 * turned off since is SKIPPED, a daily digest chosen since takes it (DIGEST); an inactive recipient
 * or an installation without SMTP gets SKIPPED. An SMTP failure throws: the job fails and pg-boss
 * retries it with backoff while the row stays PENDING. (Only a crash between the server accepting
 * the message and the commit would send it again on retry.)
 */
export async function deliverNotificationEmail(job: TNotificationEmailJob): Promise<TDeliveryOutcome> {
  const { tenantId, notificationId } = ZNotificationEmailJob.parse(job);
  return tenantTransaction(tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<TLockedNotification[]>`
      SELECT email_status::text AS email_status, user_id::text AS user_id, kind, href, params
        FROM notification
       WHERE tenant_id = ${tenantId}::uuid AND id = ${notificationId}::uuid
         FOR UPDATE`;
    // Gone (older than the retention, or deleted with its recipient) or already dealt with.
    if (row?.email_status !== "PENDING") return "NOTHING_TO_DO";

    const recipient = await tx.user.findFirst({
      where: { tenantId, id: row.user_id },
      select: { email: true, active: true, locale: true, emailDigest: true, notificationPrefs: { where: { kind: row.kind }, select: { email: true } } },
    });
    const settle = async (emailStatus: "SENT" | "SKIPPED" | "DIGEST") => {
      await tx.notification.update({
        where: { tenantId_id: { tenantId, id: notificationId } },
        data: { emailStatus, ...(emailStatus === "SENT" ? { emailedAt: new Date() } : {}) },
        select: { id: true },
      });
      return emailStatus;
    };

    if (!isNotificationKind(row.kind)) {
      logger.warn("notification of an unknown kind not e-mailed", { tenantId, notificationId, kind: row.kind });
      return settle("SKIPPED");
    }
    if (!recipient?.active || recipient.notificationPrefs[0]?.email === false || !mailConfigured()) return settle("SKIPPED");
    if (recipient.emailDigest) return settle("DIGEST");

    const mail = await NOTIFICATION_MAIL_TEMPLATES[row.kind]({ kind: row.kind, href: row.href, params: row.params }, mailLocale(recipient.locale));
    await sendMail({ to: recipient.email, ...mail });
    return settle("SENT");
  });
}

/** The `notification.email` queue's handler: the job's data, checked, then delivered. */
export async function handleNotificationEmailJob(data: Record<string, unknown>): Promise<void> {
  await deliverNotificationEmail(ZNotificationEmailJob.parse(data));
}
