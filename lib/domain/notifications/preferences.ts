import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { notFound } from "@/lib/errors";
import { DEFAULT_LOCALE, isLocale, LOCALES, type TLocale } from "@/lib/i18n/config";
import { parseInput } from "@/lib/validation";
import { NOTIFICATION_KINDS, type TNotificationKind } from "./kinds";

/**
 * A user's own choices about e-mail: per kind whether it is e-mailed too (in the app it always
 * shows), one e-mail a day instead of one each, and the language of the e-mails. The outbox reads
 * them when a change notifies (outbox.ts), the delivery again when it sends (delivery.ts).
 */
export type TNotificationPreferences = {
  /** Every kind, in the order of NOTIFICATION_KINDS, with whether it is e-mailed. */
  kinds: { kind: TNotificationKind; email: boolean }[];
  emailDigest: boolean;
  locale: TLocale;
  /** Where the e-mails go (the account's address). */
  address: string;
};

export const ZSaveNotificationPreferencesInput = z.object({
  /** The kinds to e-mail; every kind not listed is in the app only. */
  emailKinds: z.array(z.enum(NOTIFICATION_KINDS, "invalid")).max(NOTIFICATION_KINDS.length * 2, "tooMany").transform((kinds) => [...new Set(kinds)]),
  emailDigest: z.boolean("invalid"),
  locale: z.enum(LOCALES, "invalid"),
});
export type TSaveNotificationPreferencesInput = z.input<typeof ZSaveNotificationPreferencesInput>;

/** What the audit trail keeps of the choices: the kinds turned off, sorted, rather than every kind. */
type TAuditedPreferences = { emailDigest: boolean; locale: string; emailOff: TNotificationKind[] };

async function loadOwn(tx: TTx, ctx: TContext) {
  const user = await tx.user.findFirst({
    where: { tenantId: ctx.tenantId, id: ctx.userId },
    select: { email: true, emailDigest: true, locale: true, notificationPrefs: { where: { email: false }, select: { kind: true } } },
  });
  if (!user) throw notFound("User");
  const off = new Set(user.notificationPrefs.map((p) => p.kind));
  return {
    address: user.email,
    emailDigest: user.emailDigest,
    locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
    emailOff: NOTIFICATION_KINDS.filter((kind) => off.has(kind)),
  };
}

export async function getNotificationPreferences(ctx: TContext): Promise<TNotificationPreferences> {
  await assertCan(ctx, "notifications.own");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const own = await loadOwn(tx, ctx);
    return {
      kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, email: !own.emailOff.includes(kind) })),
      emailDigest: own.emailDigest,
      locale: own.locale,
      address: own.address,
    };
  });
}

/**
 * Saves the caller's own choices (never another user's: the user is the session's). Audited as a
 * change of the user's settings, before and after; saving the same choices again changes and
 * records nothing. Returns whether anything changed.
 */
export async function saveNotificationPreferences(ctx: TContext, rawInput: TSaveNotificationPreferencesInput): Promise<{ changed: boolean }> {
  await assertCan(ctx, "notifications.own");
  const input = parseInput(ZSaveNotificationPreferencesInput, rawInput);
  const emailOff = NOTIFICATION_KINDS.filter((kind) => !input.emailKinds.includes(kind));
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // Locks the user's row: two saves at once are applied one after the other, each audited against the state it changed.
    await tx.$queryRaw`SELECT 1 FROM "user" WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${ctx.userId}::uuid FOR UPDATE`;
    const current = await loadOwn(tx, ctx);
    const before: TAuditedPreferences = { emailDigest: current.emailDigest, locale: current.locale, emailOff: current.emailOff };
    const after: TAuditedPreferences = { emailDigest: input.emailDigest, locale: input.locale, emailOff };
    if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };

    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: ctx.userId } },
      data: { emailDigest: input.emailDigest, locale: input.locale },
      select: { id: true },
    });
    // No row means "e-mail it": only the kinds turned off are stored.
    await tx.notificationPreference.deleteMany({ where: { tenantId: ctx.tenantId, userId: ctx.userId } });
    await tx.notificationPreference.createMany({ data: emailOff.map((kind) => ({ tenantId: ctx.tenantId, userId: ctx.userId, kind, email: false })) });
    await recordAudit(tx, auditActor(ctx), {
      action: "user.notification_preferences",
      entityType: "User",
      entityId: ctx.userId,
      before,
      after,
    });
    return { changed: true };
  });
}
