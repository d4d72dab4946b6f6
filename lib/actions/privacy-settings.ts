"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { publishClause } from "@/lib/domain/privacy/clauses";
import type { TClauseInput, TPrivacySettingsInput } from "@/lib/domain/privacy/consent-schemas";
import { updatePrivacySettings } from "@/lib/domain/privacy/settings";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

/** Sets the retention rules (the page shows the end of retention they give). */
export async function updatePrivacySettingsAction(input: TPrivacySettingsInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await updatePrivacySettings(ctx, input);
    revalidatePath("/privacy/settings");
  });
}

/** Publishes the next version of the information clause; the answer is its number. */
export async function publishClauseAction(input: TClauseInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const clause = await publishClause(ctx, input);
    revalidatePath("/privacy/settings");
    return { version: clause.version };
  });
}
