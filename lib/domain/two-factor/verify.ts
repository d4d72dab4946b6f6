import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { decryptTotpSecret } from "./secret";
import { verifyTotp } from "./totp";

type TOwner = { tenantId: string; userId: string };

export type TSecondFactor = { method: "totp" } | { method: "recovery_code"; recoveryCodesLeft: number };

/**
 * Checks a code against the user's second factor inside the caller's transaction, and uses it up:
 * a six-digit code from the authenticator app (its time step is stored, so it is never accepted
 * again), or — unless `recoveryCodes` is false — one of the user's unused recovery codes (marked
 * used). The user's row is locked first, so two requests with one code cannot both pass.
 * Null when the code is wrong or the user has no second factor.
 */
export async function checkSecondFactor(tx: TTx, owner: TOwner, typed: string, { recoveryCodes = true } = {}): Promise<TSecondFactor | null> {
  const [user] = await tx.$queryRaw<{ secret: string | null; enabled: boolean; lastStep: number | null }[]>`
    SELECT totp_secret AS secret, totp_enabled_at IS NOT NULL AS enabled, totp_last_step AS "lastStep"
    FROM "user" WHERE tenant_id = ${owner.tenantId}::uuid AND id = ${owner.userId}::uuid FOR UPDATE`;
  if (!user?.enabled || !user.secret) return null;
  const code = typed.replace(/\s/g, "");
  if (/^\d+$/.test(code)) {
    return (await spendTotpCode(tx, owner, user.secret, user.lastStep, code)) ? { method: "totp" } : null;
  }
  const normalised = recoveryCodes ? normaliseRecoveryCode(typed) : null;
  if (!normalised) return null;
  const used = await tx.recoveryCode.updateMany({
    where: { tenantId: owner.tenantId, userId: owner.userId, codeHash: hashRecoveryCode(owner.userId, normalised), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (used.count !== 1) return null;
  const recoveryCodesLeft = await tx.recoveryCode.count({ where: { tenantId: owner.tenantId, userId: owner.userId, usedAt: null } });
  return { method: "recovery_code", recoveryCodesLeft };
}

/**
 * Verifies an authenticator code against an encrypted secret (the enabled one, or one being set up)
 * and, when it is right, stores its time step: a step at or before the stored one is refused.
 * The caller holds the user's row lock.
 */
export async function spendTotpCode(tx: TTx, owner: TOwner, storedSecret: string, lastStep: number | null, code: string): Promise<boolean> {
  const secret = decryptTotpSecret(storedSecret, owner);
  if (!secret) return false;
  const step = verifyTotp(secret, code, Date.now(), lastStep);
  if (step === null) return false;
  await tx.user.update({ where: { tenantId_id: { tenantId: owner.tenantId, id: owner.userId } }, data: { totpLastStep: step }, select: { id: true } });
  return true;
}
