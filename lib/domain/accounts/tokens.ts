import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TTx } from "@/lib/db/transaction";
import { isLinkUsable, linkExpiresAt, type TAccountLinkPurpose } from "./policy";

/**
 * The single-use links of invitations and password resets. A token is 32 random bytes (base64url
 * in the link); the database keeps only its SHA-256, so a copy of the table (a backup, a replica,
 * someone reading it) opens no account. The token itself exists in the e-mail alone: it is minted
 * by the job that sends the e-mail (send-account-email.ts), never in job data, never logged.
 *
 * Lock order, everywhere: the user's row, then their tokens. Issuing and using both take the
 * user's row first, so two links issued at once cannot both stay valid, two uses of one link
 * cannot both succeed, and an issue racing a use cannot deadlock with it.
 */

const TOKEN_BYTES = 32;

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

type TLockedUser = { id: string; email: string; name: string; locale: string; active: boolean; passwordSetAt: Date | null };

/** Locks the user's row (the first lock of every link operation); null when there is no such user in the tenant. */
export async function lockLinkUser(tx: TTx, tenantId: string, userId: string): Promise<TLockedUser | null> {
  const [user] = await tx.$queryRaw<TLockedUser[]>`
    SELECT id, email, name, locale, active, password_set_at AS "passwordSetAt"
    FROM "user" WHERE tenant_id = ${tenantId}::uuid AND id = ${userId}::uuid FOR UPDATE`;
  return user ?? null;
}

/**
 * Mints a link for a user whose row the caller has locked ({@link lockLinkUser}): voids the user's
 * earlier unused links of the same purpose (their expiry moves to now) and stores the new one's
 * hash. Returns the token — for the e-mail only.
 */
export async function issueAccountToken(
  tx: TTx,
  link: { tenantId: string; userId: string; purpose: TAccountLinkPurpose },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = linkExpiresAt(link.purpose, now);
  await tx.accountToken.updateMany({
    where: { tenantId: link.tenantId, userId: link.userId, purpose: link.purpose, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  await tx.accountToken.create({
    data: { tenantId: link.tenantId, userId: link.userId, purpose: link.purpose, tokenHash: hashAccountToken(token), expiresAt },
    select: { id: true },
  });
  return { token, expiresAt };
}

export type TLinkHolder = { userId: string; purpose: TAccountLinkPurpose; email: string; passwordSetAt: Date | null };

/** The user a usable link belongs to, without using it (the page that shows the form); null for any other link. */
export async function findUsableLink(tx: TTx, tenantId: string, token: string, now: Date = new Date()): Promise<TLinkHolder | null> {
  const found = await tx.accountToken.findFirst({
    where: { tenantId, tokenHash: hashAccountToken(token) },
    select: { userId: true, purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true, active: true, passwordSetAt: true } } },
  });
  if (!found || !found.user.active || !isLinkUsable(found, now)) return null;
  return { userId: found.userId, purpose: found.purpose, email: found.user.email, passwordSetAt: found.user.passwordSetAt };
}

/**
 * Uses a link, once: locks its user and then the link, checks it is unused, unexpired and its user
 * active, marks it used and voids every other unused link of the user (a reset used makes a pending
 * invitation useless, and the reverse). Null — and nothing written — for an unknown, expired, used
 * or voided link. Two uses of one link at once: the second waits for the first's lock and finds it used.
 */
export async function consumeAccountToken(tx: TTx, tenantId: string, token: string, now: Date = new Date()): Promise<TLinkHolder | null> {
  const tokenHash = hashAccountToken(token);
  const owner = await tx.accountToken.findFirst({ where: { tenantId, tokenHash }, select: { userId: true } });
  if (!owner) return null;
  const user = await lockLinkUser(tx, tenantId, owner.userId);
  const [link] = await tx.$queryRaw<{ id: string; purpose: TAccountLinkPurpose; usedAt: Date | null; expiresAt: Date }[]>`
    SELECT id, purpose, used_at AS "usedAt", expires_at AS "expiresAt"
    FROM account_token WHERE tenant_id = ${tenantId}::uuid AND token_hash = ${tokenHash} FOR UPDATE`;
  if (!user || !link || !user.active || !isLinkUsable(link, now)) return null;
  await tx.accountToken.update({ where: { tenantId_id: { tenantId, id: link.id } }, data: { usedAt: now }, select: { id: true } });
  await tx.accountToken.updateMany({
    where: { tenantId, userId: user.id, usedAt: null, expiresAt: { gt: now }, id: { not: link.id } },
    data: { expiresAt: now },
  });
  return { userId: user.id, purpose: link.purpose, email: user.email, passwordSetAt: user.passwordSetAt };
}
