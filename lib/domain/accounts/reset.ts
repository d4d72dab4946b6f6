import "server-only";
import { z } from "zod";
import { tenantTransaction, transaction } from "@/lib/db/transaction";
import { recordAudit } from "@/lib/domain/audit/service";
import { accountThrottleKey, claimAccountAttempt, isLocked, recordFailure, throttleKey } from "@/lib/domain/sessions/throttle";
import { queueAccountEmail } from "./mail-job";
import { ZForgotPasswordForm } from "./schemas";
import { findTenantIdBySlug } from "@/lib/domain/sessions/sign-in";

const ZRequestPasswordResetInput = ZForgotPasswordForm.extend({
  ip: z.string().max(100),
  requestId: z.string().max(100).optional(),
});
export type TRequestPasswordResetInput = z.input<typeof ZRequestPasswordResetInput>;

/**
 * The reset requests' own throttle keys, beside the sign-in's in the same table and counted by the
 * same rules (lib/domain/sessions/throttle.ts): per account and address, and per account whatever
 * the address. Their own budget, so that reset requests neither lock anyone's sign-in nor are let
 * through by a successful one.
 */
export function resetThrottleKeys(tenantSlug: string, email: string, ip: string) {
  return { key: `reset:${throttleKey(tenantSlug, email, ip)}`, accountKey: `reset:${accountThrottleKey(tenantSlug, email)}` };
}

/** Why a request sent no link (the audit's reason codes, shared with the sign-in). */
type TRefusal = "unknown_account" | "inactive" | "locked" | "account_delayed";

/**
 * "Forgot password". Answers nothing — the caller shows one generic message whatever happened —
 * and does the same work whatever happened: looks up the tenant and the user, counts the request
 * against the throttle, writes one audit row and queues one `account.email` job (with no user when
 * the address may not get a link: the job then sends nothing). So neither the answer nor its
 * timing tells whether an address has an account. The link itself is minted, and mailed, by the job.
 *
 * Every request counts: after 5 for one account from one address within 15 minutes, that address
 * gets no link for 15 minutes; after 10 in a row for an account, from anywhere, each further one
 * waits longer (the sign-in's rules and numbers). A throttled request is answered and queued like
 * any other — its job just has no user. Using a link clears the account's counts.
 */
export async function requestPasswordReset(rawInput: TRequestPasswordResetInput): Promise<void> {
  const parsed = ZRequestPasswordResetInput.safeParse(rawInput);
  if (!parsed.success) return;
  const { tenantSlug, email, ip, requestId } = parsed.data;
  const { key, accountKey } = resetThrottleKeys(tenantSlug, email, ip);
  const tenantId = await findTenantIdBySlug(tenantSlug);
  const user = tenantId
    ? await tenantTransaction(tenantId, (tx) => tx.user.findFirst({ where: { tenantId, email }, select: { id: true, active: true } }))
    : null;

  let refusal: TRefusal | null = null;
  if (await isLocked(key)) refusal = "locked";
  else if (!(await claimAccountAttempt(accountKey))) refusal = "account_delayed";
  else {
    await recordFailure(key);
    if (!user) refusal = "unknown_account";
    else if (!user.active) refusal = "inactive";
  }

  const job = { tenantId, userId: refusal === null && user ? user.id : null, purpose: "RESET" as const };
  if (!tenantId) {
    // No tenant, no trail to write into: the job alone.
    await transaction((tx) => queueAccountEmail(tx, job));
    return;
  }
  await tenantTransaction(tenantId, async (tx) => {
    await queueAccountEmail(tx, job);
    if (refusal === null) {
      await recordAudit(tx, { tenantId, userId: null, requestId }, { action: "account.reset_requested", entityType: "User", entityId: user?.id ?? null, after: { ip } });
    } else {
      await recordAudit(tx, { tenantId, userId: null, requestId }, {
        action: "account.reset_request_failed",
        entityType: "User",
        entityId: user?.id ?? null,
        after: { email, reason: refusal, ip },
      });
    }
  });
}
