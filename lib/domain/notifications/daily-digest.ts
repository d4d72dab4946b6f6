import "server-only";
import { z } from "zod";
import { tenantTransaction } from "@/lib/db/transaction";
import { logger } from "@/lib/logger";
import { mailLocale } from "@/lib/mail/render";
import { dailyDigestMail, type TMailNotification } from "@/lib/mail/templates";
import { mailConfigured, sendMail } from "@/lib/mail/transport";
import { isNotificationKind } from "./kinds";
import type { TNotificationParams } from "./outbox";

/** The data of a `tenant.digest.daily` job (lib/jobs/fan-out.ts): the tenant and the Polish day. */
const ZDailyDigestJob = z.object({ tenantId: z.uuid(), day: z.string().optional() });

export type TDailyDigestResult = {
  /** Recipients e-mailed one digest each. */
  sent: number;
  /** Recipients whose waiting notifications were not e-mailed (inactive, or no SMTP). */
  skipped: number;
};

type TDigestRow = { id: string; kind: string; href: string; params: TNotificationParams };

/**
 * One tenant's daily digest (the `tenant.digest.daily` job): every user with notifications
 * waiting for it (DIGEST, written before `now`) gets one e-mail listing them, and they become
 * SENT. Each recipient is settled in a transaction of their own that locks their waiting rows
 * while the e-mail goes: a retried or duplicated job finds them SENT and sends nothing twice, and
 * one recipient's failure neither undoes nor blocks the others (the job fails after trying them
 * all, and its retry e-mails only those still waiting).
 */
export async function runDailyDigest(tenantId: string, now: Date = new Date()): Promise<TDailyDigestResult> {
  const recipients = await tenantTransaction(tenantId, (tx) =>
    tx.notification.findMany({
      where: { tenantId, emailStatus: "DIGEST", createdAt: { lte: now } },
      distinct: ["userId"],
      select: { userId: true },
      orderBy: { userId: "asc" },
    }),
  );
  const result: TDailyDigestResult = { sent: 0, skipped: 0 };
  const failures: unknown[] = [];
  for (const { userId } of recipients) {
    try {
      const outcome = await sendDigestTo(tenantId, userId, now);
      if (outcome === "SENT") result.sent += 1;
      if (outcome === "SKIPPED") result.skipped += 1;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new Error(`Daily digest: ${failures.length} of ${recipients.length} recipients not e-mailed (retried with the job): ${String(failures[0])}`, { cause: failures[0] });
  }
  return result;
}

async function sendDigestTo(tenantId: string, userId: string, now: Date): Promise<"SENT" | "SKIPPED" | "NOTHING_TO_DO"> {
  return tenantTransaction(tenantId, async (tx) => {
    const rows = await tx.$queryRaw<TDigestRow[]>`
      SELECT id::text AS id, kind, href, params
        FROM notification
       WHERE tenant_id = ${tenantId}::uuid AND user_id = ${userId}::uuid
         AND email_status = 'DIGEST' AND created_at <= ${now}
       ORDER BY created_at, id
         FOR UPDATE`;
    // Another run got here first.
    if (rows.length === 0) return "NOTHING_TO_DO";

    const settle = async (emailStatus: "SENT" | "SKIPPED") => {
      await tx.notification.updateMany({
        where: { tenantId, userId, id: { in: rows.map((r) => r.id) } },
        data: { emailStatus, ...(emailStatus === "SENT" ? { emailedAt: now } : {}) },
      });
      return emailStatus;
    };

    const recipient = await tx.user.findFirst({ where: { tenantId, id: userId }, select: { email: true, active: true, locale: true } });
    const items: TMailNotification[] = rows.flatMap((r) => (isNotificationKind(r.kind) ? [{ kind: r.kind, href: r.href, params: r.params }] : []));
    if (items.length < rows.length) logger.warn("notifications of an unknown kind left out of a daily digest", { tenantId, count: rows.length - items.length });
    if (!recipient?.active || !mailConfigured() || items.length === 0) return settle("SKIPPED");

    const mail = await dailyDigestMail(items, mailLocale(recipient.locale));
    await sendMail({ to: recipient.email, ...mail });
    return settle("SENT");
  });
}

/** The `tenant.digest.daily` queue's handler. */
export async function handleDailyDigestJob(data: Record<string, unknown>): Promise<void> {
  const { tenantId } = ZDailyDigestJob.parse(data);
  await runDailyDigest(tenantId);
}
