import "server-only";
import QRCode from "qrcode";
import { assertCan } from "@/lib/auth/authorize";
import { UNKNOWN_CLIENT_IP } from "@/lib/auth/client-ip";
import type { TContext } from "@/lib/auth/context";
import { verifyPassword } from "@/lib/auth/password";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { revokeSessionsBut } from "@/lib/domain/sessions/own-sessions";
import { isLocked, recordFailure, throttleKey } from "@/lib/domain/sessions/throttle";
import { isTwoFactorRequired } from "./policy";
import { RECOVERY_CODE_COUNT, generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { ZDisableTwoFactorInput, ZTwoFactorCodeInput, type TDisableTwoFactorInput, type TTwoFactorCodeInput, type TTwoFactorSetup } from "./schemas";
import { encryptTotpSecret } from "./secret";
import { formatSecret, generateSecret, otpauthUri, totpIssuer } from "./totp";
import { checkSecondFactor, spendTotpCode } from "./verify";

/**
 * Setting up, renewing and switching off the caller's own second factor (issue 17). Only one's own
 * account (account.manage_own): nothing here takes a user id.
 */

const wrongCode = () => new AppError("VALIDATION_FAILED", { fieldErrors: { code: "twoFactorCodeInvalid" } });
const tooManyAttempts = () => new AppError("VALIDATION_FAILED", { fieldErrors: { code: "twoFactorTooManyAttempts" } });
/** The page is stale: the second factor was set up or switched off meanwhile (another tab). */
const staleState = () => new AppError("CONFLICT", { message: "The second factor changed meanwhile" });

type TOwnAccount = {
  email: string;
  totpEnabled: boolean;
  totpSecret: string | null;
  totpLastStep: number | null;
  tenantName: string;
  tenantSlug: string;
  twoFactorRoles: string[];
};

/** The caller's row, locked: set-up, renewal and switch-off of one user never interleave. */
async function lockOwnAccount(tx: TTx, ctx: TContext): Promise<TOwnAccount> {
  const [row] = await tx.$queryRaw<TOwnAccount[]>`
    SELECT u.email, u.totp_enabled_at IS NOT NULL AS "totpEnabled", u.totp_secret AS "totpSecret", u.totp_last_step AS "totpLastStep",
      t.name AS "tenantName", t.slug AS "tenantSlug", t.two_factor_roles::text[] AS "twoFactorRoles"
    FROM "user" u JOIN tenant t ON t.id = u.tenant_id
    WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.id = ${ctx.userId}::uuid
    FOR UPDATE OF u`;
  if (!row) throw notFound("User");
  return row;
}

/** A new set of recovery codes replaces the old one; the plain codes are returned to be shown once. */
async function replaceRecoveryCodes(tx: TTx, ctx: TContext): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { tenantId: ctx.tenantId, userId: ctx.userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ tenantId: ctx.tenantId, userId: ctx.userId, codeHash: hashRecoveryCode(ctx.userId, normaliseRecoveryCode(code) ?? code) })),
  });
  await recordAudit(tx, auditActor(ctx), {
    action: "auth.recovery_codes_generated",
    entityType: "User",
    entityId: ctx.userId,
    after: { recoveryCodes: RECOVERY_CODE_COUNT },
  });
  return codes;
}

/**
 * Starts setting up a second factor: a new secret is stored (encrypted) but not yet in use, and
 * returned once for the QR code and manual entry. Starting again replaces it.
 */
export async function startTwoFactorSetup(ctx: TContext): Promise<TTwoFactorSetup> {
  await assertCan(ctx, "account.manage_own");
  const secret = generateSecret();
  const account = await tenantTransaction(ctx.tenantId, async (tx) => {
    const own = await lockOwnAccount(tx, ctx);
    if (own.totpEnabled) throw staleState();
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: ctx.userId } },
      data: { totpSecret: encryptTotpSecret(secret, ctx), totpLastStep: null },
      select: { id: true },
    });
    return own;
  });
  const uri = otpauthUri({ issuer: totpIssuer(account.tenantName), account: account.email, secret });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret: formatSecret(secret), otpauthUri: uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/**
 * Confirms the set-up with a code from the app: the second factor is on, ten recovery codes are
 * made (returned once, stored as hashes), this session counts as signed in with a second factor,
 * and the user's other sessions — signed in with the password alone — end.
 */
