import "server-only";
import type { TTx } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMany } from "@/lib/jobs/enqueue";
import { QUEUES } from "@/lib/jobs/queues";
import type { TNotificationKind } from "./kinds";

/** Values a notification's text needs, as of the change (names, titles, dates as ISO strings). */
export type TNotificationParams = Record<string, string | number | null>;

export type TNotice = {
  /** The recipient, a user of the tenant. */
  userId: string;
  kind: TNotificationKind;
  /** An app path without the locale, e.g. `/paths/<id>/plan`. */
  href: string;
  params: TNotificationParams;
  /** One notification per (recipient, key): a repeated nightly check does not repeat it. */
  dedupeKey?: string;
};

export type TNotifyOptions = {
  /** Who made the change: never notified about their own act. */
  actorId?: string | null;
};

/**
 * The transactional outbox: writes the notifications of a change in the change's own transaction,
 * and queues the e-mail of each in the same transaction. A change that rolls back leaves neither;
 * one that commits leaves both. Inactive recipients get nothing; a recipient who turned a kind's
 * e-mail off gets it in the app only; one who chose the daily digest gets it there.
 *
 * Returns how many notifications were written (a repeated dedupe key writes none).
 */
export async function notify(tx: TTx, tenantId: string, notices: readonly TNotice[], options: TNotifyOptions = {}): Promise<number> {
  const seen = new Set<string>();
  const wanted = notices.filter((n) => {
    // The same notice twice in one call (e.g. one recipient reached by two rules) is written once;
    // two notices that differ in anything the reader sees are both written.
    const key = JSON.stringify([n.userId, n.kind, n.href, n.dedupeKey ?? null, n.params]);
    if (n.userId === options.actorId || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (wanted.length === 0) return 0;

  const recipients = await tx.user.findMany({
    where: { tenantId, id: { in: [...new Set(wanted.map((n) => n.userId))] }, active: true },
    select: {
      id: true,
      emailDigest: true,
      notificationPrefs: { where: { kind: { in: [...new Set(wanted.map((n) => n.kind))] } }, select: { kind: true, email: true } },
    },
  });
  const byId = new Map(recipients.map((r) => [r.id, r]));

  const rows: Prisma.NotificationCreateManyInput[] = [];
  for (const notice of wanted) {
    const recipient = byId.get(notice.userId);
    if (!recipient) continue;
    const emailWanted = recipient.notificationPrefs.find((p) => p.kind === notice.kind)?.email ?? true;
    rows.push({
      tenantId,
      userId: notice.userId,
      kind: notice.kind,
      href: notice.href,
      params: notice.params,
      dedupeKey: notice.dedupeKey ?? null,
      emailStatus: !emailWanted ? "SKIPPED" : recipient.emailDigest ? "DIGEST" : "PENDING",
    });
  }
  if (rows.length === 0) return 0;

  const written = await tx.notification.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, emailStatus: true } });
  await enqueueMany(
    tx,
    QUEUES.notificationEmail,
    written.filter((n) => n.emailStatus === "PENDING").map((n) => ({ tenantId, notificationId: n.id })),
  );
  return written.length;
}
