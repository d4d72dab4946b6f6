import "server-only";
import { z } from "zod";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { isRole, type TRole } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { recordAudit } from "@/lib/domain/audit/service";
import { issuePendingToken, readPendingToken } from "@/lib/domain/two-factor/pending-token";
import { checkSecondFactor } from "@/lib/domain/two-factor/verify";
import { countSignInFailure } from "@/lib/system/metrics";
import { accountThrottleKey, claimAccountAttempt, clearFailures, isLocked, recordFailure, throttleKey } from "./throttle";

/** What a session row keeps of the browser: enough to recognise it in the user's session list. */
export const USER_AGENT_MAX = 300;

const ZClient = {
  ip: z.string().max(100),
  /** The browser's User-Agent header; cut to its first {@link USER_AGENT_MAX} characters. */
  userAgent: z
    .string()
    .optional()
    .transform((v) => (v ? v.slice(0, USER_AGENT_MAX) : null)),
  requestId: z.string().max(100).optional(),
};

const ZSignInInput = z.object({
  tenantSlug: z.string().trim().toLowerCase().min(1).max(100),
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(200),
  ...ZClient,
});
export type TSignInInput = z.input<typeof ZSignInInput>;

const ZSecondFactorInput = z.object({
  pendingToken: z.string().min(1).max(2000),
  code: z.string().trim().min(1).max(40),
  ...ZClient,
});
export type TSecondFactorInput = z.input<typeof ZSecondFactorInput>;

/** What the session token carries: identifiers only, re-checked against the database on every request. */
export type TSessionUser = {
  id: string;
  tenantId: string;
  role: TRole;
  partnerId: string | null;
  sessionVersion: number;
  /** The server-side session row created by this sign-in (user_session). */
  sessionId: string;
  name: string;
  email: string;
};

/**
 * A sign-in's outcome: signed in (a session row exists), or — for an account with a second factor —
 * the password was right and the code is asked for next, carried by a short-lived signed token.
 */
export type TSignInResult = ({ kind: "signed_in" } & TSessionUser) | { kind: "code_required"; pendingToken: string };

/**
 * `locked`: the account is locked for this address; `account_delayed`: the account waits, whatever
 * the address; `wrong_code`: a wrong one-time or recovery code (counted like a wrong password);
 * `code_expired`: the code came after its sign-in's token expired, or after the password changed.
 */
type TFailureReason = "unknown_account" | "wrong_password" | "inactive" | "locked" | "account_delayed" | "wrong_code" | "code_expired";

/**
 * The tenant a form or a link names by its identifier (slug), or null — for the sign-in and the
 * account links (lib/domain/accounts). A SECURITY DEFINER function: before sign-in there is no
 * tenant context, and the app role cannot read the tenant table without one (row-level security).
 */
export async function findTenantIdBySlug(slug: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ id: string | null }[]>`SELECT auth_tenant_id_by_slug(${slug}) AS id`;
  return rows[0]?.id ?? null;
}

async function auditFailure(tenantId: string | null, userId: string | null, email: string, reason: TFailureReason, ip: string, requestId?: string) {
  countSignInFailure(reason);
  if (!tenantId) return; // no tenant, no trail to write into
  await tenantTransaction(tenantId, (tx) =>
    recordAudit(tx, { tenantId, userId: null, requestId }, {
      action: "auth.sign_in_failed",
      entityType: "User",
      entityId: userId,
      after: { email, reason, ip },
    }),
  );
}

type TSessionStart = { ip: string; userAgent: string | null; requestId?: string; twoFactor: boolean };

/** The successful end of either path: the sign-in time, the session row and the audit entry, in the caller's transaction. */
async function startSession(tx: TTx, user: Omit<TSessionUser, "sessionId">, start: TSessionStart): Promise<TSessionUser> {
  await tx.user.update({
    where: { tenantId_id: { tenantId: user.tenantId, id: user.id } },
    data: { lastSignInAt: new Date() },
    select: { id: true },
  });
  const session = await tx.userSession.create({
    data: { tenantId: user.tenantId, userId: user.id, ip: start.ip, userAgent: start.userAgent, twoFactor: start.twoFactor },
    select: { id: true },
  });
  await recordAudit(tx, { tenantId: user.tenantId, userId: user.id, requestId: start.requestId }, {
    action: "auth.sign_in",
    entityType: "User",
    entityId: user.id,
    after: start.twoFactor ? { ip: start.ip, twoFactor: true } : { ip: start.ip },
  });
  return { ...user, sessionId: session.id };
}

/**
 * Verifies a sign-in's password. Every failure — unknown tenant or e-mail, wrong password, inactive
 * account, throttled account — returns null after the same work (one argon2 verification), so
 * neither the answer nor its timing tells them apart.
 *
 * An account with a second factor gets no session yet: the right password yields a pending token
 * for {@link signInWithSecondFactor}, and the throttle's counts stay as they are until the code is
 * right too — otherwise the right password between wrong codes would reset their count.
 */
