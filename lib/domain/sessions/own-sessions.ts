import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_REFRESH_AFTER_SECONDS } from "@/lib/auth/session-token";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { describeUserAgent, type TDevice } from "./user-agent";

/**
 * A user's own sessions (issue 17): the list on /account/security and "sign out other sessions".
 * Each sign-in creates a row (lib/domain/sessions/sign-in.ts); the per-request check refuses a
 * token whose row is revoked.
 */

/**
 * Since when a session row can still be alive: signed in within the absolute lifetime, and seen
 * within the idle timeout plus the interval at which both the cookie and `last_seen_at` are
 * refreshed (a request refreshes each only when older than that). Older rows are dead anyway.
 */
export function liveSessionBounds(now = new Date()) {
  return {
    createdAfter: new Date(now.getTime() - SESSION_ABSOLUTE_SECONDS * 1000),
    seenAfter: new Date(now.getTime() - (SESSION_IDLE_SECONDS + SESSION_REFRESH_AFTER_SECONDS) * 1000),
  };
}

export type TOwnSession = {
  id: string;
  device: TDevice;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  twoFactor: boolean;
  /** The session of this request. */
  current: boolean;
};

/** The caller's live sessions, the current one first, then the most recently seen. */
export async function loadOwnSessions(tx: TTx, ctx: TContext): Promise<TOwnSession[]> {
  const { createdAfter, seenAfter } = liveSessionBounds();
  const rows = await tx.userSession.findMany({
    where: { tenantId: ctx.tenantId, userId: ctx.userId, revokedAt: null, createdAt: { gt: createdAfter }, lastSeenAt: { gt: seenAfter } },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true, twoFactor: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
  const sessions = rows.map(({ userAgent, ...row }) => ({ ...row, device: describeUserAgent(userAgent), current: row.id === ctx.sessionId }));
  return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
}

/** Revokes the caller's sessions but `keep` (in the caller's transaction); how many were ended. */
export async function revokeSessionsBut(tx: TTx, ctx: TContext, keep: string | undefined): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { tenantId: ctx.tenantId, userId: ctx.userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/**
 * "Wyloguj pozostałe sesje": every other session of the caller ends at its next request; this one
 * goes on. Audited with the number ended.
 */
export async function revokeOtherSessions(ctx: TContext): Promise<{ sessionsEnded: number }> {
  await assertCan(ctx, "account.manage_own");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const sessionsEnded = await revokeSessionsBut(tx, ctx, ctx.sessionId);
    await recordAudit(tx, auditActor(ctx), { action: "auth.sessions_revoked", entityType: "User", entityId: ctx.userId, after: { sessionsEnded } });
    return { sessionsEnded };
  });
}

/**
 * Ends one of the caller's own sessions (a browser left signed in elsewhere). Another user's
 * session — of this tenant or another — answers exactly like a missing one.
 */
export async function revokeSession(ctx: TContext, sessionId: string): Promise<{ id: string }> {
  await assertCan(ctx, "account.manage_own");
  assertId(sessionId, "UserSession");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { tenantId: ctx.tenantId, userId: ctx.userId, id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) throw notFound("UserSession");
    await recordAudit(tx, auditActor(ctx), {
      action: "auth.sessions_revoked",
      entityType: "User",
      entityId: ctx.userId,
      after: { sessionsEnded: 1 },
    });
    return { id: sessionId };
  });
}
