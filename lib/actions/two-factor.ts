"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser, requireSessionUserForEnrolment } from "@/lib/auth/session";
import { revokeOtherSessions, revokeSession } from "@/lib/domain/sessions/own-sessions";
import type { TDisableTwoFactorInput, TTwoFactorCodeInput } from "@/lib/domain/two-factor/schemas";
import { confirmTwoFactorSetup, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorSetup } from "@/lib/domain/two-factor/service";

// Thin adapters for /account/security. Setting up a second factor, and ending one's own sessions,
// stay open to a user the tenant's policy still waits on (requireSessionUserForEnrolment); the rest
// behaves like any other action.

const PAGE = "/account/security";

export async function startTwoFactorSetupAction() {
  const ctx = await requireSessionUserForEnrolment();
  return toActionResult(() => startTwoFactorSetup(ctx));
}

// These two answer with recovery codes shown once: the page is not revalidated under them (that
// would replace the codes on screen); the form refreshes it when the user has saved them.
export async function confirmTwoFactorSetupAction(input: TTwoFactorCodeInput) {
  const ctx = await requireSessionUserForEnrolment();
  return toActionResult(() => confirmTwoFactorSetup(ctx, input));
}

export async function regenerateRecoveryCodesAction(input: TTwoFactorCodeInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => regenerateRecoveryCodes(ctx, input));
}

export async function disableTwoFactorAction(input: TDisableTwoFactorInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await disableTwoFactor(ctx, input);
    revalidatePath(PAGE);
  });
}

export async function revokeOtherSessionsAction() {
  const ctx = await requireSessionUserForEnrolment();
  return toActionResult(async () => {
    const result = await revokeOtherSessions(ctx);
    revalidatePath(PAGE);
    return result;
  });
}

export async function revokeSessionAction(sessionId: string) {
  const ctx = await requireSessionUserForEnrolment();
  return toActionResult(async () => {
    await revokeSession(ctx, sessionId);
    revalidatePath(PAGE);
  });
}