export async function signInWithPassword(rawInput: TSignInInput): Promise<TSignInResult | null> {
  const parsed = ZSignInInput.safeParse(rawInput);
  if (!parsed.success) {
    countSignInFailure("invalid_input");
    await verifyAgainstDummy(typeof rawInput.password === "string" ? rawInput.password : "");
    return null;
  }
  const { tenantSlug, email, password, ip, userAgent, requestId } = parsed.data;
  const key = throttleKey(tenantSlug, email, ip);
  const accountKey = accountThrottleKey(tenantSlug, email);
  const tenantId = await findTenantIdBySlug(tenantSlug);
  const user = tenantId
    ? await tenantTransaction(tenantId, (tx) =>
        tx.user.findFirst({
          where: { tenantId, email },
          select: {
            id: true,
            tenantId: true,
            role: true,
            partnerId: true,
            sessionVersion: true,
            name: true,
            email: true,
            active: true,
            passwordHash: true,
            totpEnabledAt: true,
          },
        }),
      )
    : null;

  if (await isLocked(key)) {
    await verifyAgainstDummy(password);
    await auditFailure(tenantId, user?.id ?? null, email, "locked", ip, requestId);
    return null;
  }
  // After the per-IP check, so an attempt refused there does not count against the account.
  if (!(await claimAccountAttempt(accountKey))) {
    await verifyAgainstDummy(password);
    await auditFailure(tenantId, user?.id ?? null, email, "account_delayed", ip, requestId);
    return null;
  }

  const passwordOk = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !passwordOk || !user.active || !isRole(user.role)) {
    await recordFailure(key); // the account's count already holds this attempt
    const reason: TFailureReason = !user ? "unknown_account" : !passwordOk ? "wrong_password" : "inactive";
    await auditFailure(tenantId, user?.id ?? null, email, reason, ip, requestId);
    return null;
  }

  if (user.totpEnabledAt) {
    const pendingToken = issuePendingToken({ userId: user.id, tenantId: user.tenantId, tenantSlug, email, sessionVersion: user.sessionVersion });
    return { kind: "code_required", pendingToken };
  }

  await clearFailures(key);
  await clearFailures(accountKey);
  const { passwordHash: _hash, active: _active, totpEnabledAt: _totp, ...identity } = user;
  const signedIn = await tenantTransaction(user.tenantId, (tx) =>
    startSession(tx, { ...identity, role: user.role as TRole }, { ip, userAgent, requestId, twoFactor: false }),
  );
  return { kind: "signed_in", ...signedIn };
}

/**
 * The second step of a sign-in with a second factor: the pending token from the first step and a
 * code from the authenticator app, or one of the recovery codes (each works once). A wrong code
 * counts exactly like a wrong password (lib/domain/sessions/throttle.ts): per account and address,
 * five in 15 minutes lock for 15 minutes, and every attempt counts in the account's run. A code is
 * accepted once: a time step already used is refused (replay).
 */
export async function signInWithSecondFactor(rawInput: TSecondFactorInput): Promise<TSignInResult | null> {
  const parsed = ZSecondFactorInput.safeParse(rawInput);
  if (!parsed.success) {
    countSignInFailure("invalid_input");
    return null;
  }
  const { pendingToken, code, ip, userAgent, requestId } = parsed.data;
  const read = readPendingToken(pendingToken);
  // A token we did not sign names nobody we could count or audit against.
  if (read.status === "forged") {
    countSignInFailure("forged_token");
    return null;
  }
  const { pending } = read;
  if (read.status === "expired") {
    await auditFailure(pending.tenantId, pending.userId, pending.email, "code_expired", ip, requestId);
    return null;
  }
  const key = throttleKey(pending.tenantSlug, pending.email, ip);
  const accountKey = accountThrottleKey(pending.tenantSlug, pending.email);
  if (await isLocked(key)) {
    await auditFailure(pending.tenantId, pending.userId, pending.email, "locked", ip, requestId);
    return null;
  }
  if (!(await claimAccountAttempt(accountKey))) {
    await auditFailure(pending.tenantId, pending.userId, pending.email, "account_delayed", ip, requestId);
    return null;
  }

  const outcome = await tenantTransaction(pending.tenantId, async (tx) => {
    const [found] = await tx.$queryRaw<(Omit<TSessionUser, "sessionId" | "role"> & { role: string; active: boolean; totpEnabled: boolean })[]>`
      SELECT id, tenant_id AS "tenantId", role::text AS role, partner_id AS "partnerId", session_version AS "sessionVersion", name, email,
        active, totp_enabled_at IS NOT NULL AS "totpEnabled"
      FROM "user" WHERE tenant_id = ${pending.tenantId}::uuid AND id = ${pending.userId}::uuid FOR UPDATE`;
    if (!found || !found.active || !isRole(found.role)) return { ok: false as const, failure: "inactive" as const };
    // A password change or reset since the first step, or a second factor switched off: start again.
    if (found.sessionVersion !== pending.sessionVersion || !found.totpEnabled) return { ok: false as const, failure: "code_expired" as const };
    const factor = await checkSecondFactor(tx, { tenantId: found.tenantId, userId: found.id }, code);
    if (!factor) return { ok: false as const, failure: "wrong_code" as const };
    const identity = { id: found.id, tenantId: found.tenantId, role: found.role, partnerId: found.partnerId, sessionVersion: found.sessionVersion, name: found.name, email: found.email };
    const signedIn = await startSession(tx, identity, { ip, userAgent, requestId, twoFactor: true });
    if (factor.method === "recovery_code") {
      await recordAudit(tx, { tenantId: found.tenantId, userId: found.id, requestId }, {
        action: "auth.recovery_code_used",
        entityType: "User",
        entityId: found.id,
        after: { recoveryCodesLeft: factor.recoveryCodesLeft },
      });
    }
    return { ok: true as const, signedIn };
  });

  if (!outcome.ok) {
    if (outcome.failure === "wrong_code") await recordFailure(key);
    await auditFailure(pending.tenantId, pending.userId, pending.email, outcome.failure, ip, requestId);
    return null;
  }
  await clearFailures(key);
  await clearFailures(accountKey);
  return { kind: "signed_in", ...outcome.signedIn };
}
