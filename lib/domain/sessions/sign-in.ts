import "server-only";
import { z } from "zod";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { isRole, type TRole } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import { tenantTransaction } from "@/lib/db/transaction";
import { recordAudit } from "@/lib/domain/audit/service";
import { accountThrottleKey, claimAccountAttempt, clearFailures, isLocked, recordFailure, throttleKey } from "./throttle";

const ZSignInInput = z.object({
  tenantSlug: z.string().trim().toLowerCase().min(1).max(100),
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(200),
  ip: z.string().max(100),
  requestId: z.string().max(100).optional(),
});
export type TSignInInput = z.input<typeof ZSignInInput>;

/** What the session token carries: identifiers only, re-checked against the database on every request. */
export type TSessionUser = {
  id: string;
  tenantId: string;
  role: TRole;
  partnerId: string | null;
  sessionVersion: number;
  name: string;
  email: string;
};

/** `locked`: the account is locked for this address; `account_delayed`: the account waits, whatever the address. */
type TFailureReason = "unknown_account" | "wrong_password" | "inactive" | "locked" | "account_delayed";

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

/**
 * Verifies a sign-in. Every failure — unknown tenant or e-mail, wrong password, inactive account,
 * throttled account — returns null after the same work (one argon2 verification), so neither the
 * answer nor its timing tells them apart.
 */
export async function signInWithPassword(rawInput: TSignInInput): Promise<TSessionUser | null> {
  const parsed = ZSignInInput.safeParse(rawInput);
  if (!parsed.success) {
    await verifyAgainstDummy(typeof rawInput.password === "string" ? rawInput.password : "");
    return null;
  }
  const { tenantSlug, email, password, ip, requestId } = parsed.data;
  const key = throttleKey(tenantSlug, email, ip);
  const accountKey = accountThrottleKey(tenantSlug, email);
  const tenantId = await findTenantIdBySlug(tenantSlug);
  const user = tenantId
    ? await tenantTransaction(tenantId, (tx) =>
        tx.user.findFirst({
          where: { tenantId, email },
          select: { id: true, tenantId: true, role: true, partnerId: true, sessionVersion: true, name: true, email: true, active: true, passwordHash: true },
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

  await clearFailures(key);
  await clearFailures(accountKey);
  await tenantTransaction(user.tenantId, async (tx) => {
    await tx.user.update({
      where: { tenantId_id: { tenantId: user.tenantId, id: user.id } },
      data: { lastSignInAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, { tenantId: user.tenantId, userId: user.id, requestId }, {
      action: "auth.sign_in",
      entityType: "User",
      entityId: user.id,
      after: { ip },
    });
  });
  return {
    id: user.id,
    tenantId: user.tenantId,
    role: user.role,
    partnerId: user.partnerId,
    sessionVersion: user.sessionVersion,
    name: user.name,
    email: user.email,
  };
}
