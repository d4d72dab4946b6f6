import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { loadOwnSessions, type TOwnSession } from "@/lib/domain/sessions/own-sessions";
import { isTwoFactorRequired } from "./policy";

export type TAccountSecurityPage = {
  twoFactor: {
    enabled: boolean;
    enabledAt: Date | null;
    /** The tenant's policy requires it of the user's role: it cannot be switched off. */
    required: boolean;
    recoveryCodesLeft: number;
  };
  sessions: TOwnSession[];
};

/** /account/security: the caller's second factor and their live sessions. */
export async function getAccountSecurityPage(ctx: TContext): Promise<TAccountSecurityPage> {
  await assertCan(ctx, "account.manage_own");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const user = await tx.user.findFirst({
      where: { tenantId: ctx.tenantId, id: ctx.userId },
      select: {
        role: true,
        totpEnabledAt: true,
        tenant: { select: { twoFactorRoles: true } },
        _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
      },
    });
    if (!user) throw notFound("User");
    const sessions = await loadOwnSessions(tx, ctx);
    return {
      twoFactor: {
        enabled: user.totpEnabledAt !== null,
        enabledAt: user.totpEnabledAt,
        required: isTwoFactorRequired(ctx.role, user.tenant.twoFactorRoles),
        recoveryCodesLeft: user.totpEnabledAt ? user._count.recoveryCodes : 0,
      },
      sessions,
    };
  });
}