export async function confirmTwoFactorSetup(ctx: TContext, rawInput: TTwoFactorCodeInput): Promise<{ recoveryCodes: string[] }> {
  await assertCan(ctx, "account.manage_own");
  const input = parseInput(ZTwoFactorCodeInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const own = await lockOwnAccount(tx, ctx);
    if (own.totpEnabled || !own.totpSecret) throw staleState();
    if (!(await spendTotpCode(tx, ctx, own.totpSecret, own.totpLastStep, input.code))) throw wrongCode();
    await tx.user.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: ctx.userId } }, data: { totpEnabledAt: new Date() }, select: { id: true } });
    if (ctx.sessionId) {
      await tx.userSession.updateMany({ where: { tenantId: ctx.tenantId, userId: ctx.userId, id: ctx.sessionId }, data: { twoFactor: true } });
    }
    const sessionsEnded = await revokeSessionsBut(tx, ctx, ctx.sessionId);
    await recordAudit(tx, auditActor(ctx), { action: "auth.two_factor_enabled", entityType: "User", entityId: ctx.userId, after: { sessionsEnded } });
    return { recoveryCodes: await replaceRecoveryCodes(tx, ctx) };
  });
}

/**
 * Runs `work` once the caller's row is locked, unless their account is locked for this address
 * after wrong codes. A wrong code here (`work` answering "wrong") counts like one at sign-in
 * (lib/domain/sessions/throttle.ts): a stolen session cannot guess codes any faster than a sign-in.
 */
async function withCodeAttempt<T>(ctx: TContext, work: (tx: TTx, own: TOwnAccount) => Promise<T | "wrong">): Promise<T> {
  const { key, outcome } = await tenantTransaction(ctx.tenantId, async (tx) => {
    const own = await lockOwnAccount(tx, ctx);
    if (!own.totpEnabled) throw staleState();
    // The sign-in's key for this account and address (UNKNOWN_CLIENT_IP when the request named none, as there).
    const key = throttleKey(own.tenantSlug, own.email, ctx.ip ?? UNKNOWN_CLIENT_IP);
    if (await isLocked(key, tx)) throw tooManyAttempts();
    return { key, outcome: await work(tx, own) };
  });
  if (outcome === "wrong") {
    await recordFailure(key);
    throw wrongCode();
  }
  return outcome;
}

/** A new set of recovery codes (the old ones stop working), for a current code from the app. */
export async function regenerateRecoveryCodes(ctx: TContext, rawInput: TTwoFactorCodeInput): Promise<{ recoveryCodes: string[] }> {
  await assertCan(ctx, "account.manage_own");
  const input = parseInput(ZTwoFactorCodeInput, rawInput);
  return withCodeAttempt(ctx, async (tx) => {
    if (!(await checkSecondFactor(tx, ctx, input.code, { recoveryCodes: false }))) return "wrong";
    return { recoveryCodes: await replaceRecoveryCodes(tx, ctx) };
  });
}

/**
 * Switches the second factor off, for the password and a code (from the app, or a recovery code
 * when the phone is lost). Refused while the tenant's policy requires a second factor of the
 * user's role. The secret and the recovery codes are deleted.
 */
export async function disableTwoFactor(ctx: TContext, rawInput: TDisableTwoFactorInput): Promise<void> {
  await assertCan(ctx, "account.manage_own");
  const input = parseInput(ZDisableTwoFactorInput, rawInput);
  await withCodeAttempt(ctx, async (tx, own) => {
    if (isTwoFactorRequired(ctx.role, own.twoFactorRoles)) throw new AppError("TWO_FACTOR_REQUIRED");
    const current = await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: ctx.userId }, select: { passwordHash: true } });
    if (!current || !(await verifyPassword(current.passwordHash, input.password))) {
      throw new AppError("INVALID_CURRENT_PASSWORD", { fieldErrors: { password: "wrongCurrentPassword" } });
    }
    if (!(await checkSecondFactor(tx, ctx, input.code))) return "wrong";
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: ctx.userId } },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
      select: { id: true },
    });
    await tx.recoveryCode.deleteMany({ where: { tenantId: ctx.tenantId, userId: ctx.userId } });
    await recordAudit(tx, auditActor(ctx), { action: "auth.two_factor_disabled", entityType: "User", entityId: ctx.userId });
    return undefined;
  });
}
