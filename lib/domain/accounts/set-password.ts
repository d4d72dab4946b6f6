import "server-only";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { tenantTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { recordAudit } from "@/lib/domain/audit/service";
import { accountThrottleKey, clearFailures, throttleKey } from "@/lib/domain/sessions/throttle";
import type { TAccountLinkPurpose } from "./policy";
import { resetThrottleKeys } from "./reset";
import { ZAccountLink, ZNewPasswordForm, type TAccountLink, type TNewPasswordForm } from "./schemas";
import { findTenantIdBySlug } from "@/lib/domain/sessions/sign-in";
import { consumeAccountToken, findUsableLink } from "./tokens";

const linkInvalid = () => new AppError("ACCOUNT_LINK_INVALID", { message: "The account link is unknown, expired or used" });

/** The tenant and token of a link, or null when it cannot be one of ours. */
async function resolveLink(raw: TAccountLink): Promise<{ tenantId: string; tenantSlug: string; token: string } | null> {
  const parsed = ZAccountLink.safeParse(raw);
  if (!parsed.success) return null;
  const tenantId = await findTenantIdBySlug(parsed.data.tenantSlug);
  return tenantId ? { tenantId, tenantSlug: parsed.data.tenantSlug, token: parsed.data.token } : null;
}

export type TSetPasswordPage =
  | { usable: true; purpose: TAccountLinkPurpose; email: string; tenantSlug: string }
  | { usable: false; tenantSlug: string | null };

/**
 * The page a link opens: whether the link can still be used (so a dead link says so at once,
 * before anyone types a new password twice), and for whom — the form names the account and
 * hands its e-mail to the browser's password manager. Nothing is used or written.
 */
export async function getSetPasswordPage(raw: Partial<TAccountLink>): Promise<TSetPasswordPage> {
  const link = await resolveLink({ tenantSlug: raw.tenantSlug ?? "", token: raw.token ?? "" });
  const tenantSlug = link?.tenantSlug ?? null;
  if (!link) return { usable: false, tenantSlug };
  const holder = await tenantTransaction(link.tenantId, (tx) => findUsableLink(tx, link.tenantId, link.token));
  return holder ? { usable: true, purpose: holder.purpose, email: holder.email, tenantSlug: link.tenantSlug } : { usable: false, tenantSlug };
}

const ZSetPasswordMeta = z.object({ ip: z.string().max(100).optional(), requestId: z.string().max(100).optional() });
export type TSetPasswordWithLinkInput = TAccountLink & TNewPasswordForm & z.input<typeof ZSetPasswordMeta>;

/**
 * Uses an invitation or reset link: sets the password (argon2), records when it was chosen, uses
 * the link up and voids every other link of the user, and ends all the user's sessions (the
 * session version is bumped: every token minted before is refused at its next request). The
 * account's throttles are cleared — whoever holds the link has proved they read its mailbox.
 *
 * Password rules first (VALIDATION_FAILED with field errors; the link is still unused), then the
 * link: unknown, expired, used or voided → ACCOUNT_LINK_INVALID, nothing written.
 */
export async function setPasswordWithLink(rawInput: TSetPasswordWithLinkInput): Promise<{ tenantSlug: string; email: string }> {
  const passwords = parseInput(ZNewPasswordForm, { password: rawInput.password, confirmPassword: rawInput.confirmPassword });
  const meta = ZSetPasswordMeta.parse({ ip: rawInput.ip, requestId: rawInput.requestId });
  const link = await resolveLink({ tenantSlug: rawInput.tenantSlug, token: rawInput.token });
  if (!link) throw linkInvalid();
  const passwordHash = await hashPassword(passwords.password);
  const { tenantId, tenantSlug } = link;

  const holder = await tenantTransaction(tenantId, async (tx) => {
    const used = await consumeAccountToken(tx, tenantId, link.token);
    if (!used) return null;
    await tx.user.update({
      where: { tenantId_id: { tenantId, id: used.userId } },
      data: { passwordHash, passwordSetAt: new Date(), sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await recordAudit(tx, { tenantId, userId: used.userId, requestId: meta.requestId }, {
      action: used.purpose === "INVITE" ? "account.invite_accepted" : "account.reset_completed",
      entityType: "User",
      entityId: used.userId,
      after: { passwordChanged: true },
    });
    return used;
  });
  if (!holder) throw linkInvalid();

  await clearFailures(accountThrottleKey(tenantSlug, holder.email));
  await clearFailures(resetThrottleKeys(tenantSlug, holder.email, meta.ip ?? "").accountKey);
  if (meta.ip) {
    await clearFailures(throttleKey(tenantSlug, holder.email, meta.ip));
    await clearFailures(resetThrottleKeys(tenantSlug, holder.email, meta.ip).key);
  }
  return { tenantSlug, email: holder.email };
}
