import "server-only";
import { randomBytes } from "node:crypto";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { queueAccountEmail } from "./mail-job";
import { adminLinkPurpose, type TAccountLinkPurpose } from "./policy";
import { lockLinkUser } from "./tokens";

/**
 * The password hash of an invited user until they choose one: argon2 of 32 random bytes nobody
 * ever sees. Signing in with it fails exactly like a wrong password — the same verification, the
 * same answer — so a pending account reveals nothing and cannot be guessed into.
 */
export function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString("base64url"));
}

/**
 * The invitation of a user being created, in the creating transaction: its e-mail goes exactly
 * when the user's row commits (the creation's audit row, "user.invite", says it was an invitation).
 */
export async function queueInvitation(tx: TTx, tenantId: string, userId: string): Promise<void> {
  await queueAccountEmail(tx, { tenantId, userId, purpose: "INVITE" });
}

export type TSentAccountLink = { purpose: TAccountLinkPurpose; email: string };

/**
 * The admin sends a user a link by e-mail: the invitation again while the user has not chosen a
 * password, otherwise a password reset link (the admin no longer types passwords). The user's
 * sessions go on until the link is used. An inactive user gets nothing (INVALID_STATE).
 */
export async function sendAccountLink(ctx: TContext, userId: string): Promise<TSentAccountLink> {
  await assertCan(ctx, "users.manage");
  assertId(userId, "User");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const user = await lockLinkUser(tx, ctx.tenantId, userId);
    if (!user) throw notFound("User");
    const purpose = adminLinkPurpose(user);
    if (!purpose) throw new AppError("INVALID_STATE", { message: "An inactive user gets no account link" });
    await queueAccountEmail(tx, { tenantId: ctx.tenantId, userId, purpose });
    await recordAudit(tx, auditActor(ctx), {
      action: purpose === "INVITE" ? "user.invite_resend" : "user.reset_link_sent",
      entityType: "User",
      entityId: userId,
      after: { email: user.email },
    });
    return { purpose, email: user.email };
  });
}
